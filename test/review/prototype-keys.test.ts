import { describe, expect, it } from 'vitest';

import { validationErrors } from '../../src/review/lint/schema-validator.js';
import { runDiff } from '../../src/review/run-diff.js';
import { document, folderWith, PAYLOAD } from './support.js';

/**
 * Properties named like Object.prototype members (`toString`, `valueOf`) are ordinary
 * properties in review too: every JavaScript object answers to those names.
 */
describe('properties named like Object.prototype members', () => {
  const schema = {
    type: 'object',
    required: ['valueOf'],
    properties: { valueOf: { type: 'integer' }, toString: { type: 'object' } },
  };

  it('are checked in examples as the generated validators check them', () => {
    expect(validationErrors(schema, { valueOf: 1 })).toEqual([]);
    expect(validationErrors(schema, {})).toEqual(["the value must have required property 'valueOf'"]);
    expect(validationErrors(schema, { valueOf: 1, toString: 'text' })).toEqual(['/toString must be object']);
  });

  it('are an example that cannot be checked, not a crash, when Ajv throws on them', () => {
    const unique = { type: 'array', uniqueItems: true };
    expect(validationErrors(unique, JSON.parse('[{"a": 1}, {"valueOf": 1}]'))).toEqual([
      expect.stringMatching(/^the value cannot be checked \(.+\)$/),
    ]);
  });

  it('are added and removed as optional properties in a diff', async () => {
    const withToString = {
      ...PAYLOAD,
      properties: { ...PAYLOAD.properties, toString: { type: 'object' } },
    };
    const cwd = await folderWith({
      'base/things.yaml': document(),
      'head/things.yaml': document({ payload: withToString }),
    });
    const judged = async (base: string, head: string) =>
      (await runDiff({ base, head, specPaths: ['asyncapi'], defaultMode: 'FULL', cwd }))
        .changes.map((change) => [change.kind, change.path, change.breaking]);
    expect(await judged('base', 'head')).toEqual([
      ['property-added-optional', 'payload/toString', false]]);
    expect(await judged('head', 'base')).toEqual([
      ['property-removed-optional', 'payload/toString', false]]);
  });
});
