import type { Kafka, Message, Producer, TopicMessages } from 'kafkajs';
import type pino from 'pino';

import { backoffDelay, pause } from './backoff.js';
import type { MessageDescriptor, SendOperationDescriptor } from './descriptors.js';
import { createProducer } from './kafka-client.js';
import { isTransientKafkaError } from './kafka-errors.js';
import { LingerQueue, type LingerLimits } from './linger-queue.js';
import type { PublisherStats } from './metrics.js';
import {
  batchEventOptions,
  prepareRecord,
  type OutgoingRecord,
  type PublishOptions,
} from './outgoing-record.js';
import { RuntimeError, asError } from './runtime-error.js';

export interface OutgoingEvent {
  readonly message: MessageDescriptor;
  readonly data: unknown;
  readonly options?: PublishOptions;
}

export interface BatchOptions {
  /** Channel parameters for every event that does not bring its own. */
  readonly parameters?: Readonly<Record<string, string>>;
}

/** What generated producers need; `EventPublisher` sends, the test harness records. */
export interface Publisher {
  publish(
    operation: SendOperationDescriptor,
    message: MessageDescriptor,
    data: unknown,
    options?: PublishOptions,
  ): Promise<void>;
  publishBatch(
    operation: SendOperationDescriptor,
    events: ReadonlyArray<OutgoingEvent>,
    options?: BatchOptions,
  ): Promise<void>;
}

export interface EventPublisherOptions {
  readonly kafka: Kafka;
  readonly logger: pino.Logger;
  /** Validate payloads before sending; on by default. */
  readonly validate?: boolean;
  readonly linger?: { readonly maxDelayMs?: number; readonly maxBatchSize?: number;
    readonly maxBatchBytes?: number };
  /** Names this publisher in its log lines. */
  readonly clientId?: string;
  /**
   * The kafkajs idempotent producer. On by default: see the decision in
   * src/runtime/README.md ("Idempotence").
   */
  readonly idempotent?: boolean;
  /**
   * How long a batch is retried while the broker is unreachable before its publishes fail.
   * kafkajs retries within a request; this spans outages longer than that.
   */
  readonly deliveryTimeoutMs?: number;
  readonly allowAutoTopicCreation?: boolean;
}

/**
 * Linger defaults. A delay of 0 sends at the end of the tick in which the first publish
 * came, and whatever arrives while that batch is in flight goes in the next: batches grow
 * with load without making one awaited publish wait. A fixed delay (Kafka 4's `linger.ms`
 * is 5 ms) made fifty awaiting callers two to four times slower on the local broker, and
 * did not make bursts faster. 500 records or 1 MiB bound a batch.
 */
export const defaultLinger: LingerLimits = {
  maxDelayMs: 0,
  maxBatchSize: 500,
  maxBatchBytes: 1024 * 1024,
};

/**
 * One long-lived producer per process. Every publish is validated and serialised at once,
 * on the caller's stack, so that a bad payload fails the call that made it; sending is
 * batched by the linger queue.
 */
export class EventPublisher implements Publisher {
  readonly #producer: Producer;
  readonly #logger: pino.Logger;
  readonly #validate: boolean;
  readonly #deliveryTimeoutMs: number;
  readonly #queue: LingerQueue<OutgoingRecord>;
  #state: 'idle' | 'connected' | 'closed' = 'idle';
  readonly #stats = { published: 0, failed: 0 };

