import { describe, expect, it } from 'vitest';

import {
  EventPublisher,
  readDeadLetters,
  replayDeadLetters,
  route,
} from '../../src/runtime/index.js';
import {
  createTopics,
  highWatermark,
  sendRaw,
  testKafka,
  uniqueName,
} from '../runtime/support/broker-kit.js';
import {
  featureCreated,
  featureDeleted,
  featuresFixture,
  type FeatureCreated,
} from '../runtime/support/fixture-descriptors.js';
import { LogCapture } from '../runtime/support/log-capture.js';
import { Received, startWorker } from '../runtime/support/worker-kit.js';

const kafka = testKafka();

describe('dead letters', () => {
  it('are shown with their headers, redacted, and replayed to the group only', async () => {
    const topic = uniqueName('features');
    const group = uniqueName('group');
    const deadLetters = `${topic}.${group}.dlq`;
    await createTopics(kafka, [topic, deadLetters]);
    const { send, receive } = featuresFixture(topic, group);
    const logs = new LogCapture('info');
    const publisher = new EventPublisher({ kafka, logger: logs.logger });
    await publisher.connect();

    const { worker } = await startWorker(kafka, receive, [
      route(featureCreated, (event) => {
        if (event.data.name === 'broken') throw new Error('the store refused it');
      }),
      route(featureDeleted, () => undefined),
    ], {}, logs);
    await publisher.publish(send, featureCreated,
      { feature_id: 'f-1', name: 'broken', owner_email: 'ada@example.com' });
    await sendRaw(kafka, topic, [{ key: 'f-2', value: '{not json' }]);
    await logs.waitForCount((line) => line.msg === 'message dead-lettered', 2);
    await worker.stop();
    await publisher.disconnect();
    const sourceEnd = await highWatermark(kafka, topic);

    const shown = await readDeadLetters(kafka, deadLetters, { redact: receive.messages });
    expect(shown.map((letter) => letter.info.reason)).toEqual(['handler-failed', 'malformed-json']);
    expect(shown[0]?.info).toMatchObject({ sourceTopic: topic, sourceOffset: '0',
      consumerGroup: group, attempts: 3, errorMessage: 'the store refused it' });
    expect(shown[0]?.value).toContain('"owner_email":"[Redacted]"');
    expect(shown[1]?.value).toBe('{not json');

    const replayed = new Received<FeatureCreated>();
    const result = await replayDeadLetters({ kafka, logger: logs.logger }, receive, [
      route(featureCreated, (event, context) => replayed.record(event, context)),
      route(featureDeleted, () => undefined),
    ]);

    expect(result.handled.map((letter) => letter.offset)).toEqual(['0']);
    expect(result.failed.map(({ error }) => error.message)).toEqual([
      expect.stringContaining('the value is not JSON')]);
    expect(replayed.events[0]?.event.data.owner_email).toBe('ada@example.com');
    expect(replayed.events[0]?.context).toMatchObject({ topic, offset: '0', key: 'f-1' });
    expect(await highWatermark(kafka, topic)).toBe(sourceEnd);

    const chosen = await replayDeadLetters({ kafka, logger: logs.logger }, receive, [
      route(featureCreated, () => undefined),
      route(featureDeleted, () => undefined),
    ], { select: (letter) => letter.info.reason === 'handler-failed' });
    expect(chosen.handled).toHaveLength(1);
    expect(chosen.failed).toEqual([]);
  });

  it('are shown described, not unredacted, when too deeply nested to redact', async () => {
    const topic = uniqueName('letters');
    await createTopics(kafka, [topic]);
    const { receive } = featuresFixture(uniqueName('features'), uniqueName('group'));
    // Parses, but overflows the stack of anything that walks it.
    const deep = `{"event_type":"feature.created","data":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    await sendRaw(kafka, topic, [{ key: 'f-1', value: deep }, { key: 'f-2', value: '{"event_type":"x"}' }]);

    const shown = await readDeadLetters(kafka, topic, { redact: receive.messages });
    expect(shown.map((letter) => letter.value)).toEqual([
      `(a value of ${deep.length} bytes, nested too deeply to show with its sensitive fields redacted)`,
      '{"event_type":"x"}',
    ]);
  });
});
