/**
 * The Kafka side of the benchmarks: a broker of their own on a free port with its own data
 * folder, a client, and a logger that only watches for the lines a benchmark waits on.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Writable } from 'node:stream';

import { Kafka, logLevel, type Admin } from 'kafkajs';
import pino from 'pino';

import { startBroker, type LocalBroker } from '../kafka/local-broker.js';
import type { BenchContext } from './bench-context.js';

export interface BenchKafka {
  readonly broker: LocalBroker;
  readonly kafka: Kafka;
  readonly admin: Admin;
  stop(): Promise<void>;
}

export async function startBenchKafka(context: BenchContext): Promise<BenchKafka> {
  context.log('kafka: starting a broker of its own');
  const broker = await startBroker({ dataDir: path.join(context.work, 'kafka-data') });
  const kafka = new Kafka({
    clientId: 'bench',
    brokers: [broker.brokers],
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  context.log(`kafka: broker ${broker.version} on ${broker.brokers}`);
  return {
    broker,
    kafka,
    admin,
    stop: async () => {
      await admin.disconnect().catch(() => undefined);
      await broker.stop();
    },
  };
}

export async function createTopic(admin: Admin, topic: string, partitions: number): Promise<void> {
  await admin.createTopics({
    waitForLeaders: true,
    topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }],
  });
}

/**
 * Waits until every partition of the topic has a leader, after adding partitions: until then
 * a producer's first requests to the new ones fail and are retried inside the timed runs.
 */
export async function awaitLeaders(
  bench: BenchKafka,
  topic: string,
  partitions: number,
): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const metadata = await bench.admin.fetchTopicMetadata({ topics: [topic] });
    const found = metadata.topics[0]?.partitions ?? [];
    if (found.length === partitions && found.every((partition) => partition.leader >= 0)) return;
    if (Date.now() > deadline) {
      throw new Error(`${topic} did not get leaders for its ${partitions} partitions within 30 s.`);
    }
    // The admin API has no event for a new leader; ask again shortly.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A pino logger that writes nothing but calls `onLine` with each line's `msg`. */
export function watchingLogger(onLine: (msg: string) => void = () => undefined): pino.Logger {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line === '') continue;
        onLine((JSON.parse(line) as { msg?: string }).msg ?? '');
      }
      done();
    },
  });
  return pino({ level: 'info' }, sink);
}

/** A feature change for entity number `i`: a fresh id each, so keys spread over partitions. */
export function featureChange(i: number) {
  return {
    feature_id: randomUUID(),
    account_id: '5a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    name: `feature-${i}`,
    action: 'create' as const,
  };
}