  constructor(options: EventPublisherOptions) {
    this.#producer = createProducer(options.kafka, {
      idempotent: options.idempotent ?? true,
      ...(options.allowAutoTopicCreation === undefined
        ? {}
        : { allowAutoTopicCreation: options.allowAutoTopicCreation }),
    });
    this.#logger = options.logger.child({ component: 'publisher',
      ...(options.clientId === undefined ? {} : { client_id: options.clientId }) });
    this.#validate = options.validate ?? true;
    this.#deliveryTimeoutMs = options.deliveryTimeoutMs ?? 120_000;
    this.#queue = new LingerQueue({ ...defaultLinger, ...options.linger }, (records) =>
      this.#deliver(records),
    );
  }

  /** Events acknowledged by the broker, and events that could not be delivered. */
  get stats(): PublisherStats {
    return this.#stats;
  }

  async connect(): Promise<void> {
    if (this.#state === 'closed') {
      throw new RuntimeError('publisher-closed', 'the publisher was disconnected; make a new one');
    }
    await this.#producer.connect();
    this.#state = 'connected';
  }

  /** Sends what is pending, then disconnects; later publishes fail. */
  async disconnect(): Promise<void> {
    if (this.#state === 'closed') return;
    const wasConnected = this.#state === 'connected';
    this.#state = 'closed';
    if (wasConnected) await this.#queue.flush();
    await this.#producer.disconnect();
  }

  publish(
    operation: SendOperationDescriptor,
    message: MessageDescriptor,
    data: unknown,
    options: PublishOptions = {},
  ): Promise<void> {
    try {
      this.#assertOpen();
      const record = prepareRecord(operation, message, data, options, this.#validate);
      // String length stands in for bytes: the bound keeps requests well under the
      // broker's limit, and an exact count would cost a second pass over every payload.
      return this.#queue.add(record, record.value.length);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * All or nothing before sending: one invalid event fails the call and none is sent.
   * The events go out together, without waiting for the linger delay.
   */
  publishBatch(
    operation: SendOperationDescriptor,
    events: ReadonlyArray<OutgoingEvent>,
    options: BatchOptions = {},
  ): Promise<void> {
    try {
      this.#assertOpen();
      const records = events.map(({ message, data, options: own }) => {
        const eventOptions = batchEventOptions(own, options.parameters);
        return prepareRecord(operation, message, data, eventOptions, this.#validate);
      });
      if (records.length === 0) return Promise.resolve();
      return this.#queue.addAll(records.map((item) => ({ item, bytes: item.value.length })));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #assertOpen(): void {
    if (this.#state === 'connected') return;
    if (this.#state === 'closed') {
      throw new RuntimeError('publisher-closed', 'cannot publish: the publisher was disconnected');
    }
    throw new RuntimeError(
      'publisher-not-connected',
      'cannot publish before connect(): await publisher.connect() at start-up',
    );
  }

  async #deliver(records: OutgoingRecord[]): Promise<void> {
    const topicMessages = groupByTopic(records);
    const deadline = Date.now() + this.#deliveryTimeoutMs;

    for (let retry = 1; ; retry += 1) {
      try {
        await this.#producer.sendBatch({ topicMessages, acks: -1 });
        this.#stats.published += records.length;
        if (retry > 1) this.#logger.info({ records: records.length }, 'publisher delivered after retries');
        return;
      } catch (thrown) {
        const error = asError(thrown);
        const delayMs = backoffDelay(retry, { baseDelayMs: 500, maxDelayMs: 10_000 });
        if (!isTransientKafkaError(error) || Date.now() + delayMs > deadline) {
          this.#stats.failed += records.length;
          this.#logger.error({ err: error, records: records.length }, 'publisher could not deliver');
          throw new RuntimeError(
            'delivery-failed',
            `could not deliver ${records.length} event(s) to ${topicList(records)}: ${error.message}`,
            { cause: error },
          );
        }
        this.#logger.warn(
          { err: error, records: records.length, retry, delay_ms: delayMs },
          'publisher could not reach the broker, retrying',
        );
        await pause(delayMs);
      }
    }
  }
}

function groupByTopic(records: readonly OutgoingRecord[]): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const record of records) {
    let messages = byTopic.get(record.topic);
    if (!messages) byTopic.set(record.topic, (messages = []));
    messages.push({
      key: record.key,
      value: record.value,
      headers: record.headers,
      timestamp: record.timestamp,
    });
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

function topicList(records: readonly OutgoingRecord[]): string {
  return [...new Set(records.map((record) => record.topic))].join(', ');
}
