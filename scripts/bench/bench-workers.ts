/**
 * The two consumers that the worker benchmarks compare, with the same settings: raw kafkajs
 * `eachMessage` that parses the JSON and calls a handler, and a worker of the runtime over the
 * generated audit descriptors (decode, find the event type, validate, dispatch, mark, commit).
 * Both commit every 5 s and after each fetched batch, and fetch with a 500 ms wait.
 */
import type { Consumer, Kafka } from 'kafkajs';

import {
  featureCreatedMessage,
  featureDeletedMessage,
  featureUpdatedMessage,
  recordFeatureChangesOperation,
} from '../../generated/audit/descriptors.js';
import { createWorker, route, type Worker } from '../../src/runtime/index.js';
import { watchingLogger } from './bench-kafka.js';

export type Handler = (payload: unknown) => void;

export interface RunningConsumer {
  /** Resolves once the consumer has joined its group and holds partitions. */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
}

const COMMIT_INTERVAL_MS = 5000;
const MAX_WAIT_MS = 500;

export async function startRawConsumer(
  kafka: Kafka,
  topic: string,
  groupId: string,
  handler: Handler,
): Promise<RunningConsumer> {
  const consumer: Consumer = kafka.consumer({
    groupId,
    allowAutoTopicCreation: false,
    heartbeatInterval: 3000,
    maxWaitTimeInMs: MAX_WAIT_MS,
  });
  const ready = new Promise<void>((resolve) => {
    consumer.on(consumer.events.GROUP_JOIN, () => resolve());
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    autoCommit: true,
    autoCommitInterval: COMMIT_INTERVAL_MS,
    partitionsConsumedConcurrently: 1,
    eachMessage: async ({ message }) => {
      handler(JSON.parse((message.value as Buffer).toString()));
    },
  });
  return { ready, stop: () => consumer.disconnect() };
}

export function startGeneratedWorker(
  kafka: Kafka,
  topic: string,
  groupId: string,
  handler: Handler,
): Promise<RunningConsumer> {
  return startRuntimeWorker(kafka, topic, groupId, handler, true);
}

/** The same worker with `validate: false`, to tell validation from the rest of its cost. */
export function startUnvalidatedWorker(
  kafka: Kafka,
  topic: string,
  groupId: string,
  handler: Handler,
): Promise<RunningConsumer> {
  return startRuntimeWorker(kafka, topic, groupId, handler, false);
}

async function startRuntimeWorker(
  kafka: Kafka,
  topic: string,
  groupId: string,
  handler: Handler,
  validate: boolean,
): Promise<RunningConsumer> {
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const logger = watchingLogger((msg) => {
    if (msg === 'worker ready') markReady();
  });
  // The generated audit descriptors, on a topic of the benchmark's own.
  const operation = {
    ...recordFeatureChangesOperation,
    channel: { ...recordFeatureChangesOperation.channel, address: topic },
  };
  const worker: Worker = createWorker(
    { kafka, logger },
    operation,
    [
      route(featureCreatedMessage, (event) => handler(event)),
      route(featureUpdatedMessage, (event) => handler(event)),
      route(featureDeletedMessage, (event) => handler(event)),
    ],
    {
      groupId,
      commitIntervalMs: COMMIT_INTERVAL_MS,
      maxWaitTimeMs: MAX_WAIT_MS,
      partitionsConsumedConcurrently: 1,
      validate,
    },
  );
  await worker.start();
  return { ready, stop: () => worker.stop() };
}
