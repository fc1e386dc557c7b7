import { describe, expect, it } from 'vitest';

import {
  createHandlerHarness,
  isRuntimeError,
  type Handler,
  type Publisher,
} from '../../src/runtime/index.js';
import {
  featureCreated,
  featureDeleted,
  featuresFixture,
  type FeatureCreated,
} from './support/fixture-descriptors.js';

const audit = featuresFixture('features.audit', 'unused').send;

/** A handler as a service writes one: its publisher comes in from outside. */
function onFeatureCreated(publisher: Publisher): Handler<FeatureCreated> {
  return async (event, context) => {
    context.logger.info({ event }, 'creating feature');
    if (event.data.name === 'retired') {
      await publisher.publish(audit, featureDeleted, { feature_id: event.data.feature_id },
        { traceparent: context.headers['traceparent'] ?? '00-none' });
    }
  };
}

describe('createHandlerHarness', () => {
  it('delivers an event with a real context and records what the handler published', async () => {
    const harness = createHandlerHarness();
    const handler = onFeatureCreated(harness.publisher);
    const event = harness.event(featureCreated,
      { feature_id: 'f-1', name: 'retired', owner_email: 'ada@example.com' },
      { eventId: '5c0a2f3e-1111-4222-8333-444455556666' });

    const delivery = await harness.deliver(featureCreated, event, handler,
      { headers: { traceparent: '00-trace' } });

    expect(delivery.published).toEqual([expect.objectContaining({
      topic: 'features.audit',
      key: 'f-1',
      eventType: 'feature.deleted',
      headers: expect.objectContaining({ traceparent: '00-trace' }),
      payload: expect.objectContaining({ data: { feature_id: 'f-1' } }),
    })]);
    expect(delivery.logs).toEqual([expect.objectContaining({
      msg: 'creating feature', topic: 'test-topic', partition: 0, offset: '0', key: 'f-1',
      event_type: 'feature.created', event_id: '5c0a2f3e-1111-4222-8333-444455556666',
    })]);
    expect(JSON.stringify(delivery.logs)).not.toContain('ada@example.com');
  });

  it('refuses an event that would not pass validation', async () => {
    const harness = createHandlerHarness();
    const event = harness.event(featureCreated, { feature_id: '', name: 'x' });
    await expect(harness.deliver(featureCreated, event, () => undefined))
      .rejects.toSatisfy((error) => isRuntimeError(error, 'invalid-payload'));
  });

  it('passes the handler error on, and records nothing the handler did not publish', async () => {
    const harness = createHandlerHarness();
    const event = harness.event(featureCreated, { feature_id: 'f', name: 'kept' });
    await expect(harness.deliver(featureCreated, event, () => {
      throw new Error('store down');
    })).rejects.toThrow('store down');
    const delivery = await harness.deliver(featureCreated, event,
      onFeatureCreated(harness.publisher));
    expect(delivery.published).toEqual([]);
  });
});
