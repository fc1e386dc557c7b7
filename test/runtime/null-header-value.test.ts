import type { IHeaders } from 'kafkajs';
import { describe, expect, it } from 'vitest';

import { deadLetterMessage } from '../../src/runtime/dead-letter.js';
import { decodeRecord, type IncomingRecord } from '../../src/runtime/index.js';
import { featureCreated, featureDeleted } from './support/fixture-descriptors.js';

/**
 * Fault: a Kafka header without a value. Kafka allows one and kafkajs decodes it as null;
 * the decoder called null.toString() and the batch failed on every fetch, and a dead
 * letter that copied it failed to encode, so its write was retried for ever.
 */
const value = JSON.stringify({ event_type: 'feature.created',
  event_id: '0b7e3b3c-3f43-4f5c-9d3a-0f7f3b6a1c11', timestamp: '2024-01-02T00:00:00.000Z',
  data: { feature_id: 'f-1', name: 'Dark mode' } });
const headers = { event_type: null, trace: [null, 'b'], kept: 'yes' } as unknown as IHeaders;
const record: IncomingRecord = { topic: 't', partition: 0, offset: '3', key: 'f-1',
  value: Buffer.from(value), headers };

describe('a header without a value', () => {
  it('reads as absent, and the event is still decoded', () => {
    const decoded = decodeRecord(record, [featureCreated, featureDeleted], true);

    expect(decoded).toMatchObject({ kind: 'event', eventType: 'feature.created' });
    expect(decoded.headers).toEqual({ event_type: undefined, trace: 'b', kept: 'yes' });
  });

  it('travels into the dead letter with an empty value that kafkajs can write', () => {
    const now = new Date();
    const letter = deadLetterMessage(record, 'g', { reason: 'handler-failed',
      error: new Error('boom'), attempts: 1, firstFailure: now, lastFailure: now });

    expect(letter.headers?.['event_type']).toEqual(Buffer.alloc(0));
    expect(letter.headers?.['trace']).toEqual([Buffer.alloc(0), 'b']);
    expect(letter.headers?.['kept']).toBe('yes');
  });
});
