import { afterEach, describe, expect, it } from 'vitest';

import {
  renderMetrics,
  startOpsServer,
  type OpsServer,
  type Worker,
  type WorkerStats,
} from '../../src/runtime/index.js';
import { LogCapture } from './support/log-capture.js';

function fakeWorker(stats: Partial<WorkerStats>): Worker {
  const full: WorkerStats = { handled: 0, retried: 0, failed: 0, deadLettered: 0, skipped: 0,
    unknownEventTypes: 0, tombstones: 0, ready: true, crashed: false, lag: [], ...stats };
  return { groupId: 'billing', operationId: 'onOrder', stats: full,
    start: () => Promise.resolve(), stop: () => Promise.resolve() };
}

let server: OpsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('renderMetrics', () => {
  it('writes the counters and the lag in the Prometheus text format', () => {
    const text = renderMetrics([fakeWorker({ handled: 12, deadLettered: 1, unknownEventTypes: 2,
      lag: [{ topic: 'orders', partition: 3, lag: 40 }] })], [{ stats: { published: 5, failed: 0 } }]);

    expect(text).toContain('# TYPE asyncapi_kafka_messages_handled_total counter\n' +
      'asyncapi_kafka_messages_handled_total{group="billing",operation="onOrder"} 12\n');
    expect(text).toContain('asyncapi_kafka_messages_dead_lettered_total{group="billing",' +
      'operation="onOrder"} 1\n');
    expect(text).toContain('asyncapi_kafka_messages_skipped_total{group="billing",' +
      'operation="onOrder",reason="unknown-event-type"} 2\n');
    expect(text).toContain(
      'asyncapi_kafka_consumer_lag{group="billing",topic="orders",partition="3"} 40\n');
    expect(text).toContain('asyncapi_kafka_events_published_total 5\n');
  });
});

describe('startOpsServer', () => {
  it('serves metrics, liveness and readiness on 127.0.0.1', async () => {
    const ready = fakeWorker({ handled: 3 });
    const joining = fakeWorker({ ready: false });
    const workers = [ready, joining];
    server = await startOpsServer({ port: 0, workers, logger: new LogCapture().logger });
    const base = `http://127.0.0.1:${server.port}`;

    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    expect(await metrics.text()).toContain('asyncapi_kafka_messages_handled_total');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const readiness = await fetch(`${base}/readyz`);
    expect(readiness.status).toBe(503);
    expect(await readiness.text()).toBe('onOrder: not in its group yet\n');
  });

  it('fails liveness once a consumer stopped for good', async () => {
    server = await startOpsServer({ port: 0, workers: [fakeWorker({ crashed: true })],
      logger: new LogCapture().logger });
    expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(503);
  });
});
