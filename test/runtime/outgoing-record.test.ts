import { describe, expect, it } from 'vitest';

import { prepareRecord, isRuntimeError } from '../../src/runtime/index.js';
import { featureCreated, featuresFixture, fixture, measurement } from './support/fixture-descriptors.js';

const features = featuresFixture('features', 'g').send;
const metrics = fixture('metrics', [measurement], 'g').send;

describe('prepareRecord', () => {
  it('fills the envelope around data and derives the key from x-key', () => {
    const record = prepareRecord(features, featureCreated, { feature_id: 'f-1', name: 'Dark mode' },
      { eventId: '0b7e3b3c-3f43-4f5c-9d3a-0f7f3b6a1c11', timestamp: new Date(Date.UTC(2024, 0, 2)) },
      true);

    expect(record.topic).toBe('features');
    expect(record.key).toBe('f-1');
    expect(JSON.parse(record.value)).toEqual({
      event_type: 'feature.created',
      event_id: '0b7e3b3c-3f43-4f5c-9d3a-0f7f3b6a1c11',
      timestamp: '2024-01-02T00:00:00.000Z',
      data: { feature_id: 'f-1', name: 'Dark mode' },
    });
    expect(record.headers).toEqual({
      event_type: 'feature.created',
      event_id: '0b7e3b3c-3f43-4f5c-9d3a-0f7f3b6a1c11',
      'content-type': 'application/json',
    });
    expect(record.timestamp).toBe(String(Date.UTC(2024, 0, 2)));
  });

  it('makes a v4 UUID and a UTC timestamp when none is given', () => {
    const record = prepareRecord(features, featureCreated, { feature_id: 'f', name: 'n' }, {}, true);
    const envelope = JSON.parse(record.value) as { event_id: string; timestamp: string };
    expect(envelope.event_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-/);
    expect(envelope.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('passes traceparent and caller headers on, but keeps its own event type', () => {
    const record = prepareRecord(features, featureCreated, { feature_id: 'f', name: 'n' },
      { traceparent: '00-abc-def-01', headers: { tenant: 'acme', event_type: 'forged' } }, true);
    expect(record.headers['traceparent']).toBe('00-abc-def-01');
    expect(record.headers['tenant']).toBe('acme');
    expect(record.headers['event_type']).toBe('feature.created');
  });

  it('takes the whole payload for a message without an envelope', () => {
    const record = prepareRecord(metrics, measurement, { sensor: 's1', value: 3 }, {}, true);
    expect(JSON.parse(record.value)).toEqual({ sensor: 's1', value: 3 });
    expect(record.key).toBe('s1');
    expect(record.headers['event_id']).toBeUndefined();
  });

  it('lets the caller override the key', () => {
    const record = prepareRecord(metrics, measurement, { sensor: 's1', value: 3 }, { key: 'k' }, true);
    expect(record.key).toBe('k');
  });

  it('rejects an invalid payload, naming the field but not its value', () => {
    let thrown: unknown;
    try {
      prepareRecord(features, featureCreated, { feature_id: 'f', name: 42, owner_email: 'x@y' }, {},
        true);
    } catch (error) {
      thrown = error;
    }
    expect(isRuntimeError(thrown, 'invalid-payload')).toBe(true);
    expect((thrown as Error).message).toBe(
      'payload of "feature.created" is invalid: /data/name must be string');
  });

  it('sends an invalid payload when validation is off', () => {
    const record = prepareRecord(metrics, measurement, { sensor: 's', value: 'x' }, {}, false);
    expect(JSON.parse(record.value)).toEqual({ sensor: 's', value: 'x' });
  });

  it('says so when the key field is missing', () => {
    expect(() => prepareRecord(metrics, measurement, { value: 1 }, {}, false)).toThrow(
      'message "measurement" takes its key from /sensor, but the payload has nothing there');
  });

  it('refuses a message the operation does not send', () => {
    expect(() => prepareRecord(metrics, featureCreated, {}, {}, true)).toThrow(
      'operation "send_metrics" does not send message "feature.created"');
  });
});
