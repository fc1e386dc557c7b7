import fc from 'fast-check';
import { Kafka, logLevel, type Message } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';

import { readWholeTopic } from '../../scripts/faults/topic-io.js';
import {
  decodeRecord,
  deadLetterHeaders,
  route,
  type Worker,
} from '../../src/runtime/index.js';
import { createTopics, uniqueName } from '../runtime/support/broker-kit.js';
import {
  featureCreated,
  featureDeleted,
  featuresFixture,
} from '../runtime/support/fixture-descriptors.js';
import { startWorker } from '../runtime/support/worker-kit.js';
import { brokers } from '../support/kafka.js';

/**
 * Whatever bytes arrive, the worker neither crashes nor stalls: it handles, skips or
 * dead-letters each record as DESIGN.md says, and commits past all of them.
 */
const kafka = new Kafka({ clientId: 'hostile-messages', brokers: brokers(),
  logLevel: logLevel.NOTHING });
const running: Worker[] = [];

afterAll(async () => {
  await Promise.all(running.map((worker) => worker.stop()));
});

type Expected = 'handled' | 'skipped' | `dead:${string}`;

interface Hostile {
  readonly what: string;
  readonly message: Message;
  /** Left out for random input: the decoder's verdict is then the expectation. */
  readonly expected?: Expected;
}

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function envelope(n: number, data: unknown, eventType = 'feature.created'): string {
  return JSON.stringify({ event_type: eventType, event_id: id(n),
    timestamp: '2024-05-01T10:00:00.000Z', data });
}

const json = { 'content-type': 'application/json' };
// The broker takes records up to about 1 MiB (message.max.bytes); a dead letter adds its
// headers to the original, so one this close to the limit no longer fits when copied.
const nearLimit = 1_048_588 - 400;

