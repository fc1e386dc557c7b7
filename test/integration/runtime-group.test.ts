import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';

import { EventPublisher, route, type Worker } from '../../src/runtime/index.js';
import { createTopics, testKafka, uniqueName } from '../runtime/support/broker-kit.js';
import {
  featureCreated,
  featureDeleted,
  featuresFixture,
  type FeatureDeleted,
} from '../runtime/support/fixture-descriptors.js';
import { LogCapture } from '../runtime/support/log-capture.js';
import { Received, startWorker } from '../runtime/support/worker-kit.js';

const kafka = testKafka();
const publisher = new EventPublisher({ kafka, logger: new LogCapture('info').logger });
const running: Worker[] = [];

beforeAll(() => publisher.connect());
afterAll(() => publisher.disconnect());
afterEach(async () => {
  await Promise.all(running.splice(0).map((worker) => worker.stop()));
});

function partitionCount(assignment: unknown): number {
  return Object.values(assignment as Record<string, number[]>)
    .reduce((sum, partitions) => sum + partitions.length, 0);
}

describe('workers in a consumer group', () => {
  it('share the partitions and together handle every message once', async () => {
    const topic = uniqueName('features');
    const group = uniqueName('group');
    await createTopics(kafka, [topic], 4);
    const { send, receive } = featuresFixture(topic, group);
    const received = new Received<FeatureDeleted>();
    const routes = (name: string) => [
      route(featureCreated, () => undefined),
      route(featureDeleted, (event: FeatureDeleted, context) => {
        received.record(event, { ...context, logger: context.logger, headers: { worker: name } });
      }),
    ];

    const first = await startWorker(kafka, receive, routes('first'));
    running.push(first.worker);
    const second = await startWorker(kafka, receive, routes('second'));
    running.push(second.worker);
    // The first member gives up half its partitions when the second joins.
    await first.logs.waitFor((line) => line.msg === 'worker joined its group' &&
      partitionCount(line['assignment']) === 2);
    expect(partitionCount(second.logs.withMessage('worker ready')[0]?.['assignment'])).toBe(2);

    const total = 400;
    await publisher.publishBatch(send, Array.from({ length: total }, (_, index) => ({
      message: featureDeleted,
      data: { feature_id: `feature-${index}` },
    })));
    await received.waitFor(total);

    const ids = received.events.map(({ event }) => event.event_id);
    expect(new Set(ids).size).toBe(total);
    expect(ids).toHaveLength(total);
    const byWorker = (name: string) =>
      received.events.filter(({ context }) => context.headers['worker'] === name).length;
    expect(byWorker('first')).toBeGreaterThan(0);
    expect(byWorker('second')).toBeGreaterThan(0);
    await Promise.all(running.splice(0).map((worker) => worker.stop()));
    expect(first.worker.stats.handled + second.worker.stats.handled).toBe(total);
  });

  it('keeps a member whose handler runs longer than the session timeout', async () => {
    const topic = uniqueName('features');
    const group = uniqueName('group');
    await createTopics(kafka, [topic]);
    const { send, receive } = featuresFixture(topic, group);
    const received = new Received<FeatureDeleted>();
    const sessionTimeoutMs = 6000;

    const { worker, logs } = await startWorker(kafka, receive, [
      route(featureCreated, () => undefined),
      route(featureDeleted, async (event, context) => {
        // The slow work itself is what this test is about: half again the session timeout.
        if (event.data.feature_id === 'slow') {
          await new Promise((resolve) => setTimeout(resolve, sessionTimeoutMs * 1.5));
        }
        received.record(event, context);
      }),
    ], { sessionTimeoutMs, heartbeatIntervalMs: 1000 });
    running.push(worker);

    await publisher.publish(send, featureDeleted, { feature_id: 'slow' });
    await publisher.publish(send, featureDeleted, { feature_id: 'after' });
    await received.waitFor(2, 30_000);

    expect(received.events.map(({ event }) => event.data.feature_id)).toEqual(['slow', 'after']);
    expect(received.events.map(({ context }) => context.attempt)).toEqual([1, 1]);
    expect(logs.withMessage('worker joined its group')).toEqual([]);
    expect(logs.withMessage('worker ready')).toHaveLength(1);
  }, 60_000);
});
