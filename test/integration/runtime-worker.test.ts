import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { EventPublisher, renderMetrics, route, type Worker } from '../../src/runtime/index.js';
import {
  committedOffsets,
  createTopics,
  highWatermark,
  readTopic,
  sendRaw,
  testKafka,
  uniqueName,
} from '../runtime/support/broker-kit.js';
import {
  featureCreated,
  featureDeleted,
  featureTombstone,
  featuresFixture,
  type FeatureCreated,
  type FeatureDeleted,
} from '../runtime/support/fixture-descriptors.js';
import { LogCapture } from '../runtime/support/log-capture.js';
import { Received, startWorker } from '../runtime/support/worker-kit.js';

const kafka = testKafka();
const publisherLogs = new LogCapture('info');
const publisher = new EventPublisher({ kafka, logger: publisherLogs.logger });
const running: Worker[] = [];

beforeAll(async () => {
  await publisher.connect();
});

afterAll(async () => {
  await publisher.disconnect();
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((worker) => worker.stop()));
});

/** A fresh topic, group and dead-letter topic for one test. */
async function setting(partitions = 1, withTombstone = false) {
  const topic = uniqueName('features');
  const group = uniqueName('group');
  const deadLetters = `${topic}.${group}.dlq`;
  await createTopics(kafka, [topic], partitions);
  await createTopics(kafka, [deadLetters]);
  return { topic, group, deadLetters, ...featuresFixture(topic, group, withTombstone) };
}

/** The `offsets committed` line that covers the first `next` offsets of partition 0. */
function committedUpTo(next: number) {
  return (line: { msg?: string; [field: string]: unknown }) => {
    if (line.msg !== 'offsets committed') return false;
    const topics = line['offsets'] as Array<{ partitions: Array<{ partition: unknown;
      offset: string }> }>;
    return topics.some(({ partitions }) => partitions.some(({ partition, offset }) =>
      Number(partition) === 0 && Number(offset) === next));
  };
}

const messageFields = ['topic', 'partition', 'offset', 'key', 'event_type', 'event_id'];

