import {
  Kafka,
  logLevel,
  type ConsumerCommitOffsetsEvent,
  type ConsumerGroupJoinEvent,
  type EachMessagePayload,
} from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';

import { brokers, uniqueName } from '../support/kafka.js';

const cleanups: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

describe('the test broker', () => {
  it('carries a message from a producer to a consumer group', { timeout: 30_000 }, async () => {
    const kafka = new Kafka({
      clientId: 'broker-test',
      brokers: brokers(),
      logLevel: logLevel.ERROR,
    });
    const topic = uniqueName('broker-test');
    const groupId = uniqueName('broker-test-group');

    const admin = kafka.admin();
    await admin.connect();
    cleanups.push(() => admin.disconnect());
    expect(await admin.createTopics({ topics: [{ topic }], waitForLeaders: true })).toBe(true);
    cleanups.push(() => admin.deleteTopics({ topics: [topic] }));

    // A short long-poll lets the consumer leave the group quickly at cleanup.
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 250 });
    await consumer.connect();
    cleanups.push(() => consumer.disconnect());
    await consumer.subscribe({ topic, fromBeginning: true });

    const joined = new Promise<ConsumerGroupJoinEvent>((resolve) => {
      consumer.on(consumer.events.GROUP_JOIN, resolve);
    });
    const committed = new Promise<ConsumerCommitOffsetsEvent>((resolve) => {
      consumer.on(consumer.events.COMMIT_OFFSETS, (event) => {
        const offsets = event.payload.topics.flatMap((t) => t.partitions);
        if (offsets.some((p) => p.offset === '1')) {
          resolve(event);
        }
      });
    });
    let deliver: (payload: EachMessagePayload) => void = () => undefined;
    const received = new Promise<EachMessagePayload>((resolve) => {
      deliver = resolve;
    });
    await consumer.run({ eachMessage: async (payload) => deliver(payload) });
    expect((await joined).payload.memberAssignment[topic]).toEqual([0]);

    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    cleanups.push(() => producer.disconnect());
    await producer.send({
      topic,
      acks: -1,
      messages: [
        {
          key: 'order-1',
          value: JSON.stringify({ orderId: 'order-1' }),
          headers: { 'event-type': 'order.created' },
        },
      ],
    });

    const { message, partition } = await received;
    expect(partition).toBe(0);
    expect(message.key?.toString()).toBe('order-1');
    expect(JSON.parse(message.value?.toString() ?? 'null')).toEqual({ orderId: 'order-1' });
    expect(message.headers?.['event-type']?.toString()).toBe('order.created');

    await committed;
    const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect(offsets[0]?.partitions).toEqual([{ partition: 0, offset: '1', metadata: null }]);
  });
});
