import { afterAll, describe, expect, it } from 'vitest';

import { readWholeTopic } from '../../scripts/faults/topic-io.js';
import { deadLetterHeaders, route, type Worker } from '../../src/runtime/index.js';
import { createTopics, sendRaw, testKafka, uniqueName } from '../runtime/support/broker-kit.js';
import {
  featureCreated,
  featureDeleted,
  featuresFixture,
} from '../runtime/support/fixture-descriptors.js';
import { Received, startWorker } from '../runtime/support/worker-kit.js';

/**
 * Fault: a record close to the broker's size limit (message.max.bytes, about 1 MiB) fails
 * to decode. Its dead letter adds headers and passes the limit, the broker refuses it
 * every time, and the worker retried the write for ever: the partition stalled.
 */
const kafka = testKafka();
const running: Worker[] = [];

afterAll(async () => {
  await Promise.all(running.map((worker) => worker.stop()));
});

describe('a dead letter larger than the broker accepts', () => {
  it('goes without the original value, says so, and the partition moves on', async () => {
    const topic = uniqueName('oversized');
    const group = uniqueName('oversized-group');
    const deadLetters = `${topic}.${group}.dlq`;
    await createTopics(kafka, [topic, deadLetters]);
    const handled = new Received();
    const { worker } = await startWorker(kafka, featuresFixture(topic, group).receive, [
      route(featureCreated, () => undefined),
      route(featureDeleted, (event, context) => handled.record(event, context)),
    ], { maxWaitTimeMs: 100 });
    running.push(worker);

    const after = JSON.stringify({ event_type: 'feature.deleted',
      event_id: '0b7e3b3c-3f43-4f5c-9d3a-0f7f3b6a1c11', timestamp: '2024-01-02T00:00:00.000Z',
      data: { feature_id: 'after' } });
    await sendRaw(kafka, topic, [{ key: 'big', value: '{'.repeat(1_048_588 - 400) }]);
    await sendRaw(kafka, topic, [{ key: 'after', value: after }]);
    // The event after it is handled only once the partition has moved past the big one.
    await handled.waitFor(1, 60_000);

    const [letter, ...more] = await readWholeTopic(kafka, deadLetters);
    expect(more).toEqual([]);
    expect(letter?.value).toBeNull();
    expect(letter?.key?.toString()).toBe('big');
    expect(letter?.headers[deadLetterHeaders.reason]).toBe('malformed-json');
    expect(letter?.headers[deadLetterHeaders.sourceOffset]).toBe('0');
    expect(letter?.headers[deadLetterHeaders.valueOmitted]).toMatch(/1048188 bytes/);
  });
});
