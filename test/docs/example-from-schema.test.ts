import { createRequire } from 'node:module';

import { describe, expect, it } from 'vitest';

import { exampleFromSchema } from '../../src/docs/example-from-schema.js';

/**
 * A message without a declared example gets one made from its schema on the docs site.
 * It must be one that the schema accepts, or the page shows an event no producer may send.
 */
const require = createRequire(import.meta.url);
const Ajv = require('ajv') as typeof import('ajv').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);

const schemas: Record<string, object> = {
  'a string longer than the default': { type: 'string', minLength: 10 },
  'a string shorter than the default': { type: 'string', maxLength: 3 },
  'a string of exactly one length': { type: 'string', minLength: 8, maxLength: 8 },
  'a number above zero': { type: 'number', exclusiveMinimum: 0 },
  'an integer above a bound': { type: 'integer', minimum: 7 },
  'an integer below zero': { type: 'integer', maximum: -3 },
  'a number below an exclusive bound': { type: 'number', exclusiveMaximum: -1 },
  'an array with several items': { type: 'array', minItems: 2, items: { type: 'integer', minimum: 1 } },
  'an object of them all': {
    type: 'object',
    required: ['id', 'code', 'count', 'tags', 'at'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      code: { type: 'string', minLength: 12 },
      count: { type: 'integer', minimum: 1, maximum: 5 },
      tags: { type: 'array', minItems: 2, items: { type: 'string', maxLength: 2 } },
      at: { type: 'string', format: 'date-time' },
    },
  },
  'an object whose anyOf branches only require keys': {
    type: 'object',
    properties: { email: { type: 'string' }, phone: { type: 'string' } },
    anyOf: [{ required: ['email'] }, { required: ['phone'] }],
  },
};

describe('the example made from a schema', () => {
  for (const [what, schema] of Object.entries(schemas)) {
    it(`is accepted by its schema: ${what}`, () => {
      const example = exampleFromSchema(schema);
      const validate = ajv.compile(schema);
      expect([example, validate(example), validate.errors ?? []]).toEqual([example, true, []]);
    });
  }
});
