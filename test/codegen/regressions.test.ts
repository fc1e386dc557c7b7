/**
 * One test per fault found by trying to break codegen, named after the fault.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { PROJECT_ROOT } from '../support/cli.js';
import { declarations, documentWithPayloads, generateInline, type InlineResult } from '../support/codegen.js';
import { callsIn, typecheck } from '../support/typescript.js';

const outputs: InlineResult[] = [];

async function generateChecked(document: string): Promise<InlineResult> {
  const result = await generateInline({ 'doc.yaml': document });
  expect(result.diagnostics.filter((d) => d.includes(': error: '))).toEqual([]);
  outputs.push(result);
  return result;
}

describe('codegen regressions', () => {
  it('an operation id that closes a comment stays inside it', async () => {
    const document = documentWithPayloads({ thing: 'type: string' })
      .replace('action: send', 'action: receive')
      .replace('  sendThings:', `  'x*/ console.log("pwned"); /*':`);
    const result = await generateChecked(document);
    for (const [file, content] of result.files) {
      if (file.endsWith('.ts')) expect(callsIn(content), file).not.toContain('console.log');
    }
  });

  it('recursive schemas that pass through no object are declared by name', async () => {
    const result = await generateChecked(
      documentWithPayloads(
        { thing: "type: object\nproperties:\n  json: { $ref: '#/components/schemas/Json' }" },
        `  schemas:
    Json:
      oneOf:
        - type: string
        - type: array
          items: { $ref: '#/components/schemas/Json' }
        - type: object
          additionalProperties: { $ref: '#/components/schemas/Json' }
`,
      ),
    );
    expect(declarations(result.file('doc/types.ts'))).toContain(
      'export type Json = string | Json[] | { [key: string]: Json };',
    );
  });

  it('a message named batch does not clash with publishBatch', async () => {
    const result = await generateChecked(documentWithPayloads({ batch: 'type: string' }));
    const producers = result.file('doc/producers.ts');
    expect(producers).toContain('publishBatch2(payload: BatchPayload');
    expect(producers).toContain('publishBatch(events:');
  });

  it('a schema named like the batch event union does not clash with it', async () => {
    const result = await generateChecked(
      documentWithPayloads(
        { thing: "$ref: '#/components/schemas/SendThingsProducerEvent'" },
        '  schemas:\n    SendThingsProducerEvent:\n      type: object\n      properties: { a: { type: string } }\n',
      ),
    );
    expect(result.file('doc/producers.ts')).toContain('export type SendThingsProducerEvent2 =');
  });

  it('an id used instead of a shared name never collides with another event type', async () => {
    const document = documentWithPayloads({ first: 'type: string', second: 'type: string', third: 'type: string' })
      .replace('      name: first\n', '      name: thing.happened\n')
      .replace('      name: second\n', '      name: thing.happened\n')
      .replace('      name: third\n', '      name: first\n');
    const result = await generateChecked(document);
    const eventTypes = [...result.file('doc/descriptors.ts').matchAll(/eventType: "([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(eventTypes).size).toBe(3);
    expect(eventTypes.sort()).toEqual(['first', 'second', 'third']);
  });

  it('parameters that differ only by case get their own arguments, typed by their enums', async () => {
    const document = documentWithPayloads({ thing: 'type: string' })
      .replace('    address: things\n', '    address: things.{userId}.{user_id}.{region}\n    parameters:\n      userId: {}\n      user_id: {}\n      region:\n        enum: [eu, us]\n');
    const result = await generateChecked(document);
    expect(result.file('doc/producers.ts')).toContain(
      'parameters: { userId: string; userId2: string; region: "eu" | "us" }',
    );
  });

  it('a nullable component used as a property keeps | null', async () => {
    const result = await generateChecked(
      documentWithPayloads(
        { thing: "type: object\nproperties:\n  a: { $ref: '#/components/schemas/Maybe' }\n  b: { $ref: '#/components/schemas/Maybe' }" },
        "  schemas:\n    Maybe:\n      type: [object, 'null']\n      properties: { x: { type: string } }\n",
      ),
    );
    const types = result.file('doc/types.ts');
    expect(types).toContain('a?: Maybe | null;');
    expect(types).toContain('b?: Maybe | null;');
  });

  it('a closed object without properties admits only the empty object', async () => {
    const result = await generateChecked(documentWithPayloads({ thing: 'type: object\nadditionalProperties: false' }));
    expect(declarations(result.file('doc/types.ts'))).toBe(`export interface ThingPayload {
  [key: string]: never;
}`);
  });

  it('a payload that only looks like the envelope is published whole', async () => {
    const result = await generateChecked(
      documentWithPayloads({
        thing: `type: object
required: [event_type, event_id, timestamp, data, tenant]
properties:
  event_type: { type: string }
  event_id: { type: string }
  timestamp: { type: string }
  data: { type: object }
  tenant: { type: string }`,
      }),
    );
    expect(result.file('doc/descriptors.ts')).toContain('envelope: false,');
    expect(result.file('doc/producers.ts')).toContain('publishThing(payload: ThingPayload');
  });

  it('2.x messages declared inline keep their event type when a channel is added before them', async () => {
    const version = (channels: string) => `asyncapi: 2.6.0
info: { title: Inline, version: '1' }
channels:
${channels}  orders:
    subscribe:
      message:
        payload: { type: string }
`;
    const before = await generateChecked(version(''));
    const after = await generateChecked(version('  audits:\n    subscribe:\n      message:\n        payload: { type: integer }\n'));
    const typeOf = (result: InlineResult) => /eventType: "([^"]+)"/.exec(result.file('doc/descriptors.ts'))?.[1];
    expect(typeOf(before)).toBe('ordersSubscribe');
    expect(after.file('doc/descriptors.ts')).toContain('eventType: "ordersSubscribe"');
  });
});

describe('the outputs above', async () => {
  const dir = await mkdtemp(path.join(PROJECT_ROOT, 'tmp-regressions-'));
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('compile under the strict tsconfig, in one program', async () => {
    expect(outputs.length).toBeGreaterThan(5);
    for (const [index, result] of outputs.entries()) {
      for (const [file, content] of result.files) {
        const target = path.join(dir, `case${index}`, file);
        await mkdir(path.dirname(target), { recursive: true });
        // Generated imports of the runtime are relative to where codegen would write.
        await writeFile(target, content.replaceAll(/'(\.\.\/)+[^']*src\/runtime\/index\.js'/g, "'../../../src/runtime/index.js'"));
      }
    }
    await writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../tsconfig.json', include: ['.', '../src/runtime'] }));
    expect(typecheck(path.join(dir, 'tsconfig.json'))).toBe('');
  });
});
