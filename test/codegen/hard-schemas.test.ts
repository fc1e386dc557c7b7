import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { generateInline } from '../support/codegen.js';
import { PROJECT_ROOT } from '../support/cli.js';

/**
 * Schemas that a helper found while attacking the shared validators: each made codegen
 * throw, or made a validator wrong, and each now either compiles right or ends in a
 * located error.
 */
const document = (messages: string, components = '') => `asyncapi: 3.0.0
info: { title: T, version: '1' }
channels:
  c:
    address: c
    messages:
${messages}
${components}`;

type Validate = (value: unknown) => boolean;

describe('hard schemas', async () => {
  const dir = await mkdtemp(path.join(PROJECT_ROOT, 'tmp-hard-schemas-'));
  afterAll(() => rm(dir, { recursive: true, force: true }));
  let loaded = 0;
  /** The validators codegen wrote for a document, loaded as a service would load them. */
  const validatorsOf = async (text: string): Promise<Record<string, Validate>> => {
    const result = await generateInline({ 'doc.yaml': text });
    expect(result.diagnostics.filter((line) => line.includes(': error: '))).toEqual([]);
    const file = path.join(dir, `validators-${loaded++}.cjs`);
    await writeFile(file, result.file('doc/validators.cjs'));
    return createRequire(import.meta.url)(file) as Record<string, Validate>;
  };
  const errorsOf = async (text: string): Promise<string[]> =>
    (await generateInline({ 'doc.yaml': text })).diagnostics
      .filter((line) => line.includes(': error: '));

  it('checks contains inside a loop over properties, in a message of its own', async () => {
    // Ajv 8 carries one property's contains result into the next when it is inline.
    const validators = await validatorsOf(document('      a: { payload: { type: object, ' +
      'additionalProperties: { type: array, contains: { type: integer } } } }'));
    expect(validators['validateA']?.({ q: [1], ab: [] })).toBe(false);
    expect(validators['validateA']?.({ q: [1], ab: ['x', 2] })).toBe(true);
  });

  it('reads an OpenAPI 3.0 exclusive bound as the bound it is', async () => {
    const validators = await validatorsOf(document(`      a:
        payload:
          schemaFormat: application/vnd.oai.openapi;version=3.0.0
          schema: { type: object, properties: { n: { type: integer, minimum: 1, exclusiveMinimum: true }, m: { type: integer, maximum: 5, exclusiveMaximum: false } } }`));
    const validate = validators['validateA'];
    expect([validate?.({ n: 1 }), validate?.({ n: 2 }), validate?.({ m: 5 })])
      .toEqual([false, true, true]);
  });

  it('leaves out anchors, which the parser has resolved and Ajv may refuse', async () => {
    const validators = await validatorsOf(document('      a: { payload: { type: object, ' +
      'properties: { v: { type: string, $anchor: "1bad" }, w: { type: object, $anchor: dup }, ' +
      'x: { type: object, $anchor: dup } } } }'));
    expect(validators['validateA']?.({ v: 1 })).toBe(false);
  });

  it('refuses a schema that refers to itself through a keyword that is no subschema',
    async () => {
      const errors = await errorsOf(document("      a: { payload: { $ref: '#/components/schemas/Node' } }",
        `components:
  schemas:
    Node:
      type: object
      dependentSchemas: { v: { $ref: '#/components/schemas/Node' } }`));
      expect(errors).toEqual([expect.stringMatching(
        /^doc\.yaml:7:\d+: error: message "a" has a payload schema that is not valid JSON Schema: \/dependentSchemas\/v\S* refers back to a schema that contains it/)]);
    });

  it('refuses a schema nested deeper than Ajv can compile, without naming every step',
    async () => {
      let schema = '{ type: string }';
      for (let level = 0; level < 300; level += 1) schema = `{ type: object, properties: { a: ${schema} } }`;
      const errors = await errorsOf(document(`      a: { payload: ${schema} }`));
      expect(errors).toEqual([expect.stringMatching(/nested deeper than codegen compiles \(more than 500 steps from its root\)$/)]);
    });

  it('locates a bad keyword of a referenced schema at the message, not at line 1',
    async () => {
      const errors = await errorsOf(document("      a: { payload: { $ref: '#/components/schemas/Inner' } }",
        `components:
  schemas:
    Inner: { type: object, properties: { bad: { type: array, maxItems: 1e400 } } }`));
      expect(errors).toEqual([expect.stringMatching(
        /^doc\.yaml:7:\d+: error: .*\/properties\/bad\/maxItems must be integer$/)]);
    });

  it('takes properties named like Object.prototype members as ordinary properties', async () => {
    const text = document('      a: { payload: { type: object, required: [valueOf], properties: ' +
      '{ toString: { type: object, properties: { a: { type: string } } }, ' +
      'constructor: { type: array, items: { type: string } }, valueOf: { type: integer } } } }');
    const result = await generateInline({ 'doc.yaml': text });
    expect(result.diagnostics.filter((line) => line.includes(': error: '))).toEqual([]);
    expect(result.file('doc/types.ts')).toContain([
      'export interface APayloadToString {',
      '  a?: string;',
      '}',
      '',
      'export interface APayload {',
      '  toString?: APayloadToString;',
      '  "constructor"?: string[];',
      '  valueOf: number;',
      '}',
    ].join('\n'));

    // A JSON object without those keys still has them through its prototype; the
    // validator must look at its own keys only.
    const { validateA } = await validatorsOf(text);
    expect(validateA?.({ valueOf: 1 })).toBe(true);
    expect(validateA?.({ valueOf: 1, toString: { a: 'x' }, constructor: ['y'] })).toBe(true);
    expect(validateA?.({})).toBe(false);
    expect(validateA?.({ valueOf: 1, toString: 'not an object' })).toBe(false);
  });
});
