import { describe, expect, it } from 'vitest';

import { decodeRecord, type IncomingRecord } from '../../src/runtime/index.js';
import {
  alarm,
  featureCreated,
  featureDeleted,
  featureTombstone,
  measurement,
  message,
} from './support/fixture-descriptors.js';

const id = '0b7e3b3c-3f43-4f5c-9d3a-0f7f3b6a1c11';
const created = {
  event_type: 'feature.created',
  event_id: id,
  timestamp: '2024-01-02T00:00:00.000Z',
  data: { feature_id: 'f-1', name: 'Dark mode' },
};

function record(value: unknown, headers: Record<string, string> = {}): IncomingRecord {
  return {
    topic: 't',
    partition: 0,
    offset: '7',
    key: Buffer.from('f-1'),
    value: value === null ? null : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
    headers,
  };
}

const features = [featureCreated, featureDeleted];

describe('decodeRecord', () => {
  it('finds the type in the envelope and reads key and event id', () => {
    const decoded = decodeRecord(record(created), features, true);
    expect(decoded).toMatchObject({ kind: 'event', eventType: 'feature.created', eventId: id,
      key: 'f-1', headerMismatch: undefined });
    expect(decoded.kind === 'event' && decoded.payload).toEqual(created);
  });

  it('lets the envelope win over a disagreeing header, and reports the header', () => {
    const decoded = decodeRecord(record(created, { event_type: 'feature.deleted' }), features, true);
    expect(decoded).toMatchObject({ kind: 'event', eventType: 'feature.created',
      headerMismatch: 'feature.deleted' });
  });

  it('takes the header when the payload has no envelope', () => {
    const decoded = decodeRecord(record({ sensor: 's', level: 'high' }, { event_type: 'alarm' }),
      [measurement, alarm], true);
    expect(decoded).toMatchObject({ kind: 'event', eventType: 'alarm' });
  });

  it('takes the only message of the channel when nothing names a type', () => {
    const decoded = decodeRecord(record({ sensor: 's', value: 1 }), [measurement], true);
    expect(decoded).toMatchObject({ kind: 'event', eventType: 'measurement' });
  });

  it('takes the one message whose schema matches when nothing names a type', () => {
    const decoded = decodeRecord(record({ sensor: 's', level: 'low' }), [measurement, alarm], true);
    expect(decoded).toMatchObject({ kind: 'event', eventType: 'alarm' });
  });

  it('rejects a payload that matches no message when nothing names a type', () => {
    const decoded = decodeRecord(record({ sensor: 's' }), [measurement, alarm], true);
    expect(decoded).toMatchObject({ kind: 'invalid', error: { code: 'no-matching-message' } });
  });

  it('reports an unknown event type with its name and event id', () => {
    const decoded = decodeRecord(record({ ...created, event_type: 'feature.renamed' }), features, true);
    expect(decoded).toMatchObject({ kind: 'unknown-type', eventType: 'feature.renamed', eventId: id });
  });

  it('rejects malformed JSON', () => {
    const decoded = decodeRecord(record('{"event_type":'), features, true);
    expect(decoded).toMatchObject({ kind: 'invalid', error: { code: 'malformed-json' } });
  });

  it('rejects an envelope without event_id, whatever validation says', () => {
    const { event_id: _dropped, ...withoutId } = created;
    const decoded = decodeRecord(record(withoutId), features, false);
    expect(decoded).toMatchObject({ kind: 'invalid', error: { code: 'missing-envelope-field',
      message: 'the envelope of "feature.created" has no event_id' } });
  });

  it('rejects a payload that fails validation, and accepts it when validation is off', () => {
    const invalid = { ...created, data: { feature_id: '', name: 'x' } };
    expect(decodeRecord(record(invalid), features, true)).toMatchObject({ kind: 'invalid',
      error: { code: 'invalid-payload', message: expect.stringContaining('/data/feature_id') } });
    expect(decodeRecord(record(invalid), features, false)).toMatchObject({ kind: 'event' });
  });

  it('skips a tombstone unless a message is declared for it', () => {
    expect(decodeRecord(record(null), features, true)).toMatchObject({ kind: 'tombstone', key: 'f-1' });
    expect(decodeRecord(record(null), [...features, featureTombstone], true)).toMatchObject({
      kind: 'event', eventType: 'feature.tombstone', payload: null });
  });

  it('calls a payload invalid when the validator throws on it, rather than throwing', () => {
    // Ajv's equality check for uniqueItems calls valueOf on the objects it compares.
    const tagged = message<{ tags: object[] }>({
      eventType: 'tagged',
      envelope: false,
      schema: { type: 'object', properties: { tags: { type: 'array', uniqueItems: true } } },
    });
    const poison: unknown = JSON.parse('{"tags": [{"a": 2}, {"valueOf": 1}]}');
    expect(() => tagged.validate(poison)).toThrow(TypeError);

    const decoded = decodeRecord(record(poison, { event_type: 'tagged' }), [tagged], true);
    expect(decoded.kind).toBe('invalid');
    expect(decoded.kind === 'invalid' && [decoded.error.code, decoded.error.message]).toEqual([
      'invalid-payload',
      expect.stringMatching(/^payload of "tagged" is invalid: the validator could not check it \(.+\)$/),
    ]);
  });
});
