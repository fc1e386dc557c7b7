import {
  Kafka,
  Partitioners,
  logLevel,
  type LogEntry,
  type Producer,
  type RetryOptions,
  type SASLOptions,
} from 'kafkajs';
import type pino from 'pino';

import { backoffDelay, pause } from './backoff.js';
import type { RuntimeConfig } from './runtime-config.js';
import { RuntimeError, asError } from './runtime-error.js';

/**
 * The kafkajs client from the configuration, logging through the service's logger.
 * kafkajs's own info lines (joins, pauses) go to debug: the runtime logs what matters.
 */
export function createKafka(config: RuntimeConfig, logger: pino.Logger): Kafka {
  return makeKafka(config, logger, { initialRetryTime: 300, retries: 8, maxRetryTime: 30_000 });
}

function makeKafka(config: RuntimeConfig, logger: pino.Logger, retry: RetryOptions): Kafka {
  const kafkaLogger = logger.child({ component: 'kafkajs' });
  const sasl: SASLOptions | undefined = config.sasl && {
    mechanism: config.sasl.mechanism,
    username: config.sasl.username,
    password: config.sasl.password,
  } as SASLOptions;

  return new Kafka({
    clientId: config.clientId,
    brokers: [...config.brokers],
    ssl: config.ssl,
    ...(sasl ? { sasl } : {}),
    connectionTimeout: config.connectionTimeoutMs,
    retry,
    logLevel: kafkaLogger.isLevelEnabled('debug') ? logLevel.DEBUG : logLevel.WARN,
    logCreator: () => (entry: LogEntry) => writeKafkaLog(kafkaLogger, entry),
  });
}

/**
 * kafkajs warns that finite retries weaken the idempotent producer. They do not here:
 * kafkajs rolls a failed batch's sequence numbers back, and the publisher sends the same
 * batch again, so the broker still drops a copy that did land.
 */
const quietWarnings = new Set(['Limiting retries for the idempotent producer may invalidate EoS guarantees']);

function writeKafkaLog(logger: pino.Logger, entry: LogEntry): void {
  const { message, timestamp: _timestamp, logger: _name, ...fields } = entry.log;
  const line = { namespace: entry.namespace, ...fields };
  const level = quietWarnings.has(message) ? logLevel.DEBUG : entry.level;
  switch (level) {
    case logLevel.ERROR:
      logger.error(line, message);
      break;
    case logLevel.WARN:
      logger.warn(line, message);
      break;
    default:
      logger.debug(line, message);
  }
}

/**
 * Start-up only: reach the brokers within a bounded number of attempts, or fail with a
 * message that says what was tried. At run time kafkajs and the runtime retry instead.
 */
export async function waitForBrokers(config: RuntimeConfig, logger: pino.Logger): Promise<void>;
/** @deprecated The client is not used; call `waitForBrokers(config, logger)`. */
export async function waitForBrokers(
  kafka: Kafka,
  config: RuntimeConfig,
  logger: pino.Logger,
): Promise<void>;
export async function waitForBrokers(
  ...args: [RuntimeConfig, pino.Logger] | [Kafka, RuntimeConfig, pino.Logger]
): Promise<void> {
  const [config, logger] = args.length === 3 ? [args[1], args[2]] : args;
  const started = Date.now();
  let lastError: Error | undefined;
  // A client of its own without kafkajs's retries, so that attempts mean attempts.
  const kafka = makeKafka(config, logger.child({ phase: 'start-up' }), { retries: 0 });

  for (let attempt = 1; attempt <= config.connectAttempts; attempt += 1) {
    const admin = kafka.admin();
    try {
      await admin.connect();
      await admin.describeCluster();
      return;
    } catch (thrown) {
      lastError = asError(thrown);
      if (attempt === config.connectAttempts) break;
      const delayMs = backoffDelay(attempt, { baseDelayMs: 500, maxDelayMs: 5000 });
      logger.warn({ attempt, of: config.connectAttempts, delay_ms: delayMs, err: lastError },
        'Kafka is not reachable yet, trying again');
      await pause(delayMs);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  throw new RuntimeError('brokers-unreachable',
    `cannot reach Kafka at ${config.brokers.join(', ')} after ${config.connectAttempts} ` +
      `attempt(s) over ${seconds} s: ${lastError?.message ?? 'no answer'}. ` +
      'Start a local broker with `npm run kafka:start`, or name reachable brokers in KAFKA_BROKERS.',
    { cause: lastError });
}

export interface ProducerOptions {
  readonly idempotent: boolean;
  readonly allowAutoTopicCreation?: boolean;
}

/**
 * Every producer of the runtime: the murmur2 partitioner that Java clients use, so that a
 * key lands on the same partition whichever client wrote it, and idempotence as decided
 * in src/runtime/README.md.
 */
export function createProducer(kafka: Kafka, options: ProducerOptions): Producer {
  return kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: options.idempotent,
    // kafkajs keeps sequence numbers right only with one request in flight.
    ...(options.idempotent ? { maxInFlightRequests: 1 } : {}),
    allowAutoTopicCreation: options.allowAutoTopicCreation ?? true,
  });
}
