import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';

import { startBroker, type LocalBroker } from '../../scripts/kafka/local-broker.js';
import { withAdmin } from '../../scripts/faults/topic-io.js';
import { createWorker, route, type Worker } from '../../src/runtime/index.js';
import {
  featureCreated,
  featureDeleted,
  featuresFixture,
} from '../runtime/support/fixture-descriptors.js';
import { LogCapture } from '../runtime/support/log-capture.js';
import { Received } from '../runtime/support/worker-kit.js';

/**
 * The broker going away at run time is ridden out (DESIGN.md): a worker whose client gives
 * up while the broker is down starts its consumer again and handles what comes after. The
 * kafkajs path the fault run hit (coordinator not found, called non-retriable) depends on
 * timing; test/runtime/coordinator-not-found-crash.test.ts pins its classification. A
 * broker of its own, so that it can be stopped; few client retries, so kafkajs gives up.
 */
let broker: LocalBroker | undefined;
let worker: Worker | undefined;
const dir = await mkdtemp(join(tmpdir(), 'broker-restart-'));

afterAll(async () => {
  await worker?.stop();
  await broker?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('a broker restart under a worker whose client gives up', () => {
  it('gets the worker started again, and it handles what comes after', async () => {
    broker = await startBroker({ dataDir: join(dir, 'kafka') });
    const kafka = new Kafka({ clientId: 'coordinator-lost', brokers: [broker.brokers],
      logLevel: logLevel.NOTHING, retry: { retries: 1, initialRetryTime: 100 } });
    const { receive } = featuresFixture('features', 'coordinator-group');
    await withAdmin(kafka, (admin) => admin.createTopics({ waitForLeaders: true,
      topics: [{ topic: 'features' }] }));
    const logs = new LogCapture('info');
    const received = new Received();
    worker = createWorker({ kafka, logger: logs.logger }, receive, [
      route(featureCreated, () => undefined),
      route(featureDeleted, (event, context) => received.record(event, context)),
    ], { maxWaitTimeMs: 100 });
    await worker.start();
    await logs.waitForMessage('worker ready', 60_000);

    await broker.stop({ keepData: true });
    await logs.waitFor((line) => String(line.msg).startsWith('consumer failed'), 60_000,
      'the consumer to fail while the broker is away');
    broker = await startBroker({ dataDir: join(dir, 'kafka'), port: broker.port,
      keepData: true });

    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'features', messages: [{ key: 'f-1', value: JSON.stringify({
      event_type: 'feature.deleted', event_id: '0b7e3b3c-3f43-4f5c-9d3a-0f7f3b6a1c11',
      timestamp: '2024-01-02T00:00:00.000Z', data: { feature_id: 'f-1' } }) }] });
    await producer.disconnect();

    await received.waitFor(1, 90_000);
    expect(worker.stats.crashed).toBe(false);
  });
});
