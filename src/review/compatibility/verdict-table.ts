/**
 * The rule behind every verdict, in one table; docs/compatibility.md shows the same table
 * and a test keeps the two alike. `backward` is true when new consumers can no longer read
 * events already written (the old schema); `forward` when old consumers cannot read events
 * written with the new schema. `always` changes break in every mode, NONE included.
 */
import { protects, type Mode } from './modes.js';

export const CHANGE_KINDS = [
  'document-added',
  'document-removed',
  'channel-added',
  'channel-removed',
  'channel-renamed',
  'address-changed',
  'partitions-added-keyed',
  'partitions-added-unkeyed',
  'partitions-removed',
  'binding-changed',
  'group-id-changed',
  'operation-added',
  'operation-removed',
  'message-added',
  'message-removed',
  'event-type-renamed',
  'key-changed',
  'key-added',
  'key-removed',
  'property-added-optional',
  'property-added-required',
  'property-added-closed',
  'property-removed-optional',
  'property-removed-required',
  'property-removed-closed',
  'property-made-required',
  'property-made-optional',
  'object-closed',
  'object-opened',
  'type-changed',
  'type-narrowed',
  'type-widened',
  'enum-narrowed',
  'enum-widened',
  'range-narrowed',
  'range-widened',
  'constraint-changed',
  'reader-disagrees',
] as const;

export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface Verdict {
  readonly backward: boolean;
  readonly forward: boolean;
  readonly always?: boolean;
  /** Who it breaks, in words for the report. */
  readonly breaks: string;
  /** Why, in one sentence. */
  readonly rule: string;
}

const NOBODY = 'nobody';
const OLD_READERS = 'consumers that have not upgraded yet';
const NEW_READERS = 'upgraded consumers reading events already in the topic';
const EVERY_READER = 'every consumer of the topic';