describe('worker on the broker', () => {
  it('delivers every event type, typed, with context, and logs in context', async () => {
    const { send, receive, topic } = await setting();
    const created = new Received<FeatureCreated>();
    const deleted = new Received<FeatureDeleted>();
    const { worker, logs } = await startWorker(kafka, receive, [
      route(featureCreated, (event, context) => {
        context.logger.info({ name: event.data.name }, 'feature seen');
        created.record(event, context);
      }),
      route(featureDeleted, (event, context) => deleted.record(event, context)),
    ]);
    running.push(worker);

    await publisher.publish(send, featureCreated, { feature_id: 'f-1', name: 'Dark mode' },
      { eventId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427' });
    await publisher.publish(send, featureDeleted, { feature_id: 'f-1' });
    await created.waitFor(1);
    await deleted.waitFor(1);
    await logs.waitFor(committedUpTo(2));

    const [first] = created.events;
    expect(first?.event.data).toEqual({ feature_id: 'f-1', name: 'Dark mode' });
    expect(first?.context).toMatchObject({ topic, partition: 0, offset: '0', key: 'f-1',
      eventType: 'feature.created', eventId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427', attempt: 1 });
    expect(first?.context.headers['content-type']).toBe('application/json');
    expect(deleted.events[0]?.event.event_type).toBe('feature.deleted');

    const line = logs.withMessage('feature seen')[0];
    expect(line).toMatchObject({ topic, partition: 0, offset: '0', key: 'f-1',
      event_type: 'feature.created', event_id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
      name: 'Dark mode' });
    expect(worker.stats).toMatchObject({ handled: 2, deadLettered: 0, skipped: 0 });
  });

  it('keeps the order per key over several keys and partitions', async () => {
    const { send, receive } = await setting(3);
    const received = new Received<FeatureDeleted>();
    const { worker } = await startWorker(kafka, receive, [
      route(featureCreated, () => undefined),
      route(featureDeleted, async (event, context) => {
        // A little work, so that partitions run interleaved.
        if (Number(context.offset) % 17 === 0) await new Promise((r) => setImmediate(r));
        received.record(event, context);
      }),
    ], { partitionsConsumedConcurrently: 3 });
    running.push(worker);

    const keys = Array.from({ length: 8 }, (_, index) => `key-${index}`);
    const total = 400;
    await publisher.publishBatch(send, Array.from({ length: total }, (_, index) => ({
      message: featureDeleted,
      data: { feature_id: keys[index % keys.length] as string },
      options: { eventId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}` },
    })));
    await received.waitFor(total);

    const partitions = new Set(received.events.map(({ context }) => context.partition));
    expect(partitions.size).toBeGreaterThan(1);
    for (const key of keys) {
      const sequence = received.events
        .filter(({ event }) => event.data.feature_id === key)
        .map(({ event }) => Number(event.event_id.slice(-12)));
      expect(sequence).toEqual([...sequence].sort((a, b) => a - b));
      expect(sequence).toHaveLength(total / keys.length);
    }
  });

  it('dead-letters an invalid payload, malformed JSON and a missing envelope field at once',
    async () => {
      const { receive, topic, group, deadLetters } = await setting();
      const received = new Received();
      const { worker, logs } = await startWorker(kafka, receive, [
        route(featureCreated, (event, context) => received.record(event, context)),
        route(featureDeleted, (event, context) => received.record(event, context)),
      ]);
      running.push(worker);

      const envelope = {
        event_type: 'feature.created',
        event_id: '2c1b8f2e-4a8e-4e0a-9a6e-5a0b0c9d8e7f',
        timestamp: '2024-01-01T00:00:00.000Z',
        data: { feature_id: 'f-9', name: 3 },
      };
      const { event_id: _dropped, ...withoutId } = envelope;
      await sendRaw(kafka, topic, [
        { key: 'f-9', value: JSON.stringify(envelope), headers: { tenant: 'acme' } },
        { key: 'f-9', value: '{"event_type": "feature.created", ' },
        { key: 'f-9', value: JSON.stringify({ ...withoutId, data: { feature_id: 'f', name: 'n' } }) },
      ]);
      await logs.waitForCount((line) => line.msg === 'message dead-lettered', 3);

      const letters = await readTopic(kafka, deadLetters);
      expect(letters.map((letter) => letter.headers['dlq.reason'])).toEqual([
        'invalid-payload', 'malformed-json', 'missing-envelope-field',
      ]);
      const [invalid] = letters;
      expect(invalid?.key).toBe('f-9');
      expect(invalid?.value).toBe(JSON.stringify(envelope));
      expect(invalid?.headers).toMatchObject({
        tenant: 'acme',
        'dlq.source.topic': topic,
        'dlq.source.partition': '0',
        'dlq.source.offset': '0',
        'dlq.consumer.group': group,
        'dlq.attempts': '0',
        'dlq.error.name': 'RuntimeError',
        'dlq.error.message': 'payload of "feature.created" is invalid: /data/name must be string',
      });
      expect(invalid?.headers['dlq.first.failure']).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
      expect(received.events).toEqual([]);
      expect(worker.stats.deadLettered).toBe(3);
    });

  it('skips and commits an unknown event type', async () => {
    const { receive, topic, group } = await setting();
    const received = new Received();
    const { worker, logs } = await startWorker(kafka, receive, [
      route(featureCreated, (event, context) => received.record(event, context)),
      route(featureDeleted, (event, context) => received.record(event, context)),
    ]);
    running.push(worker);

    await sendRaw(kafka, topic, [{ key: 'f-1', value: JSON.stringify({
      event_type: 'feature.renamed', event_id: '3d2c1b0a-0000-4000-8000-000000000001',
      timestamp: '2024-01-01T00:00:00.000Z', data: { feature_id: 'f-1', name: 'New' } }) }]);

    const skipped = await logs.waitForMessage('unknown event type skipped');
    expect(skipped).toMatchObject({ topic, partition: 0, offset: '0', key: 'f-1',
      event_type: 'feature.renamed', event_id: '3d2c1b0a-0000-4000-8000-000000000001' });
    await logs.waitFor(committedUpTo(1));
    expect(await committedOffsets(kafka, group, topic)).toEqual({ 0: 1 });
    expect(worker.stats).toMatchObject({ unknownEventTypes: 1, skipped: 1, handled: 0 });
    expect(received.events).toEqual([]);
  });

  it('runs a handler that fails twice three times, and dead-letters nothing', async () => {
    const { send, receive, deadLetters } = await setting();
    const attempts: number[] = [];
    const received = new Received();
    const { worker, logs } = await startWorker(kafka, receive, [
      route(featureCreated, (event, context) => {
        attempts.push(context.attempt);
        if (context.attempt < 3) throw new Error(`flaky ${context.attempt}`);
        received.record(event, context);
      }),
      route(featureDeleted, () => undefined),
    ], { retry: { attempts: 3, baseDelayMs: 20, maxDelayMs: 50 } });
    running.push(worker);

    await publisher.publish(send, featureCreated, { feature_id: 'f-1', name: 'n' });
    await received.waitFor(1);
    await logs.waitFor(committedUpTo(1));

    expect(attempts).toEqual([1, 2, 3]);
    expect(logs.withMessage('handler failed, retrying after a pause')).toHaveLength(2);
    expect(worker.stats).toMatchObject({ handled: 1, failed: 2, retried: 2, deadLettered: 0 });
    expect(await highWatermark(kafka, deadLetters)).toBe(0);

    // The same counts, and the lag of the real partition, as the metrics endpoint shows them.
    const labels = `group="${worker.groupId}",operation="${worker.operationId}"`;
    const metrics = renderMetrics([worker]).split('\n');
    expect(metrics).toEqual(expect.arrayContaining([
      `asyncapi_kafka_messages_handled_total{${labels}} 1`,
      `asyncapi_kafka_handler_retries_total{${labels}} 2`,
      `asyncapi_kafka_handler_failures_total{${labels}} 2`,
      `asyncapi_kafka_messages_dead_lettered_total{${labels}} 0`,
      `asyncapi_kafka_consumer_lag{group="${worker.groupId}",topic="${send.channel.address}",partition="0"} 0`,
    ]));
  });

  it('dead-letters a handler that always fails after the configured attempts', async () => {
    const { send, receive, deadLetters, topic, group } = await setting();
    const attempts: number[] = [];
    const { worker, logs } = await startWorker(kafka, receive, [
      route(featureCreated, (_event, context) => {
        attempts.push(context.attempt);
        throw new TypeError('the feature store is gone');
      }),
      route(featureDeleted, () => undefined),
    ], { retry: { attempts: 4, baseDelayMs: 20, maxDelayMs: 50 } });
    running.push(worker);

    await publisher.publish(send, featureCreated, { feature_id: 'f-7', name: 'n' });
    await logs.waitForMessage('message dead-lettered');

    expect(attempts).toEqual([1, 2, 3, 4]);
    const [letter, ...rest] = await readTopic(kafka, deadLetters);
    expect(rest).toEqual([]);
    expect(letter?.key).toBe('f-7');
    expect(letter?.headers).toMatchObject({
      'dlq.source.topic': topic, 'dlq.source.offset': '0', 'dlq.consumer.group': group,
      'dlq.attempts': '4', 'dlq.reason': 'handler-failed', 'dlq.error.name': 'TypeError',
      'dlq.error.message': 'the feature store is gone', event_type: 'feature.created',
    });
    const first = Date.parse(letter?.headers['dlq.first.failure'] ?? '');
    const last = Date.parse(letter?.headers['dlq.last.failure'] ?? '');
    expect(last).toBeGreaterThan(first);
    await logs.waitFor(committedUpTo(1));
    expect(await committedOffsets(kafka, group, topic)).toEqual({ 0: 1 });
  });

  it('keeps the offset unmarked while the dead-letter write fails, and retries it', async () => {
    const topic = uniqueName('features');
    const group = uniqueName('group');
    const deadLetters = uniqueName('missing-dlq');
    await createTopics(kafka, [topic]);
    const base = featuresFixture(topic, group);
    const receive = { ...base.receive, deadLetterTopic: deadLetters };
    const { worker, logs } = await startWorker(kafka, receive, [
      route(featureCreated, () => undefined),
      route(featureDeleted, () => undefined),
    ]);
    running.push(worker);

    // The broker of the tests does not create topics on demand, so this write fails.
    await sendRaw(kafka, topic, [{ key: 'k', value: 'not json' }]);
    await logs.waitForMessage(
      'dead-letter write failed; the offset stays unmarked and the write is retried', 90_000);
    expect(await committedOffsets(kafka, group, topic)).toEqual({ 0: -1 });

    await createTopics(kafka, [deadLetters]);
    await logs.waitForMessage('message dead-lettered', 90_000);
    const [letter] = await readTopic(kafka, deadLetters);
    expect(letter?.headers['dlq.reason']).toBe('malformed-json');
    await logs.waitFor((line) => line.msg === 'offsets committed');
    expect(await committedOffsets(kafka, group, topic)).toEqual({ 0: 1 });
  });

  it('skips a tombstone unless the document declares a message for it', async () => {
    const plain = await setting();
    const { worker, logs } = await startWorker(kafka, plain.receive, [
      route(featureCreated, () => undefined),
      route(featureDeleted, () => undefined),
    ]);
    running.push(worker);
    await sendRaw(kafka, plain.topic, [{ key: 'f-1', value: null }]);
    await logs.waitForMessage('tombstone skipped: no message declared for it');
    expect(worker.stats.tombstones).toBe(1);

    const declared = await setting(1, true);
    const tombstones = new Received<null>();
    const second = await startWorker(kafka, declared.receive, [
      route(featureCreated, () => undefined),
      route(featureDeleted, () => undefined),
      route(featureTombstone, (event, context) => tombstones.record(event, context)),
    ]);
    running.push(second.worker);
    await sendRaw(kafka, declared.topic, [{ key: 'f-2', value: null }]);
    await tombstones.waitFor(1);
    expect(tombstones.events[0]).toMatchObject({ event: null,
      context: { key: 'f-2', eventType: 'feature.tombstone' } });
  });

  it('redacts fields marked x-sensitive from what the handler logs', async () => {
    const { send, receive } = await setting();
    const received = new Received();
    const { worker, logs } = await startWorker(kafka, receive, [
      route(featureCreated, (event, context) => {
        context.logger.info({ event }, 'feature received');
        context.logger.info(event, 'feature merged into the line');
        received.record(event, context);
      }),
      route(featureDeleted, () => undefined),
    ]);
    running.push(worker);

    await publisher.publish(send, featureCreated,
      { feature_id: 'f-1', name: 'n', owner_email: 'ada@example.com' });
    await received.waitFor(1);

    const text = JSON.stringify(logs.lines);
    expect(text).not.toContain('ada@example.com');
    const [logged] = logs.withMessage('feature received');
    expect(logged?.['event']).toMatchObject({ data: { owner_email: '[Redacted]', name: 'n' } });
    expect(logs.withMessage('feature merged into the line')[0]).toMatchObject({
      data: { owner_email: '[Redacted]' } });
  });

  it('logs every line about a message with its six context fields', async () => {
    const { receive, topic } = await setting();
    const { worker, logs } = await startWorker(kafka, receive, [
      route(featureCreated, () => { throw new Error('no'); }),
      route(featureDeleted, () => undefined),
    ], { retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 10 } });
    running.push(worker);

    await sendRaw(kafka, topic, [
      { key: 'a', value: JSON.stringify({ event_type: 'feature.created',
        event_id: '4e3d2c1b-0000-4000-8000-000000000002', timestamp: '2024-01-01T00:00:00Z',
        data: { feature_id: 'a', name: 'n' } }), headers: { event_type: 'feature.deleted' } },
    ]);
    await logs.waitForMessage('message dead-lettered');

    const aboutMessage = logs.find((line) => line['offset'] !== undefined);
    expect(aboutMessage.map((line) => line.msg)).toEqual([
      'the event_type header disagrees with the envelope, which wins',
      'handler failed, retrying after a pause',
      'the event_type header disagrees with the envelope, which wins',
      'handler failed on its last attempt',
      'message dead-lettered',
    ]);
    for (const line of aboutMessage) {
      expect(Object.keys(line)).toEqual(expect.arrayContaining(messageFields));
      expect(line).toMatchObject({ topic, key: 'a', event_type: 'feature.created',
        event_id: '4e3d2c1b-0000-4000-8000-000000000002' });
    }
  });
});
