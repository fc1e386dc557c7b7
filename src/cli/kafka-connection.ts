/**
 * The brokers a command talks to, from the same environment variables a service reads
 * (KAFKA_BROKERS, SASL, TLS; see README.md), reached with the service's bounded start-up
 * retries, so that an unreachable broker is a clear sentence and not a hang.
 */
import type { Kafka } from 'kafkajs';
import pino from 'pino';

import { EXIT_BAD_INPUT } from './exit-codes.js';
import type { Terminal } from './terminal.js';
import {
  createKafka,
  isRuntimeError,
  loadRuntimeConfig,
  waitForBrokers,
  type RuntimeConfig,
} from '../runtime/index.js';

export interface KafkaConnection {
  readonly config: RuntimeConfig;
  readonly kafka: Kafka;
  readonly logger: pino.Logger;
}

/**
 * Runs `work` with a client on the configured brokers. A bad environment or brokers that
 * cannot be reached end the command with exit 2 and the runtime's sentence.
 */
export async function withKafka(
  command: string,
  terminal: Terminal,
  work: (connection: KafkaConnection) => Promise<number>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let connection: KafkaConnection;
  try {
    const config = loadRuntimeConfig(env);
    // stdout carries the command's result; kafkajs and the runtime speak on stderr, and
    // only when something is wrong unless LOG_LEVEL asks for more.
    const logger = pino({ level: env['LOG_LEVEL'] ?? 'warn' }, pino.destination(2));
    // The sentence that waitForBrokers throws says it all; kafkajs's own lines about each
    // refused connection would bury it.
    const startUp = env['LOG_LEVEL'] === undefined ? logger.child({}, { level: 'fatal' }) : logger;
    await waitForBrokers(config, startUp);
    connection = { config, kafka: createKafka(config, logger), logger };
  } catch (error) {
    if (!isRuntimeError(error)) throw error;
    terminal.err(`${command}: ${error.message}`);
    return EXIT_BAD_INPUT;
  }
  return work(connection);
}
