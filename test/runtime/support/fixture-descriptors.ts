import { Ajv, type AnySchema } from 'ajv';
import addFormatsModule from 'ajv-formats';

import type {
  ChannelDescriptor,
  MessageDescriptor,
  ReceiveOperationDescriptor,
  SendOperationDescriptor,
} from '../../../src/runtime/index.js';

/**
 * Descriptors written by hand, as codegen would write them for a small document: a
 * `features` channel of envelope messages and a `metrics` channel of bare payloads.
 * Each test builds its own with its own topic, so that tests share nothing on the broker.
 */
const ajv = new Ajv({ allErrors: true, strict: false });
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
addFormats(ajv);

export interface FeatureCreated {
  event_type: 'feature.created';
  event_id: string;
  timestamp: string;
  data: { feature_id: string; name: string; owner_email?: string };
}

export interface FeatureDeleted {
  event_type: 'feature.deleted';
  event_id: string;
  timestamp: string;
  data: { feature_id: string };
}

export interface Measurement {
  sensor: string;
  value: number;
}

function envelopeSchema(eventType: string, data: AnySchema): AnySchema {
  return {
    type: 'object',
    required: ['event_type', 'event_id', 'timestamp', 'data'],
    properties: {
      event_type: { const: eventType },
      event_id: { type: 'string', format: 'uuid' },
      timestamp: { type: 'string', format: 'date-time' },
      data,
    },
  };
}

export function message<T>(
  fields: Partial<MessageDescriptor<T>> & { eventType: string; schema: AnySchema },
): MessageDescriptor<T> {
  const { schema, ...rest } = fields;
  return Object.freeze({
    messageId: fields.eventType.replace(/\./g, '_'),
    contentType: 'application/json',
    envelope: true,
    keyPointer: undefined,
    sensitivePaths: [],
    tombstone: false,
    ...rest,
    validate: ajv.compile(schema),
  });
}

export const featureCreated = message<FeatureCreated>({
  eventType: 'feature.created',
  keyPointer: '/data/feature_id',
  sensitivePaths: ['/data/owner_email'],
  schema: envelopeSchema('feature.created', {
    type: 'object',
    required: ['feature_id', 'name'],
    properties: {
      feature_id: { type: 'string', minLength: 1 },
      name: { type: 'string' },
      owner_email: { type: 'string' },
    },
  }),
});

export const featureDeleted = message<FeatureDeleted>({
  eventType: 'feature.deleted',
  keyPointer: '/data/feature_id',
  schema: envelopeSchema('feature.deleted', {
    type: 'object',
    required: ['feature_id'],
    properties: { feature_id: { type: 'string', minLength: 1 } },
  }),
});

/** Declared for null values, so that deletes by key can be compacted. */
export const featureTombstone = message<null>({
  eventType: 'feature.tombstone',
  envelope: false,
  tombstone: true,
  schema: { type: 'null' },
});

export const measurement = message<Measurement>({
  eventType: 'measurement',
  envelope: false,
  keyPointer: '/sensor',
  schema: {
    type: 'object',
    required: ['sensor', 'value'],
    additionalProperties: false,
    properties: { sensor: { type: 'string' }, value: { type: 'number' } },
  },
});

export const alarm = message<{ sensor: string; level: 'high' | 'low' }>({
  eventType: 'alarm',
  envelope: false,
  keyPointer: '/sensor',
  schema: {
    type: 'object',
    required: ['sensor', 'level'],
    additionalProperties: false,
    properties: { sensor: { type: 'string' }, level: { enum: ['high', 'low'] } },
  },
});

export function channel(
  address: string,
  messages: readonly MessageDescriptor[],
  parameters: ChannelDescriptor['parameters'] = [],
): ChannelDescriptor {
  return {
    id: address,
    address,
    parameters,
    messages,
    partitions: undefined,
    replicas: undefined,
    topicConfig: {},
  };
}

export interface Fixture {
  readonly channel: ChannelDescriptor;
  readonly send: SendOperationDescriptor;
  readonly receive: ReceiveOperationDescriptor;
}

export function fixture(
  address: string,
  messages: readonly MessageDescriptor[],
  groupId: string,
  options: { parameters?: ChannelDescriptor['parameters']; deadLetterTopic?: string } = {},
): Fixture {
  const shared = channel(address, messages, options.parameters);
  return {
    channel: shared,
    send: { id: `send_${address}`, channel: shared, messages },
    receive: {
      id: `receive_${address}`,
      channel: shared,
      messages,
      groupId,
      deadLetterTopic: options.deadLetterTopic,
    },
  };
}

/** The features channel: created, deleted, and a declared tombstone. */
export function featuresFixture(topic: string, groupId: string, withTombstone = false): Fixture {
  const messages = withTombstone
    ? [featureCreated, featureDeleted, featureTombstone]
    : [featureCreated, featureDeleted];
  return fixture(topic, messages, groupId);
}
