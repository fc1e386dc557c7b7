import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { EventPublisher, route, type Worker } from '../../src/runtime/index.js';
import { createTopics, testKafka, uniqueName } from '../runtime/support/broker-kit.js';
import { fixture, measurement, type Measurement } from '../runtime/support/fixture-descriptors.js';
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

function metricsChannel(prefix: string, group: string) {
  return fixture(`${prefix}.{site}`, [measurement], group,
    { parameters: [{ name: 'site', values: undefined }] });
}

describe('a channel with parameters', () => {
  it('is read on the topics of the enumerated values', async () => {
    const prefix = uniqueName('metrics');
    const group = uniqueName('group');
    await createTopics(kafka, [`${prefix}.north`, `${prefix}.south`, `${prefix}.west`]);
    const { send, receive } = metricsChannel(prefix, group);
    const received = new Received<Measurement>();

    const { worker } = await startWorker(kafka, receive,
      [route(measurement, (event, context) => received.record(event, context))],
      { parameters: { site: ['north', 'south'] } });
    running.push(worker);

    for (const site of ['north', 'west', 'south']) {
      await publisher.publish(send, measurement, { sensor: site, value: 1 },
        { parameters: { site } });
    }
    await received.waitFor(2);

    expect(received.events.map(({ context }) => context.topic).sort())
      .toEqual([`${prefix}.north`, `${prefix}.south`]);
  });

  it('is read by a pattern that picks up topics created later, but not dead letters',
    async () => {
      const prefix = uniqueName('metrics');
      const group = uniqueName('group');
      await createTopics(kafka, [`${prefix}.north`, `${prefix}.north.${group}.dlq`]);
      const { send, receive } = metricsChannel(prefix, group);
      const received = new Received<Measurement>();

      const { worker, logs } = await startWorker(kafka, receive,
        [route(measurement, (event, context) => received.record(event, context))],
        { topicRefreshIntervalMs: 300 });
      running.push(worker);
      expect(logs.withMessage('worker ready')[0]?.['assignment'])
        .toEqual({ [`${prefix}.north`]: [0] });

      await createTopics(kafka, [`${prefix}.east`]);
      await logs.waitForMessage('worker found new topics, resubscribing');
      await logs.waitFor((line) => line.msg === 'worker joined its group' &&
        Object.keys(line['assignment'] as object).includes(`${prefix}.east`));
      await publisher.publish(send, measurement, { sensor: 'e-1', value: 2 },
        { parameters: { site: 'east' } });
      await publisher.publish(send, measurement, { sensor: 'n-1', value: 3 },
        { parameters: { site: 'north' } });
      await received.waitFor(2);

      expect(received.events.map(({ context }) => context.topic).sort())
        .toEqual([`${prefix}.east`, `${prefix}.north`]);
    });
});
