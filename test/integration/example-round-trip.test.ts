import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { audit, features } from '../../generated/index.js';
import { featureAuditHandlers } from '../../src/handlers/feature-audit-handlers.js';
import { EventPublisher } from '../../src/runtime/index.js';
import { readTopic, testKafka, uniqueName } from '../runtime/support/broker-kit.js';
import { LogCapture } from '../runtime/support/log-capture.js';
import { CLI, runNode } from '../support/child-process.js';

/**
 * The committed generated code of the example documents, end to end on the broker: the
 * features producer publishes, the audit worker runs the real handlers of src/handlers,
 * and they announce each change as `audit.recorded` through the audit producer. The topics
 * are the documents' own, shared with other tests; this test's events are told apart by
 * their feature id, and its worker has a group of its own.
 */
const kafka = testKafka('example-round-trip');
const logs = new LogCapture('info');
const publisher = new EventPublisher({ kafka, logger: logs.logger });

beforeAll(async () => {
  const topics = await runNode([...CLI, 'topics']);
  expect(topics.status, topics.stderr).toBe(0);
  await publisher.connect();
});
afterAll(() => publisher.disconnect());

describe('the example service on the broker', () => {
  it('turns every feature event type into an audit.recorded event', async () => {
    const worker = audit.createRecordFeatureChangesWorker(
      { kafka, logger: logs.logger },
      featureAuditHandlers(new audit.PublishAuditEventsProducer(publisher)),
      { groupId: uniqueName('audit-round-trip') },
    );
    await worker.start();
    try {
      await logs.waitForMessage('worker ready', 60_000);
      const feature = randomUUID();
      const account = randomUUID();
      const change = (name: string, action: features.FeatureChange['action']) =>
        ({ feature_id: feature, account_id: account, name, action });
      const producer = new features.PublishFeatureEventsProducer(publisher);
      const ids = { created: randomUUID(), updated: randomUUID(), deleted: randomUUID() };

      await producer.publishFeatureCreated(change('dark-mode', 'create'),
        { eventId: ids.created });
      await producer.publishFeatureUpdated(change('dark-theme', 'update'),
        { eventId: ids.updated });
      await producer.publishFeatureDeleted(change('dark-theme', 'delete'),
        { eventId: ids.deleted });

      const recorded = await logs.waitForCount((line) =>
        line.msg === 'audit entry recorded' && line['key'] === feature, 3, 60_000,
      '"audit entry recorded" for the three events');
      expect(recorded.map((line) => [line['event_type'], line['event_id']])).toEqual([
        ['feature.created', ids.created],
        ['feature.updated', ids.updated],
        ['feature.deleted', ids.deleted],
      ]);

      // The handlers awaited each publish (acks from every replica), so the entries are on
      // the topic by now.
      const entries = (await readTopic(kafka, audit.auditEventsChannel.address))
        .filter((message) => message.key === account);
      expect(entries.map((message) => message.headers['event_type']))
        .toEqual(['audit.recorded', 'audit.recorded', 'audit.recorded']);
      const values = entries.map((message) => JSON.parse(message.value ?? 'null') as
        audit.AuditRecordedPayload);
      for (const value of values) expect(audit.auditRecordedMessage.validate(value)).toBe(true);
      expect(values.map((value) => [value.data.feature_id, value.data.change])).toEqual([
        [feature, 'feature.created'],
        [feature, 'feature.updated'],
        [feature, 'feature.deleted'],
      ]);
    } finally {
      await worker.stop();
    }
  });
});
