import { Partitioners, type Admin, type IHeaders, type Kafka } from 'kafkajs';

import { eventValue, type PlannedEvent } from './fault-events.js';

export const indexHeader = 'fault.index';

/**
 * Sends the plan in order, idempotently, so that each key's events land in sequence; a
 * chunk at a time, each once `mayContinue` resolves, so that the stream outlasts the faults.
 * A send that fails while the broker restarts is sent again: idempotence keeps a copy that
 * did land from being written twice.
 */
export async function produceEvents(kafka: Kafka, topic: string, plan: readonly PlannedEvent[],
  chunk: number, mayContinue: (produced: number) => Promise<void>, deadline: number):
Promise<void> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    for (let start = 0; start < plan.length; start += chunk) {
      await mayContinue(start);
      const messages = plan.slice(start, start + chunk).map((event) => ({
        key: event.key,
        value: eventValue(event),
        headers: { 'event_type': 'sequence.recorded', 'content-type': 'application/json',
          [indexHeader]: String(event.index) },
      }));
      for (;;) {
        try {
          await producer.send({ topic, acks: -1, messages });
          break;
        } catch (error) {
          if (Date.now() > deadline) throw error;
        }
      }
    }
  } finally {
    await producer.disconnect();
  }
}

export interface ReadRecord {
  readonly partition: number;
  readonly offset: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Record<string, string | undefined>;
}

/** Every record of a topic up to its high watermarks as they stand at the call. */
export async function readWholeTopic(kafka: Kafka, topic: string): Promise<ReadRecord[]> {
  const ends = await withAdmin(kafka, (admin) => admin.fetchTopicOffsets(topic));
  const pending = new Map(ends.filter((end) => Number(end.high) > Number(end.low))
    .map((end) => [end.partition, Number(end.high)]));
  const records: ReadRecord[] = [];
  if (pending.size === 0) return records;

  const consumer = kafka.consumer({ groupId: `fault-reader-${process.pid}-${Date.now()}`,
    maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          const high = pending.get(batch.partition);
          for (const message of batch.messages) {
            const offset = Number(message.offset);
            if (high === undefined || offset >= high) break;
            records.push({ partition: batch.partition, offset, key: message.key,
              value: message.value, headers: textHeaders(message.headers) });
            if (offset + 1 >= high) pending.delete(batch.partition);
          }
          if (pending.size === 0) resolve();
        },
      }).catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}

export async function withAdmin<T>(kafka: Kafka, work: (admin: Admin) => Promise<T>):
Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

function textHeaders(headers: IHeaders | undefined): Record<string, string | undefined> {
  const text: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    text[name] = last === undefined || last === null ? undefined : last.toString();
  }
  return text;
}
