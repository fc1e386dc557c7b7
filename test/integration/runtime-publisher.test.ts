import type { Kafka, ProducerConfig } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { EventPublisher, isRuntimeError } from '../../src/runtime/index.js';
import {
  createTopics,
  highWatermark,
  readTopic,
  testKafka,
  uniqueName,
} from '../runtime/support/broker-kit.js';
import { featureCreated, featureDeleted, featuresFixture, fixture, channel, measurement } from
  '../runtime/support/fixture-descriptors.js';
import { LogCapture } from '../runtime/support/log-capture.js';

/** The test's client, with every producer the runtime makes counting its produce requests. */
function countingKafka(kafka: Kafka): { kafka: Kafka; produceRequests: () => number } {
  let count = 0;
  const counting = Object.create(kafka) as Kafka;
  counting.producer = (config?: ProducerConfig) => {
    const producer = kafka.producer(config);
    producer.on(producer.events.REQUEST, ({ payload }) => {
      if (payload.apiName === 'Produce') count += 1;
    });
    return producer;
  };
  return { kafka: counting, produceRequests: () => count };
}

const kafka = testKafka();
const logs = new LogCapture('info');

describe('EventPublisher on the broker', () => {
  let topic: string;
  let publisher: EventPublisher;
  let counter: ReturnType<typeof countingKafka>;

  beforeAll(async () => {
    topic = uniqueName('features');
    await createTopics(kafka, [topic], 3);
    counter = countingKafka(kafka);
    publisher = new EventPublisher({ kafka: counter.kafka, logger: logs.logger });
    await publisher.connect();
  });

  afterAll(async () => {
    await publisher.disconnect();
  });

  it('writes the envelope, the key from x-key and the headers', async () => {
    const own = uniqueName('features');
    await createTopics(kafka, [own]);
    const { send } = featuresFixture(own, 'unused');

    await publisher.publish(send, featureCreated, { feature_id: 'f-1', name: 'Dark mode' }, {
      eventId: '6f1c1c1e-8a0e-4c3f-9a55-6a3f0d1b2c3d',
      timestamp: new Date('2024-05-06T07:08:09.010Z'),
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });

    const [written, ...rest] = await readTopic(kafka, own);
    expect(rest).toEqual([]);
    expect(written?.key).toBe('f-1');
    expect(JSON.parse(written?.value ?? '')).toEqual({
      event_type: 'feature.created',
      event_id: '6f1c1c1e-8a0e-4c3f-9a55-6a3f0d1b2c3d',
      timestamp: '2024-05-06T07:08:09.010Z',
      data: { feature_id: 'f-1', name: 'Dark mode' },
    });
    expect(written?.headers).toEqual({
      event_type: 'feature.created',
      event_id: '6f1c1c1e-8a0e-4c3f-9a55-6a3f0d1b2c3d',
      'content-type': 'application/json',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });
  });

  it('sends 200 concurrent publishes as one produce request', async () => {
    const { send } = featuresFixture(topic, 'unused');
    const before = counter.produceRequests();
    const startOffset = await highWatermark(kafka, topic);

    await Promise.all(Array.from({ length: 200 }, (_, index) =>
      publisher.publish(send, featureCreated, { feature_id: `f-${index % 7}`, name: `n${index}` })));

    expect(counter.produceRequests() - before).toBe(1);
    expect((await highWatermark(kafka, topic)) - startOffset).toBe(200);
  });

  it('bounds a batch by its size', async () => {
    const bounded = new EventPublisher({ kafka: counter.kafka, logger: logs.logger,
      linger: { maxBatchSize: 50 } });
    await bounded.connect();
    const { send } = featuresFixture(topic, 'unused');
    const before = counter.produceRequests();

    await Promise.all(Array.from({ length: 200 }, (_, index) =>
      bounded.publish(send, featureDeleted, { feature_id: `f-${index}` })));
    await bounded.disconnect();

    expect(counter.produceRequests() - before).toBe(4);
  });

  it('sends a batch as one request, and nothing of it when one event is invalid', async () => {
    const own = uniqueName('features');
    await createTopics(kafka, [own], 3);
    const { send } = featuresFixture(own, 'unused');
    const events = Array.from({ length: 300 }, (_, index) => ({
      message: featureCreated,
      data: { feature_id: `f-${index}`, name: 'n' },
    }));
    const before = counter.produceRequests();

    await publisher.publishBatch(send, events);
    expect(counter.produceRequests() - before).toBe(1);

    const invalid = [...events, { message: featureCreated, data: { feature_id: 'f', name: 7 } }];
    await expect(publisher.publishBatch(send, invalid)).rejects.toSatisfy((error) =>
      isRuntimeError(error, 'invalid-payload'));
    expect(await highWatermark(kafka, own)).toBe(300);
  });

  it('rejects an invalid payload without sending it', async () => {
    const own = uniqueName('features');
    await createTopics(kafka, [own]);
    const { send } = featuresFixture(own, 'unused');

    await expect(publisher.publish(send, featureCreated, { feature_id: '', name: 'x' }))
      .rejects.toThrow('payload of "feature.created" is invalid: /data/feature_id must NOT have ' +
        'fewer than 1 characters');
    expect(await highWatermark(kafka, own)).toBe(0);
  });

  it('fills channel parameters into the topic', async () => {
    const tenant = uniqueName('tenant').replace(/\./g, '-');
    const own = `metrics.${tenant}`;
    await createTopics(kafka, [own]);
    const shared = channel('metrics.{tenant}', [measurement], [{ name: 'tenant', values: undefined }]);
    const send = { id: 'send_metrics', channel: shared, messages: [measurement] };

    await publisher.publish(send, measurement, { sensor: 's-1', value: 21.5 },
      { parameters: { tenant } });

    const [written] = await readTopic(kafka, own);
    expect(JSON.parse(written?.value ?? '')).toEqual({ sensor: 's-1', value: 21.5 });
    await expect(publisher.publish(send, measurement, { sensor: 's', value: 1 }))
      .rejects.toThrow('channel "metrics.{tenant}" needs a value for parameter "tenant"');
  });

  it('refuses to publish before connect and after disconnect', async () => {
    const { send } = fixture(topic, [measurement], 'unused');
    const idle = new EventPublisher({ kafka, logger: logs.logger });
    await expect(idle.publish(send, measurement, { sensor: 's', value: 1 }))
      .rejects.toSatisfy((error) => isRuntimeError(error, 'publisher-not-connected'));
    await idle.connect();
    await idle.disconnect();
    await expect(idle.publish(send, measurement, { sensor: 's', value: 1 }))
      .rejects.toSatisfy((error) => isRuntimeError(error, 'publisher-closed'));
  });
});
