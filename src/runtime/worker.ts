import type { Admin, Consumer, EachBatchPayload, Kafka, Message, Producer } from 'kafkajs';
import type pino from 'pino';

import { backoffDelay, type BackoffPolicy } from './backoff.js';
import {
  deadLetterMessage,
  deadLetterTopicFor,
  withoutValue,
  type Failure,
} from './dead-letter.js';
import type { ReceiveOperationDescriptor } from './descriptors.js';
import { createHandlerContext, messageBindings, type Route } from './handler-context.js';
import { decodeRecord, type Decoded, type IncomingRecord } from './incoming-record.js';
import { createProducer } from './kafka-client.js';
import { isRecoverableCrash, isTooLargeKafkaError } from './kafka-errors.js';
import { KeepAlive } from './keep-alive.js';
import { buildRouteTable, type RouteTable } from './route-table.js';
import { asError } from './runtime-error.js';
import { addressPattern, expandAddress } from './topic-address.js';
import { WorkerStatsRecorder, type WorkerStats } from './worker-stats.js';

export interface WorkerRuntime {
  readonly kafka: Kafka;
  readonly logger: pino.Logger;
}

export interface RetryOptions {
  /** Handler runs before a message is dead-lettered, the first included. */
  readonly attempts?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
}

export interface WorkerOptions {
  /** Overrides the group id of the operation's Kafka binding. */
  readonly groupId?: string;
  /** Where a group without committed offsets starts; the earliest offset by default. */
  readonly fromBeginning?: boolean;
  readonly partitionsConsumedConcurrently?: number;
  readonly retry?: RetryOptions;
  /** Values per channel parameter; a parameter without values is read by a pattern. */
  readonly parameters?: Readonly<Record<string, readonly string[]>>;
  /** Marked offsets are committed at least this often, and after every fetched batch. */
  readonly commitIntervalMs?: number;
  readonly validate?: boolean;
  readonly sessionTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
  readonly rebalanceTimeoutMs?: number;
  /** How often a pattern subscription looks for topics created since. */
  readonly topicRefreshIntervalMs?: number;
  /**
   * How long a fetch waits for data. It also bounds how soon a paused partition is read
   * again after a retry's backoff, so the default is the Java client's 500 ms rather than
   * kafkajs's 5 s.
   */
  readonly maxWaitTimeMs?: number;
}

export interface Worker {
  start(): Promise<void>;
  /** Stops fetching, lets the handler in flight finish, commits, leaves the group. */
  stop(): Promise<void>;
  readonly stats: WorkerStats;
  readonly groupId: string;
  readonly operationId: string;
}

export function createWorker(
  runtime: WorkerRuntime,
  operation: ReceiveOperationDescriptor,
  routes: readonly Route[],
  options: WorkerOptions = {},
): Worker {
  return new KafkaWorker(runtime, operation, routes, options);
}

/** What became of one record: the offset may be marked, or the partition waits a while. */
type Outcome =
  | { readonly kind: 'done' }
  | { readonly kind: 'retry'; readonly delayMs: number }
  | { readonly kind: 'abandoned' };

interface FailureState {
  readonly attempts: number;
  readonly firstFailure: Date;
  /** Set when the handler gave up but the dead-letter write failed: only the write is retried. */
  readonly pendingDeadLetter: Failure | undefined;
  readonly deadLetterTries: number;
}

const done: Outcome = { kind: 'done' };
const abandoned: Outcome = { kind: 'abandoned' };
const deadLetterBackoff: BackoffPolicy = { baseDelayMs: 1000, maxDelayMs: 30_000 };
/**
 * How often, at most, a batch marks what is done, lets kafkajs commit on its interval and
 * heartbeats. kafkajs heartbeats every few seconds and commits every few, so a few
 * milliseconds more makes no difference to either.
 */
const HOUSEKEEPING_INTERVAL_MS = 20;

