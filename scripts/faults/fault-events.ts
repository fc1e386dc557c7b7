import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

import type { MessageDescriptor, ReceiveOperationDescriptor } from '../../src/runtime/index.js';

/**
 * The one event of the fault run, described as codegen would describe it: an envelope whose
 * `data` carries the key, its per-key sequence number and, for the poison events, `fail`.
 */
export interface Sequenced {
  event_type: 'sequence.recorded';
  event_id: string;
  timestamp: string;
  data: { key: string; seq: number; fail?: boolean };
}

export const eventType = 'sequence.recorded';

const ajv = new Ajv({ allErrors: true, strict: false });
(addFormatsModule as unknown as (ajv: Ajv) => Ajv)(ajv);

export const sequenced: MessageDescriptor<Sequenced> = Object.freeze({
  eventType,
  messageId: 'sequenceRecorded',
  contentType: 'application/json',
  envelope: true,
  keyPointer: '/data/key',
  sensitivePaths: [],
  tombstone: false,
  validate: ajv.compile({
    type: 'object',
    required: ['event_type', 'event_id', 'timestamp', 'data'],
    properties: {
      event_type: { const: eventType },
      event_id: { type: 'string', format: 'uuid' },
      timestamp: { type: 'string', format: 'date-time' },
      data: {
        type: 'object',
        required: ['key', 'seq'],
        additionalProperties: false,
        properties: {
          key: { type: 'string', minLength: 1 },
          seq: { type: 'integer', minimum: 0 },
          fail: { type: 'boolean' },
        },
      },
    },
  }),
});

export function receiveOperation(topic: string, groupId: string): ReceiveOperationDescriptor {
  const channel = { id: 'sequences', address: topic, parameters: [], messages: [sequenced],
    partitions: undefined, replicas: undefined, topicConfig: {} };
  return { id: 'recordSequences', channel, messages: [sequenced], groupId,
    deadLetterTopic: undefined };
}

/** What an event of the plan is meant to do to the worker. */
export type EventKind = 'valid' | 'invalid' | 'failing';

export interface PlannedEvent {
  readonly index: number;
  readonly key: string;
  readonly seq: number;
  readonly kind: EventKind;
}

export interface PlanOptions {
  readonly events: number;
  readonly keys: number;
  /** Fractions of the events that are invalid and that fail every time. */
  readonly invalidShare: number;
  readonly failingShare: number;
  readonly seed: number;
}

/**
 * A deterministic plan, so that a failed run can be repeated: keys are drawn at random,
 * sequence numbers count per key, and the poison events are spread evenly.
 */
export function planEvents(options: PlanOptions): PlannedEvent[] {
  const random = mulberry32(options.seed);
  const next = new Map<string, number>();
  const invalidEvery = Math.round(1 / options.invalidShare);
  const failingEvery = Math.round(1 / options.failingShare);
  const plan: PlannedEvent[] = [];

  for (let index = 0; index < options.events; index += 1) {
    const key = `key-${Math.floor(random() * options.keys)}`;
    const seq = next.get(key) ?? 0;
    next.set(key, seq + 1);
    const kind: EventKind = index % invalidEvery === 7 ? 'invalid'
      : index % failingEvery === 53 ? 'failing' : 'valid';
    plan.push({ index, key, seq, kind });
  }
  return plan;
}

/**
 * The bytes of an event. Half the invalid ones are not JSON at all, the other half break
 * the schema, so that both dead-letter reasons are exercised.
 */
export function eventValue(event: PlannedEvent): string {
  const envelope = {
    event_type: eventType,
    event_id: uuidFor(event.index),
    timestamp: new Date().toISOString(),
    data: event.kind === 'invalid'
      ? { key: event.key, seq: `not a number ${event.seq}` }
      : { key: event.key, seq: event.seq, ...(event.kind === 'failing' ? { fail: true } : {}) },
  };
  const text = JSON.stringify(envelope);
  return event.kind === 'invalid' && event.index % 2 === 0 ? text.slice(0, -3) : text;
}

/** The dead-letter reason an invalid event must carry. */
export function expectedReason(event: PlannedEvent): string {
  if (event.kind === 'failing') return 'handler-failed';
  return event.index % 2 === 0 ? 'malformed-json' : 'invalid-payload';
}

function uuidFor(index: number): string {
  return `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
