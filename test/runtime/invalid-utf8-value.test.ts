import { describe, expect, it } from 'vitest';

import { decodeRecord } from '../../src/runtime/index.js';
import { featureCreated, featureDeleted } from './support/fixture-descriptors.js';

/**
 * Fault: a value that is JSON but for bytes that are not UTF-8 inside a string. The decoder
 * read it with Buffer.toString, which puts U+FFFD in their place, so the handler got a
 * name no producer wrote. JSON on the wire is UTF-8; such a value is malformed.
 */
const before = '{"event_type":"feature.created",' +
  '"event_id":"0b7e3b3c-3f43-4f5c-9d3a-0f7f3b6a1c11",' +
  '"timestamp":"2024-01-02T00:00:00.000Z","data":{"feature_id":"f-1","name":"';
const value = Buffer.concat([Buffer.from(before), Buffer.from([0x44, 0xff, 0xc3]),
  Buffer.from('"}}')]);

describe('a value that is not UTF-8', () => {
  it('is malformed JSON, to be dead-lettered, not an event with replaced characters', () => {
    const decoded = decodeRecord({ topic: 't', partition: 0, offset: '0', key: 'f-1', value },
      [featureCreated, featureDeleted], true);

    expect(decoded.kind).toBe('invalid');
    expect(decoded.kind === 'invalid' && decoded.error.code).toBe('malformed-json');
    expect(decoded.kind === 'invalid' && decoded.error.message).toContain('not valid UTF-8');
  });

  it('still accepts text that is UTF-8 beyond ASCII', () => {
    const decoded = decodeRecord({ topic: 't', partition: 0, offset: '0', key: 'f-1',
      value: Buffer.from(`${before}Dunkelmodus ☾ 夜"}}`) },
    [featureCreated, featureDeleted], true);

    expect(decoded.kind === 'event' && (decoded.payload as { data: { name: string } }).data.name)
      .toBe('Dunkelmodus ☾ 夜');
  });
});
