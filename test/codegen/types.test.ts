import { describe, expect, it } from 'vitest';

import { declarations, documentWithPayloads, generateInline } from '../support/codegen.js';

async function typesOf(payload: string, extra = ''): Promise<string> {
  const result = await generateInline({ 'doc.yaml': documentWithPayloads({ thing: payload }, extra) });
  expect(result.diagnostics.filter((d) => d.includes('error'))).toEqual([]);
  return declarations(result.file('doc/types.ts'));
}

describe('payload types', () => {
  it('keeps JSON keys as they are, quoting those that are not identifiers', async () => {
    const types = await typesOf(`
type: object
required: [Lines]
properties:
  Lines: { type: string }
  lines: { type: number }
  line-items: { type: string }
  toString: { type: string }
  constructor: { type: string }
  class: { type: boolean }
`);
    expect(types).toBe(`export interface ThingPayload {
  Lines: string;
  lines?: number;
  "line-items"?: string;
  toString?: string;
  "constructor"?: string;
  class?: boolean;
}`);
  });

  it('keeps the JSON types of enum values and escapes every string', async () => {
    const types = await typesOf(`
type: object
properties:
  kind:
    enum: ['a"b', 'c\\d', "new\\nline", '\`tick\` \${x}', true, null, 3]
`);
    expect(types).toBe(`export type ThingPayloadKind =
  | "a\\"b"
  | "c\\\\d"
  | "new\\nline"
  | "\`tick\` \${x}"
  | true
  | null
  | 3;

export interface ThingPayload {
  kind?: ThingPayloadKind;
}`);
  });

  it('types each oneOf branch that narrows a shared property by its own narrowing', async () => {
    const types = await typesOf(`
type: object
required: [kind]
properties:
  kind: { type: string, enum: [p, q] }
  p: { type: string }
  q: { type: number }
oneOf:
  - { properties: { kind: { const: p } }, required: [p] }
  - { properties: { kind: { const: q } }, required: [q] }
`);
    expect(types).toBe(`export type ThingPayloadOption1Kind = "p";

export interface ThingPayloadOption1 {
  kind: ThingPayloadOption1Kind;
  p: string;
  q?: number;
}

export type ThingPayloadOption2Kind = "q";

export interface ThingPayloadOption2 {
  kind: ThingPayloadOption2Kind;
  p?: string;
  q: number;
}

export type ThingPayload = ThingPayloadOption1 | ThingPayloadOption2;`);
  });

  it('keeps a key the schema requires without declaring it', async () => {
    const types = await typesOf(`
type: object
required: [id, valueOf, extra]
properties:
  id: { type: string }
`);
    expect(types).toBe(`export interface ThingPayload {
  id: string;
  valueOf: unknown;
  extra: unknown;
}`);
  });

  it('types enum and const values that are objects or arrays as those values', async () => {
    const types = await typesOf(`
type: object
properties:
  choice:
    enum: [{ kind: a, size: 2 }, [1, 'x'], {}, s]
  fixed:
    const: { on: true }
`);
    expect(types).toBe(`export type ThingPayloadChoice = {
      kind: "a";
      size: 2;
    } | [1, "x"] | { [key: string]: never } | "s";

export interface ThingPayload {
  choice?: ThingPayloadChoice;
  fixed?: {
      on: true;
    };
}`);
  });

  it('makes an object whose anyOf only requires keys a union of whole objects', async () => {
    const types = await typesOf(`
type: object
properties:
  contact:
    type: object
    properties:
      email: { type: string }
      phone: { type: string }
    anyOf:
      - required: [email]
      - required: [phone]
`);
    expect(types).toBe(`export interface ThingPayloadContactOption1 {
  email: string;
  phone?: string;
}

export interface ThingPayloadContactOption2 {
  email?: string;
  phone: string;
}

export interface ThingPayload {
  contact?: ThingPayloadContactOption1 | ThingPayloadContactOption2;
}`);
  });

  it('makes every spelling of nullable into | null', async () => {
    const types = await typesOf(`
type: object
properties:
  typeList: { type: [string, 'null'] }
  openApiStyle: { type: string, nullable: true }
  oneOfNull:
    oneOf:
      - type: integer
      - type: 'null'
  onlyNull: { type: 'null' }
`);
    expect(types).toBe(`export interface ThingPayload {
  typeList?: string | null;
  openApiStyle?: string | null;
  oneOfNull?: number | null;
  onlyNull?: null;
}`);
  });

  it('makes const a literal and oneOf/anyOf unions', async () => {
    const types = await typesOf(`
type: object
properties:
  fixed: { const: fixed }
  either:
    anyOf:
      - type: string
      - type: object
        properties:
          a: { type: string }
`);
    expect(types).toBe(`export interface ThingPayloadEitherOption2 {
  a?: string;
}

export interface ThingPayload {
  fixed?: "fixed";
  either?: string | ThingPayloadEitherOption2;
}`);
  });

  it('keeps the required keys of every allOf part', async () => {
    const types = await typesOf(`
allOf:
  - type: object
    required: [x]
    properties:
      x: { type: string }
  - type: object
    required: [y]
    properties:
      y: { type: integer }
`);
    expect(types).toBe(`export interface ThingPayload {
  x: string;
  y: number;
}`);
  });

  it('turns additionalProperties into an index signature or nothing, never a member', async () => {
    const types = await typesOf(`
type: object
properties:
  closed:
    type: object
    additionalProperties: false
    properties:
      a: { type: string }
  map:
    type: object
    additionalProperties: { type: integer }
  free:
    type: object
  open:
    type: object
    properties:
      a: { type: string }
`);
    expect(types).not.toContain('additionalProperties');
    expect(types).toBe(`export interface ThingPayloadClosed {
  a?: string;
}

export interface ThingPayloadOpen {
  a?: string;
}

export interface ThingPayload {
  closed?: ThingPayloadClosed;
  map?: { [key: string]: number };
  free?: { [key: string]: unknown };
  open?: ThingPayloadOpen;
}`);
  });

  it('types the keys of patternProperties, also when additionalProperties is false', async () => {
    const types = await typesOf(`
type: object
properties:
  onlyPatterns:
    type: object
    additionalProperties: false
    patternProperties:
      "^x-": { type: string }
  patternsAndKeys:
    type: object
    additionalProperties: false
    properties:
      id: { type: integer }
    patternProperties:
      "^x-": { type: string }
  open:
    type: object
    patternProperties:
      "^x-": { type: string }
`);
    expect(types).toBe(`export interface ThingPayloadOnlyPatterns {
  [key: string]: string;
}

export interface ThingPayloadPatternsAndKeys {
  [key: string]: string | number;
  id?: number;
}

export interface ThingPayload {
  onlyPatterns?: ThingPayloadOnlyPatterns;
  patternsAndKeys?: ThingPayloadPatternsAndKeys;
  open?: { [key: string]: unknown };
}`);
  });

  it('keeps the names of a message when an unrelated message comes before it', async () => {
    const order = `type: object
properties:
  lines:
    type: array
    items: { type: object, properties: { sku: { type: string } } }
  customer: { $ref: '#/components/schemas/Customer' }`;
    const components = `  schemas:
    Customer: { type: object, properties: { id: { type: string } } }`;
    const namesIn = async (payloads: Record<string, string>): Promise<string[]> => {
      const result = await generateInline({ 'doc.yaml': documentWithPayloads(payloads, components) });
      expect(result.diagnostics.filter((d) => d.includes('error'))).toEqual([]);
      return [...result.file('doc/types.ts').matchAll(/^export (?:interface|type) (\w+)/gm)]
        .map((match) => match[1] as string);
    };
    const alone = await namesIn({ order });
    const after = await namesIn({
      audit: 'type: object\nproperties:\n  lines: { type: array, items: { type: integer } }',
      order,
    });
    expect(alone).toEqual(['OrderPayloadLinesItem', 'Customer', 'OrderPayload']);
    expect(after).toEqual(expect.arrayContaining(alone));
  });

  it('names types from component keys and property paths, never AnonymousSchema', async () => {
    const types = await typesOf(
      `
type: object
properties:
  lines:
    type: array
    items:
      type: object
      properties:
        sku: { type: string }
  customer:
    $ref: '#/components/schemas/com.example.dto.Customer'
`,
      `  schemas:
    com.example.dto.Customer:
      type: object
      properties:
        name: { type: string }
`,
    );
    expect(types).not.toMatch(/Anonymous/i);
    expect(types).toContain('export interface ThingPayloadLinesItem {');
    expect(types).toContain('export interface Customer {');
    expect(types).toContain('lines?: ThingPayloadLinesItem[];');
    expect(types).toContain('customer?: Customer;');
  });

  it('declares recursive schemas by name', async () => {
    const types = await typesOf(
      `$ref: '#/components/schemas/Node'`,
      `  schemas:
    Node:
      type: object
      properties:
        value: { type: string }
        children:
          type: array
          items:
            $ref: '#/components/schemas/Node'
`,
    );
    expect(types).toBe(`export interface Node {
  value?: string;
  children?: Node[];
}`);
  });

  it('tells apart two schemas that would get one name, and says so', async () => {
    const result = await generateInline({
      'doc.yaml': documentWithPayloads(
        {
          thing: `
type: object
properties:
  a: { $ref: '#/components/schemas/Item' }
  b: { $ref: '#/components/schemas/item' }`,
        },
        `  schemas:
    Item:
      type: object
      properties: { x: { type: string } }
    item:
      type: object
      properties: { y: { type: string } }
`,
      ),
    });
    const types = result.file('doc/types.ts');
    expect(types).toContain('export interface Item {');
    expect(types).toContain('export interface Item2 {');
    expect(result.diagnostics.some((d) => d.includes('would both be named Item'))).toBe(true);
  });

  it('types tuples by position: optional past minItems, open unless closed', async () => {
    const types = await typesOf(`
type: object
properties:
  open:
    type: array
    items: [{ type: string }, { type: number }]
  closed:
    type: array
    minItems: 1
    additionalItems: false
    items: [{ type: string }, { type: [number, 'null'] }]
`);
    expect(types).toBe(`export interface ThingPayload {
  open?: [string?, number?, ...unknown[]];
  closed?: [string, (number | null)?];
}`);
  });

  it('types message headers', async () => {
    const result = await generateInline({
      'doc.yaml': documentWithPayloads({ thing: 'type: string' }).replace(
        '      name: thing\n',
        '      name: thing\n      headers:\n        type: object\n        properties:\n          trace-id: { type: string }\n',
      ),
    });
    expect(result.file('doc/types.ts')).toContain(`export interface ThingHeaders {
  "trace-id"?: string;
}`);
  });
});
