import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { shareSubschemas } from '../../src/codegen/emit/shared-subschemas.js';
import { documentWithPayloads, generateInline } from '../support/codegen.js';
import { PROJECT_ROOT } from '../support/cli.js';

const data = `
type: object
required: [id, lines]
properties:
  id: { type: string, format: uuid }
  lines:
    type: array
    items:
      type: object
      required: [sku]
      properties:
        sku: { type: string, minLength: 1 }`;

const payload = (eventType: string) => `
type: object
required: [event_type, data]
properties:
  event_type: { type: string, const: ${eventType} }
  data:
${data.trim().split('\n').map((line) => `    ${line}`).join('\n')}`;

describe('subschemas that several messages share', () => {
  it('are taken out once and referenced wherever they occurred', () => {
    const part = { type: 'object', properties: { id: { type: 'string' } } };
    const { schemas, shared } = shareSubschemas([
      { exportName: 'validateA', schema: { type: 'object', properties: { data: { ...part } } } },
      { exportName: 'validateB', schema: { allOf: [{ ...part }, { required: ['id'] }] } },
      { exportName: 'validateC', schema: { type: 'object', properties: { only: { ...part,
        description: 'differs, so stays' } } } },
    ]);

    expect(shared).toEqual([{ id: 'shared0', schema: part }]);
    expect(schemas.map((entry) => entry.schema)).toEqual([
      { type: 'object', properties: { data: { $ref: 'shared0' } } },
      { allOf: [{ $ref: 'shared0' }, { required: ['id'] }] },
      { type: 'object', properties: { only: { ...part, description: 'differs, so stays' } } },
    ]);
  });

  it('take out only the outermost of parts that occur only inside one another', () => {
    // Each level taken out as well made a chain of references that Ajv compiled by
    // recursion, overflowing its stack at half the depth it manages otherwise.
    const inner = { type: 'object', properties: { c: { type: 'string' } } };
    const middle = { type: 'object', properties: { b: inner } };
    const outer = { type: 'object', properties: { a: middle } };
    const twice = { type: 'object', properties: { x: inner, y: { ...inner } } };
    const { shared } = shareSubschemas([
      { exportName: 'validateA', schema: { properties: { one: outer } } },
      { exportName: 'validateB', schema: { items: outer } },
      { exportName: 'validateC', schema: twice },
    ]);

    // `middle` occurs only inside `outer` and stays in it; `inner` occurs elsewhere too.
    expect(Object.fromEntries(shared.map(({ id, schema }) => [id, schema]))).toEqual({
      shared0: { type: 'object', properties: { a: { type: 'object',
        properties: { b: { $ref: 'shared1' } } } } },
      shared1: inner,
    });
  });

  it('leave a part with a $ref where it is, since the reference is resolved against its root',
    () => {
      const recursive = { type: 'object', properties: { next: { $ref: '#/definitions/node' } } };
      const { schemas, shared } = shareSubschemas([
        { exportName: 'validateA', schema: { properties: { a: recursive } } },
        { exportName: 'validateB', schema: { properties: { b: recursive } } },
      ]);

      expect(shared).toEqual([]);
      expect(schemas[0]?.schema).toEqual({ properties: { a: recursive } });
    });

  describe('in generated validators', async () => {
    const dir = await mkdtemp(path.join(PROJECT_ROOT, 'tmp-shared-subschemas-'));
    afterAll(() => rm(dir, { recursive: true, force: true }));
    const result = await generateInline({ 'things.yaml': documentWithPayloads({
      'thing.created': payload('thing.created'),
      'thing.updated': payload('thing.updated'),
    }) });
    const file = path.join(dir, 'validators.cjs');
    await writeFile(file, result.file('things/validators.cjs'));
    const validators = createRequire(import.meta.url)(file) as Record<string, {
      (value: unknown): boolean;
      errors?: Array<{ instancePath: string; keyword: string }> | null;
    }>;

    it('hold the shared part once', () => {
      const code = result.file('things/validators.cjs');
      // Compiled for each message, the check of `sku` would be there twice.
      expect(code.match(/keyword:"minLength"/g)?.length).toBe(1);
    });

    it('still report each problem at its place in the message', () => {
      const validate = validators['validateThingUpdated'];
      if (!validate) throw new Error(`no validateThingUpdated in ${Object.keys(validators).join(', ')}`);
      expect(validate({ event_type: 'thing.updated',
        data: { id: '0b5f3c9e-8a1d-4f2b-9c3e-5d6a7b8c9d0e', lines: [{ sku: 'a' }] } })).toBe(true);
      expect(validate({ event_type: 'thing.updated',
        data: { id: 'not-a-uuid', lines: [{ sku: 'a' }, { sku: '' }] } })).toBe(false);
      expect(validate.errors?.map((error) => `${error.instancePath} ${error.keyword}`)).toEqual([
        '/data/id format',
        '/data/lines/1/sku minLength',
      ]);
    });

    it('keep what differs between the messages', () => {
      const validate = validators['validateThingCreated'];
      expect(validate?.({ event_type: 'thing.updated',
        data: { id: '0b5f3c9e-8a1d-4f2b-9c3e-5d6a7b8c9d0e', lines: [] } })).toBe(false);
    });
  });
});
