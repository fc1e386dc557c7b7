import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { TestProject } from 'vitest/node';

import { startBroker } from '../../scripts/kafka/local-broker.js';
import '../support/kafka.js';

/**
 * Gives every test of the run one Kafka broker. When `KAFKA_BROKERS` names
 * brokers, those are used as they are and nothing is started; otherwise a
 * fresh local broker starts on a free port with its data in a temp folder,
 * and is stopped and deleted when the run ends. Tests read the address with
 * `brokers()` from test/support/kafka.ts.
 */
export default async function setup(project: TestProject) {
  const given = process.env['KAFKA_BROKERS'];
  if (given) {
    project.provide('kafkaBrokers', given);
    return undefined;
  }

  const dataDir = await mkdtemp(join(tmpdir(), 'asyncapi-kafka-test-'));
  const broker = await startBroker({ dataDir }).catch(async (error: unknown) => {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  process.env['KAFKA_BROKERS'] = broker.brokers;
  project.provide('kafkaBrokers', broker.brokers);

  // The broker runs detached; should the run be interrupted before its
  // teardown, it must not outlive the run.
  let stopped = false;
  const killOnExit = () => {
    if (stopped) {
      return;
    }
    try {
      process.kill(broker.pid, 'SIGKILL');
    } catch {
      // Already gone: nothing is left to clean up.
    }
  };
  process.once('exit', killOnExit);

  return async () => {
    delete process.env['KAFKA_BROKERS'];
    await broker.stop();
    stopped = true;
    process.off('exit', killOnExit);
    await rm(dataDir, { recursive: true, force: true });
  };
}