export const VERDICTS: Readonly<Record<ChangeKind, Verdict>> = {
  'document-added': {
    backward: false,
    forward: false,
    breaks: NOBODY,
    rule: 'A new document declares new services; nothing read them before.',
  },
  'document-removed': {
    backward: true,
    forward: true,
    breaks: EVERY_READER,
    rule: 'Its producers stop and its consumers lose their contract.',
  },
  'channel-added': {
    backward: false,
    forward: false,
    breaks: NOBODY,
    rule: 'A new topic has no readers and no events yet.',
  },
  'channel-removed': {
    backward: true,
    forward: true,
    breaks: EVERY_READER,
    rule: 'Producers or consumers of the topic lose it while events remain in it.',
  },
  'channel-renamed': {
    backward: false,
    forward: false,
    breaks: NOBODY,
    rule: 'Only the channel id changed; the topic on the wire is the same.',
  },
  'address-changed': {
    backward: true,
    forward: true,
    breaks: EVERY_READER,
    rule:
      'Producers and consumers part ways on two topics, and events of the old one ' +
      'are no longer read.',
  },
  'partitions-added-keyed': {
    backward: true,
    forward: true,
    breaks: EVERY_READER,
    rule:
      'More partitions move keys to other partitions, so events of one key are no ' +
      'longer read in order.',
  },
  'partitions-added-unkeyed': {
    backward: false,
    forward: false,
    breaks: NOBODY,
    rule: 'Without a key no order is promised, so more partitions only add capacity.',
  },
  'partitions-removed': {
    backward: true,
    forward: true,
    always: true,
    breaks: EVERY_READER,
    rule: 'Kafka cannot remove partitions from a topic; the change cannot be deployed.',
  },
  'binding-changed': {
    backward: false,
    forward: false,
    breaks: NOBODY,
    rule:
      'Replicas and topic configuration change how the broker keeps events, not ' +
      'what they are.',
  },
  'group-id-changed': {
    backward: true,
    forward: true,
    breaks: 'the consumers of the operation',
    rule:
      'A new consumer group has no committed offsets: it starts over from the ' +
      'earliest event and handles every event again.',
  },
  'operation-added': {
    backward: false,
    forward: false,
    breaks: NOBODY,
    rule: 'A new producer or consumer adds a party; existing ones are untouched.',
  },
  'operation-removed': {
    backward: false,
    forward: false,
    breaks: NOBODY,
    rule: 'The service stops producing or consuming; the topic contract is unchanged.',
  },
  'message-added': {
    backward: false,
    forward: true,
    breaks: OLD_READERS,
    rule: 'Old consumers do not know the new event type and skip its events.',
  },
  'message-removed': {
    backward: true,
    forward: false,
    breaks: NEW_READERS,
    rule: 'Events of the removed type remain in the topic, and new consumers skip them.',
  },
  'event-type-renamed': {
    backward: true,
    forward: true,
    breaks: EVERY_READER,
    rule:
      'The event type on the wire is how consumers route events; old and new ' +
      'consumers each skip the other name.',
  },
  'key-changed': {
    backward: true,
    forward: true,
    breaks: EVERY_READER,
    rule: 'Another key sends events of one entity to other partitions, breaking per-key order.',
  },
  'key-added': {
    backward: true,
    forward: true,
    breaks: EVERY_READER,
    rule:
      'Keying unkeyed events moves them between partitions, breaking the order ' +
      'consumers saw so far.',
  },
  'key-removed': {
    backward: true,
    forward: true,
    breaks: EVERY_READER,
    rule: 'Without a key, events of one entity spread over partitions and lose their order.',
  },
  'property-added-optional': {
    backward: false,
    forward: false,
    breaks: NOBODY,
    rule:
      'Readers ignore properties they do not declare, and new readers expect it may ' +
      'be missing.',
  },
  'property-added-required': {
    backward: true,
    forward: false,
    breaks: NEW_READERS,
    rule: 'Events already in the topic lack the property that new readers require.',
  },
  'property-added-closed': {
    backward: false,
    forward: true,
    breaks: OLD_READERS,
    rule:
      'The old schema forbids other properties (additionalProperties: false), so old ' +
      'consumers reject events that carry it and dead-letter them.',
  },
  'property-removed-optional': {
    backward: false,
    forward: false,
    breaks: NOBODY,
    rule: 'Old readers expect it may be missing, and new readers ignore it in old events.',
  },
  'property-removed-required': {
    backward: false,
    forward: true,
    breaks: OLD_READERS,
    rule: 'Old consumers require the property and reject new events without it.',
  },
  'property-removed-closed': {
    backward: true,
    forward: false,
    breaks: NEW_READERS,
    rule:
      'The new schema forbids other properties (additionalProperties: false), so new ' +
      'consumers reject old events that still carry it.',
  },
  'property-made-required': {
    backward: true,
    forward: false,
    breaks: NEW_READERS,
    rule: 'Old events may lack the property that new readers now require.',
  },
  'property-made-optional': {
    backward: false,
    forward: true,
    breaks: OLD_READERS,
    rule: 'New events may lack the property that old readers require.',
  },
  'object-closed': {
    backward: true,
    forward: false,
    breaks: NEW_READERS,
    rule: 'New readers forbid other properties, which old events may carry.',
  },
  'object-opened': {
    backward: false,
    forward: true,
    breaks: OLD_READERS,
    rule: 'New events may carry properties that old readers forbid.',
  },
  'type-changed': {
    backward: true,
    forward: true,
    breaks: EVERY_READER,
    rule: 'Neither type accepts the values of the other.',
  },
  'type-narrowed': {
    backward: true,
    forward: false,
    breaks: NEW_READERS,
    rule: 'Old events may hold values of the types that new readers no longer accept.',
  },
  'type-widened': {
    backward: false,
    forward: true,
    breaks: OLD_READERS,
    rule: 'New events may hold values of types that old readers do not accept.',
  },
  'enum-narrowed': {
    backward: true,
    forward: false,
    breaks: NEW_READERS,
    rule: 'Old events may hold values that new readers no longer accept.',
  },
  'enum-widened': {
    backward: false,
    forward: true,
    breaks: OLD_READERS,
    rule: 'New events may hold values that old readers do not know.',
  },
  'range-narrowed': {
    backward: true,
    forward: false,
    breaks: NEW_READERS,
    rule: 'Old events may hold values outside the new bounds.',
  },
  'range-widened': {
    backward: false,
    forward: true,
    breaks: OLD_READERS,
    rule: 'New events may hold values outside the old bounds.',
  },
  'constraint-changed': {
    backward: true,
    forward: true,
    breaks: EVERY_READER,
    rule: 'A changed pattern, format or composition can reject values either way.',
  },
  'reader-disagrees': {
    backward: true,
    forward: true,
    breaks: 'consumers in another document of the topic',
    rule: 'Another document reads the topic with a schema that rejects what this one writes.',
  },
};

/** Whether a change of this kind breaks the given mode. */
export function breaksMode(kind: ChangeKind, mode: Mode): boolean {
  const verdict = VERDICTS[kind];
  if (verdict.always === true) return true;
  const protectedReaders = protects(mode);
  return (
    (protectedReaders.backward && verdict.backward) ||
    (protectedReaders.forward && verdict.forward)
  );
}
