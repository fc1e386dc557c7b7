import { Kafka, logLevel, type Admin, type IHeaders, type Producer } from 'kafkajs';

import { brokers, uniqueName } from '../../support/kafka.js';

export { uniqueName };

/** A plain kafkajs client for the test's own reading and writing, outside the runtime. */
export function testKafka(clientId = 'runtime-test'): Kafka {
  return new Kafka({ clientId, brokers: brokers(), logLevel: logLevel.NOTHING });
}

export async function withAdmin<T>(kafka: Kafka, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

export async function createTopics(kafka: Kafka, topics: string[], numPartitions = 1):
Promise<void> {
  await withAdmin(kafka, async (admin) => {
    await admin.createTopics({
      topics: topics.map((topic) => ({ topic, numPartitions })),
      waitForLeaders: true,
    });
  });
}

export interface RawMessage {
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: string | null;
  readonly headers: Record<string, string>;
}

/**
 * Every message of a topic, read up to the high watermarks as they stand now. A test
 * calls this after the runtime said it wrote, so what is not there was not written.
 */
export async function readTopic(kafka: Kafka, topic: string): Promise<RawMessage[]> {
  const ends = await withAdmin(kafka, (admin) => admin.fetchTopicOffsets(topic));
  const total = ends.reduce((sum, partition) => sum + Number(partition.high), 0);
  const pending = new Set(ends.filter((p) => Number(p.high) > 0).map((p) => p.partition));
  if (total === 0) return [];

  const consumer = kafka.consumer({ groupId: uniqueName('reader') });
  const messages: RawMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer.run({
        eachMessage: async ({ partition, message }) => {
          messages.push({
            partition,
            offset: message.offset,
            key: message.key?.toString() ?? null,
            value: message.value?.toString() ?? null,
            headers: textHeaders(message.headers),
          });
          const high = ends.find((p) => p.partition === partition)?.high ?? '0';
          if (Number(message.offset) + 1 >= Number(high)) pending.delete(partition);
          if (pending.size === 0) resolve();
        },
      }).catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return messages.sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
}

export async function highWatermark(kafka: Kafka, topic: string): Promise<number> {
  const ends = await withAdmin(kafka, (admin) => admin.fetchTopicOffsets(topic));
  return ends.reduce((sum, partition) => sum + Number(partition.high), 0);
}

/** The group's committed offset per partition of the topic (-1 when none). */
export async function committedOffsets(kafka: Kafka, groupId: string, topic: string):
Promise<Record<number, number>> {
  const [result] = await withAdmin(kafka, (admin) =>
    admin.fetchOffsets({ groupId, topics: [topic] }));
  const offsets: Record<number, number> = {};
  for (const { partition, offset } of result?.partitions ?? []) offsets[partition] = Number(offset);
  return offsets;
}

export async function sendRaw(
  kafka: Kafka,
  topic: string,
  messages: Array<{ key?: string | null; value: string | null; headers?: IHeaders;
    partition?: number }>,
): Promise<void> {
  const producer: Producer = kafka.producer();
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
}

function textHeaders(headers: IHeaders | undefined): Record<string, string> {
  const text: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) text[name] = value.toString();
  }
  return text;
}

/** A promise and the functions that settle it, for events the test waits on. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}
