import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

import { describe, expect, it } from 'vitest';

import {
  isRuntimeError,
  loadRuntimeConfig,
  waitForBrokers,
} from '../../src/runtime/index.js';
import { brokers } from '../support/kafka.js';
import { LogCapture } from '../runtime/support/log-capture.js';

/** A loopback port that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('start-up', () => {
  it('reaches the brokers of the run', async () => {
    const logs = new LogCapture('warn');
    const config = loadRuntimeConfig({ KAFKA_BROKERS: brokers().join(',') });
    await expect(waitForBrokers(config, logs.logger))
      .resolves.toBeUndefined();
  });

  it('gives up on unreachable brokers after the configured attempts, saying what it tried',
    async () => {
      const logs = new LogCapture('warn');
      const address = `127.0.0.1:${await closedPort()}`;
      const config = loadRuntimeConfig({ KAFKA_BROKERS: address, KAFKA_CONNECT_ATTEMPTS: '2',
        KAFKA_CONNECTION_TIMEOUT_MS: '500' });

      const failure = await waitForBrokers(config, logs.logger)
        .catch((error: unknown) => error);

      expect(isRuntimeError(failure, 'brokers-unreachable')).toBe(true);
      expect((failure as Error).message).toMatch(new RegExp(
        `^cannot reach Kafka at ${address} after 2 attempt\\(s\\) over [0-9.]+ s: .*ECONNREFUSED`));
      expect(logs.withMessage('Kafka is not reachable yet, trying again')).toHaveLength(1);
    });

  it('makes npm start exit 1 with the reason when the brokers stay unreachable', async () => {
    const address = `127.0.0.1:${await closedPort()}`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, KAFKA_BROKERS: address, KAFKA_CONNECT_ATTEMPTS: '2',
        KAFKA_CONNECTION_TIMEOUT_MS: '500', LOG_LEVEL: 'silent' },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(new RegExp(
      `^npm start: cannot reach Kafka at ${address} after 2 attempt\\(s\\) over [0-9.]+ s: `, 'm'));
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