function hostileMessages(): Hostile[] {
  const valid = envelope(1, { feature_id: 'f-1', name: 'ok' });
  const bytes = fc.sample(fc.uint8Array({ minLength: 0, maxLength: 300 }),
    { numRuns: 60, seed: 7 });
  const texts = fc.sample(fc.string({ unit: 'binary', maxLength: 200 }), { numRuns: 40, seed: 8 });
  const objects = fc.sample(fc.jsonValue({ maxDepth: 4 }), { numRuns: 40, seed: 9 });

  return [
    { what: 'a valid event', message: { key: 'f-1', value: valid, headers: json },
      expected: 'handled' },
    { what: 'an empty value', message: { key: 'f-1', value: Buffer.alloc(0) },
      expected: 'dead:malformed-json' },
    { what: 'a tombstone', message: { key: 'f-1', value: null }, expected: 'skipped' },
    { what: 'a tombstone with headers', message: { key: 'f-1', value: null,
      headers: { event_type: 'feature.created' } }, expected: 'skipped' },
    { what: 'no headers at all', message: { key: null, value: valid }, expected: 'handled' },
    { what: 'a repeated header', message: { key: 'f-1', value: valid,
      headers: { event_type: ['feature.deleted', 'feature.created'] } }, expected: 'handled' },
    { what: 'binary header and key', message: { key: Buffer.from([0xff, 0, 0xfe]), value: valid,
      headers: { event_type: Buffer.from([0xc3, 0x28]) } }, expected: 'handled' },
    { what: 'a wrong content type on JSON', message: { key: 'f-1', value: valid,
      headers: { 'content-type': 'application/avro' } }, expected: 'handled' },
    { what: 'a wrong content type on text', message: { key: 'f-1', value: 'plain text',
      headers: { 'content-type': 'text/plain' } }, expected: 'dead:malformed-json' },
    { what: 'invalid UTF-8 inside a JSON string', message: { key: 'f-1', value: Buffer.concat([
      Buffer.from(envelope(2, { feature_id: 'f-1', name: 'X' }).replace('"X"', '"')),
      Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}}')]) }, expected: 'dead:malformed-json' },
    { what: 'an unknown event type', message: { key: 'f-1',
      value: envelope(3, {}, 'feature.renamed') }, expected: 'skipped' },
    { what: 'the JSON literal null', message: { key: 'f-1', value: 'null' },
      expected: 'dead:no-matching-message' },
    { what: 'an envelope without data', message: { key: 'f-1',
      value: JSON.stringify({ event_type: 'feature.created', event_id: id(4),
        timestamp: '2024-05-01T10:00:00.000Z' }) }, expected: 'dead:missing-envelope-field' },
    { what: 'a __proto__ payload', message: { key: 'f-1',
      value: `{"__proto__":{"polluted":1},"event_type":"feature.deleted","event_id":"${id(5)}",` +
        `"timestamp":"2024-05-01T10:00:00.000Z","data":{"feature_id":"f","__proto__":{}}}` },
    expected: 'handled' },
    { what: 'deep nesting',
      message: { key: 'f-1', value: '['.repeat(50_000) + ']'.repeat(50_000) },
      expected: 'dead:no-matching-message' },
    { what: 'a huge valid event', message: { key: 'f-1',
      value: envelope(6, { feature_id: 'f-1', name: 'n'.repeat(900_000) }) },
    expected: 'handled' },
    { what: 'a huge malformed value', message: { key: 'f-1', value: 'x'.repeat(900_000) },
      expected: 'dead:malformed-json' },
    { what: 'a value at the size limit', message: { key: 'f-1', value: '{'.repeat(nearLimit) },
      expected: 'dead:malformed-json' },
    ...bytes.map((value, n) => ({ what: `random bytes #${n}`,
      message: { key: `r-${n}`, value: Buffer.from(value) } })),
    ...texts.map((value, n) => ({ what: `random text #${n}`,
      message: { key: `t-${n}`, value, headers: { event_type: value.slice(0, 20) } } })),
    ...objects.map((value, n) => ({ what: `random JSON #${n}`,
      message: { key: `j-${n}`, value: JSON.stringify(value) } })),
  ];
}

const messages = [featureCreated, featureDeleted];

/** What DESIGN.md says becomes of a record, from the decoder that the worker shares. */
function verdictOf(message: Message): Expected {
  const decoded = decodeRecord({ topic: 't', partition: 0, offset: '0', key: message.key ?? null,
    value: message.value ?? null, headers: message.headers }, messages, true);
  if (decoded.kind === 'event') return 'handled';
  if (decoded.kind === 'invalid') return `dead:${decoded.error.code}`;
  return 'skipped';
}

describe('hostile messages', () => {
  it('are handled, skipped or dead-lettered, and the worker commits past them all', async () => {
    const topic = uniqueName('hostile');
    const group = uniqueName('hostile-group');
    const deadLetters = `${topic}.${group}.dlq`;
    await createTopics(kafka, [topic, deadLetters]);
    const { receive } = featuresFixture(topic, group);
    const handled = new Set<string>();
    const { worker, logs } = await startWorker(kafka, receive, [
      route(featureCreated, (_event, context) => void handled.add(context.offset)),
      route(featureDeleted, (_event, context) => void handled.add(context.offset)),
    ], { maxWaitTimeMs: 100, commitIntervalMs: 500 });
    running.push(worker);

    const hostile = hostileMessages();
    const producer = kafka.producer();
    await producer.connect();
    // One record a request: a batch of the large ones would pass the broker's limit.
    for (const { message } of hostile) {
      await producer.send({ topic, acks: -1, messages: [message] });
    }
    await producer.disconnect();

    // Committed up to the last record means nothing before it holds the partition.
    await logs.waitFor((line) => line.msg === 'offsets committed' &&
      JSON.stringify(line['offsets']).includes(`"offset":"${hostile.length}"`), 60_000,
    'the commit past the last hostile record').catch((error: Error) => {
      const warnings = logs.find((line) => line.level >= 40).slice(-3)
        .map((line) => `${line.msg} at ${String(line['offset'])}: ${JSON.stringify(line['err'])}`);
      const said = warnings.join('; ').slice(0, 2000);
      throw new Error(`${error.message}; the last warnings: ${said}`);
    });

    const letters = new Map<string, string[]>();
    for (const letter of await readWholeTopic(kafka, deadLetters)) {
      const offset = letter.headers[deadLetterHeaders.sourceOffset] ?? '?';
      letters.set(offset, [...(letters.get(offset) ?? []),
        letter.headers[deadLetterHeaders.reason] ?? '?']);
    }
    const outcomes = hostile.map((_, offset) => {
      const reasons = letters.get(String(offset));
      if (reasons) return reasons.map((reason) => `dead:${reason}`).join(' and ');
      return handled.has(String(offset)) ? 'handled' : 'skipped';
    });
    const expected = hostile.map((entry) => entry.expected ?? verdictOf(entry.message));

    expect(outcomes.map((outcome, n) => `${hostile[n]?.what}: ${outcome}`))
      .toEqual(expected.map((outcome, n) => `${hostile[n]?.what}: ${outcome}`));
    expect(worker.stats.crashed).toBe(false);
    expect(logs.withMessage('consumer failed, restarting')).toEqual([]);
  });
});