class KafkaWorker implements Worker {
  readonly groupId: string;
  readonly operationId: string;
  readonly #kafka: Kafka;
  readonly #logger: pino.Logger;
  readonly #operation: ReceiveOperationDescriptor;
  readonly #table: RouteTable;
  readonly #options: WorkerOptions;
  readonly #retry: Required<RetryOptions>;
  readonly #heartbeatIntervalMs: number;
  readonly #keepAlive: KeepAlive;
  readonly #validate: boolean;
  readonly #stats = new WorkerStatsRecorder();
  readonly #failures = new Map<string, FailureState>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #producer: Producer;
  #consumer: Consumer | undefined;
  #admin: Admin | undefined;
  #refreshTimer: NodeJS.Timeout | undefined;
  #topics: string[] = [];
  #readyLogged = false;
  #stopping = false;
  #restarting: Promise<void> | undefined;

  constructor(
    runtime: WorkerRuntime,
    operation: ReceiveOperationDescriptor,
    routes: readonly Route[],
    options: WorkerOptions,
  ) {
    this.groupId = options.groupId ?? operation.groupId;
    this.operationId = operation.id;
    this.#kafka = runtime.kafka;
    this.#operation = operation;
    this.#options = options;
    this.#logger = runtime.logger.child({ component: 'worker', operation: operation.id,
      group_id: this.groupId });
    this.#table = buildRouteTable(operation, routes, this.#logger);
    this.#retry = { attempts: 5, baseDelayMs: 200, maxDelayMs: 30_000, ...options.retry };
    this.#heartbeatIntervalMs = options.heartbeatIntervalMs ?? 3000;
    this.#keepAlive = new KeepAlive(this.#heartbeatIntervalMs);
    this.#validate = options.validate ?? true;
    this.#producer = createProducer(runtime.kafka, { idempotent: true });
  }

  get stats(): WorkerStats {
    return this.#stats;
  }

  async start(): Promise<void> {
    this.#keepAlive.start();
    await this.#producer.connect();
    const consumer = this.#makeConsumer();
    this.#consumer = consumer;
    await consumer.connect();

    const concrete = expandAddress(this.#operation.channel.address, this.#parameterValues());
    if (concrete) {
      await this.#run(concrete);
      return;
    }

    const pattern = addressPattern(this.#operation.channel.address);
    this.#admin = this.#kafka.admin();
    await this.#admin.connect();
    const found = await this.#matchingTopics(pattern);
    if (found.length > 0) await this.#run(found);
    else this.#logger.info({ pattern: pattern.source }, 'worker waiting for topics to appear');

    const every = this.#options.topicRefreshIntervalMs ?? 30_000;
    this.#refreshTimer = setInterval(() => void this.#refresh(pattern), every);
  }

  async stop(): Promise<void> {
    if (this.#stopping) return;
    this.#stopping = true;
    clearInterval(this.#refreshTimer);
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();

    await this.#restarting?.catch(() => undefined);
    await this.#consumer?.disconnect();
    // Only now: a handler still running while the consumer disconnects needs heartbeats.
    this.#keepAlive.stop();
    await this.#admin?.disconnect();
    await this.#producer.disconnect();
    this.#stats.ready = false;
    this.#logger.info({ stats: statsLine(this.#stats) }, 'worker stopped');
  }

  #parameterValues(): Record<string, readonly string[] | undefined> {
    const values: Record<string, readonly string[] | undefined> = {};
    for (const parameter of this.#operation.channel.parameters) {
      values[parameter.name] = this.#options.parameters?.[parameter.name] ?? parameter.values;
    }
    return values;
  }

  async #matchingTopics(pattern: RegExp): Promise<string[]> {
    const topics = await (this.#admin as Admin).listTopics();
    return topics.filter((topic) => pattern.test(topic)).sort();
  }

  /** kafkajs reads a pattern once, at subscribe; new topics need a fresh subscription. */
  async #refresh(pattern: RegExp): Promise<void> {
    if (this.#stopping || this.#restarting) return;
    try {
      const found = await this.#matchingTopics(pattern);
      const added = found.filter((topic) => !this.#topics.includes(topic));
      if (added.length === 0 || this.#stopping) return;

      this.#logger.info({ topics: added }, 'worker found new topics, resubscribing');
      this.#restarting = (async () => {
        const consumer = this.#consumer as Consumer;
        if (this.#topics.length > 0) await consumer.stop();
        await this.#run(found);
      })();
      await this.#restarting;
    } catch (thrown) {
      this.#logger.warn({ err: asError(thrown) }, 'worker could not refresh its topics');
    } finally {
      this.#restarting = undefined;
    }
  }

  #makeConsumer(): Consumer {
    const consumer = this.#kafka.consumer({
      groupId: this.groupId,
      allowAutoTopicCreation: false,
      heartbeatInterval: this.#heartbeatIntervalMs,
      maxWaitTimeInMs: this.#options.maxWaitTimeMs ?? 500,
      ...(this.#options.sessionTimeoutMs === undefined
        ? {}
        : { sessionTimeout: this.#options.sessionTimeoutMs }),
      ...(this.#options.rebalanceTimeoutMs === undefined
        ? {}
        : { rebalanceTimeout: this.#options.rebalanceTimeoutMs }),
    });

    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      const assignment = payload.memberAssignment;
      this.#forgetRevoked(assignment);
      this.#stats.ready = true;
      const partitions = Object.values(assignment).reduce((sum, list) => sum + list.length, 0);
      if (partitions > 0 && !this.#readyLogged) {
        this.#readyLogged = true;
        this.#logger.info({ assignment }, 'worker ready');
      } else {
        this.#logger.info({ assignment }, 'worker joined its group');
      }
    });
    consumer.on(consumer.events.COMMIT_OFFSETS, ({ payload }) => {
      this.#logger.debug({ offsets: payload.topics }, 'offsets committed');
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      const { error, restart } = payload;
      const recover = !restart && !this.#stopping && isRecoverableCrash(error);
      if (!restart) this.#stats.ready = false;
      if (!restart && !recover) this.#stats.crashed = true;
      this.#logger.error({ err: error, restart: restart || recover },
        restart ? 'consumer failed, restarting'
          : recover ? 'consumer failed while the brokers were away; starting it again'
            : 'consumer failed and will not restart');
      if (recover) void this.#recover();
    });
    return consumer;
  }

  /** A fresh consumer on the same subscription, with backoff, until it runs or stop(). */
  async #recover(): Promise<void> {
    for (let attempt = 1; !this.#stopping; attempt += 1) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.#timers.delete(timer);
          resolve();
        }, backoffDelay(attempt, deadLetterBackoff));
        this.#timers.add(timer);
      });
      if (this.#stopping) return;
      try {
        const consumer = this.#makeConsumer();
        this.#consumer = consumer;
        await consumer.connect();
        await this.#run(this.#topics);
        return;
      } catch (thrown) {
        this.#logger.warn({ err: asError(thrown), attempt },
          'consumer could not start again yet; trying again');
      }
    }
  }

  #forgetRevoked(assignment: Readonly<Record<string, readonly number[]>>): void {
    this.#stats.keepPartitions(assignment);
    for (const id of this.#failures.keys()) {
      const [topic, partition] = id.split('|') as [string, string];
      if (!assignment[topic]?.includes(Number(partition))) this.#failures.delete(id);
    }
  }

  async #run(topics: string[]): Promise<void> {
    this.#topics = topics;
    const consumer = this.#consumer as Consumer;
    await consumer.subscribe({ topics, fromBeginning: this.#options.fromBeginning ?? true });
    await consumer.run({
      autoCommit: true,
      autoCommitInterval: this.#options.commitIntervalMs ?? 5000,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.#options.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.#eachBatch(payload),
    });
  }

  async #eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    // The offset of the last message done, not yet marked. Marking, the commit check and the
    // heartbeat each cost kafkajs more than dispatching a small message, so they are done
    // together every few milliseconds rather than after every message: an offset is still
    // marked only once its message is done, and before anything that may commit.
    let unmarked: string | undefined;
    let marked: string | undefined;
    let nextHousekeeping = Date.now() + HOUSEKEEPING_INTERVAL_MS;
    const mark = () => {
      if (unmarked === undefined) return;
      resolveOffset(unmarked);
      marked = unmarked;
      unmarked = undefined;
    };
    // A heartbeat may find the group rebalancing, and kafkajs then commits what is marked.
    const beat = () => {
      mark();
      return heartbeat();
    };
    try {
      for (const message of batch.messages) {
        if (!isRunning() || isStale() || this.#stopping) return;

        const record: IncomingRecord = {
          topic: batch.topic,
          partition: batch.partition,
          offset: message.offset,
          key: message.key,
          value: message.value,
          headers: message.headers,
        };
        const outcome = await this.#process(record, beat);
        if (outcome.kind === 'abandoned') return;
        if (outcome.kind === 'retry') {
          // The rest of the batch is fetched again, from this message, once resumed.
          this.#resumeLater(payload.pause(), outcome.delayMs);
          return;
        }

        unmarked = message.offset;
        if (Date.now() >= nextHousekeeping) {
          mark();
          await payload.commitOffsetsIfNecessary();
          await beat();
          nextHousekeeping = Date.now() + HOUSEKEEPING_INTERVAL_MS;
        }
      }
    } finally {
      mark();
      // Once a batch rather than once a message: the lag only feeds the metrics.
      if (marked !== undefined) {
        this.#stats.recordPosition(batch.topic, batch.partition, batch.highWatermark, marked);
      }
    }
  }

  #resumeLater(resume: () => void, delayMs: number): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      resume();
    }, delayMs);
    this.#timers.add(timer);
  }

  #process(record: IncomingRecord, heartbeat: () => Promise<void>): Outcome | Promise<Outcome> {
    const id = `${record.topic}|${record.partition}|${record.offset}`;
    const state = this.#failures.get(id);
    const decoded = decodeRecord(record, this.#table.messages, this.#validate);

    if (state?.pendingDeadLetter) {
      return this.#deadLetter(record, decoded, id, state.pendingDeadLetter, heartbeat);
    }

    switch (decoded.kind) {
      case 'tombstone':
        this.#stats.tombstones += 1;
        this.#recordLogger(record, decoded).debug('tombstone skipped: no message declared for it');
        return done;
      case 'unknown-type':
        this.#stats.unknownEventTypes += 1;
        this.#recordLogger(record, decoded).warn('unknown event type skipped');
        return done;
      case 'invalid': {
        const now = new Date();
        const failure = { reason: decoded.error.code, error: decoded.error, attempts: 0,
          firstFailure: now, lastFailure: now };
        return this.#deadLetter(record, decoded, id, failure, heartbeat);
      }
      case 'event':
        return this.#handle(record, decoded, id, state, heartbeat);
    }
  }

  async #handle(
    record: IncomingRecord,
    decoded: Extract<Decoded, { kind: 'event' }>,
    id: string,
    state: FailureState | undefined,
    heartbeat: () => Promise<void>,
  ): Promise<Outcome> {
    const entry = this.#table.entryFor(decoded.message);
    const attempt = (state?.attempts ?? 0) + 1;
    const context = createHandlerContext({
      baseLogger: entry.logger,
      topic: record.topic,
      partition: record.partition,
      offset: record.offset,
      key: decoded.key,
      eventType: decoded.eventType,
      eventId: decoded.eventId,
      headers: decoded.headers,
      attempt,
    });
    if (decoded.headerMismatch !== undefined) {
      context.logger.warn({ header_event_type: decoded.headerMismatch },
        'the event_type header disagrees with the envelope, which wins');
    }

    try {
      await this.#keepAlive.during(heartbeat, () =>
        entry.route.handle(decoded.payload, context));
      this.#stats.handled += 1;
      if (state) this.#failures.delete(id);
      return done;
    } catch (thrown) {
      const error = asError(thrown);
      const now = new Date();
      const firstFailure = state?.firstFailure ?? now;
      this.#stats.failed += 1;

      if (attempt < this.#retry.attempts) {
        if (this.#stopping) return abandoned;
        const delayMs = backoffDelay(attempt, this.#retry);
        this.#stats.retried += 1;
        this.#failures.set(id, { attempts: attempt, firstFailure, pendingDeadLetter: undefined,
          deadLetterTries: 0 });
        context.logger.warn({ err: error, attempt, delay_ms: delayMs },
          'handler failed, retrying after a pause');
        return { kind: 'retry', delayMs };
      }

      context.logger.error({ err: error, attempt }, 'handler failed on its last attempt');
      const failure = { reason: 'handler-failed', error, attempts: attempt, firstFailure,
        lastFailure: now };
      return this.#deadLetter(record, decoded, id, failure, heartbeat);
    }
  }

  /** The offset is marked only once the dead letter is acknowledged by the broker. */
  async #deadLetter(
    record: IncomingRecord,
    decoded: Decoded,
    id: string,
    failure: Failure,
    heartbeat: () => Promise<void>,
  ): Promise<Outcome> {
    const topic = deadLetterTopicFor(this.#operation, record.topic, this.groupId);
    const logger = this.#recordLogger(record, decoded);

    try {
      await this.#keepAlive.during(heartbeat, () =>
        this.#sendLetter(topic, deadLetterMessage(record, this.groupId, failure), logger));
    } catch (thrown) {
      if (this.#stopping) return abandoned;
      const tries = (this.#failures.get(id)?.deadLetterTries ?? 0) + 1;
      const delayMs = backoffDelay(tries, deadLetterBackoff);
      this.#failures.set(id, { attempts: failure.attempts, firstFailure: failure.firstFailure,
        pendingDeadLetter: failure, deadLetterTries: tries });
      logger.error({ err: asError(thrown), dead_letter_topic: topic, delay_ms: delayMs },
        'dead-letter write failed; the offset stays unmarked and the write is retried');
      return { kind: 'retry', delayMs };
    }

    this.#failures.delete(id);
    this.#stats.deadLettered += 1;
    logger.warn({ dead_letter_topic: topic, reason: failure.reason, attempts: failure.attempts,
      err: failure.error }, 'message dead-lettered');
    return done;
  }

  /** A letter too large for the broker goes without its value rather than never. */
  async #sendLetter(topic: string, letter: Message, logger: pino.Logger): Promise<void> {
    try {
      await this.#producer.send({ topic, acks: -1, messages: [letter] });
    } catch (thrown) {
      if (!isTooLargeKafkaError(thrown)) throw thrown;
      logger.warn({ err: asError(thrown), dead_letter_topic: topic },
        'the dead letter is too large for the broker; it goes without the original value');
      await this.#producer.send({ topic, acks: -1, messages: [withoutValue(letter)] });
    }
  }

  #recordLogger(record: IncomingRecord, decoded: Decoded): pino.Logger {
    const base = decoded.kind === 'event' ? this.#table.entryFor(decoded.message).logger
      : this.#logger;
    return base.child(messageBindings({ topic: record.topic, partition: record.partition,
      offset: record.offset, key: decoded.key, eventType: decoded.eventType,
      eventId: decoded.eventId }));
  }
}

function statsLine(stats: WorkerStats): Record<string, number> {
  return {
    handled: stats.handled,
    retried: stats.retried,
    failed: stats.failed,
    dead_lettered: stats.deadLettered,
    skipped: stats.skipped,
  };
}
