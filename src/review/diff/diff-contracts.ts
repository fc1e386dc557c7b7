/**
 * The semantic diff of two versions: documents are matched by path, channels by id (or
 * by topic when the id was renamed), messages by id (or by event type), and then every
 * wire-relevant part is compared.
 */
import { DEFAULT_MODE, type Mode } from '../compatibility/modes.js';
import type {
  ChannelContract,
  ContractSet,
  DocumentContract,
  MessageContract,
  OperationContract,
} from '../contract/contract.js';
import { judge, type Change, type ChangeInput } from './change.js';
import { compareSchemas } from './compare-schemas.js';

export interface DiffOptions {
  /** The mode where neither the channel nor the document sets `x-compatibility`. */
  readonly defaultMode?: Mode;
}

export function diffContracts(
  base: ContractSet,
  head: ContractSet,
  options: DiffOptions = {},
): Change[] {
  const defaultMode = options.defaultMode ?? DEFAULT_MODE;
  const changes: Change[] = [];
  const documentFiles = new Set(head.documents.map((d) => d.parsed.file.absolutePath));
  // A message defined in another document under review is judged there, once.
  const definedHere = (message: MessageContract, document: DocumentContract): boolean =>
    message.definedIn === document.parsed.file.absolutePath ||
    !documentFiles.has(message.definedIn);
  const oldByKey = new Map(base.documents.map((d) => [d.key, d]));
  const newKeys = new Set(head.documents.map((d) => d.key));
  // Two single files are two versions of one document, whatever their names.
  const [onlyOld] = base.documents;
  const [onlyNew] = head.documents;
  if (base.documents.length === 1 && head.documents.length === 1 && onlyOld && onlyNew) {
    oldByKey.set(onlyNew.key, onlyOld);
    newKeys.add(onlyOld.key);
  }

  for (const document of head.documents) {
    const old = oldByKey.get(document.key);
    // The head's settings decide, as a schema registry judges by its current setting: a
    // change that also drops or loosens `x-compatibility` is judged by what it leaves.
    const mode = document.mode ?? defaultMode;
    if (old === undefined) {
      changes.push(
        judge({
          kind: 'document-added',
          location: document.parsed.locate(''),
          mode,
          message: `document ${document.path} added`,
        }),
      );
      continue;
    }
    changes.push(...diffDocument(old, document, mode, definedHere));
  }
  for (const old of base.documents) {
    if (newKeys.has(old.key)) continue;
    changes.push(
      judge({
        kind: 'document-removed',
        location: old.parsed.locate(''),
        mode: old.mode ?? defaultMode,
        message: `document ${old.path} removed`,
      }),
    );
  }
  return changes;
}

type DefinedHere = (message: MessageContract, document: DocumentContract) => boolean;

function diffDocument(
  old: DocumentContract,
  document: DocumentContract,
  mode: Mode,
  definedHere: DefinedHere,
): Change[] {
  const changes: Change[] = [];
  const push = (input: ChangeInput): void => {
    changes.push(judge(input));
  };
  const pairs = pairChannels(old.channels, document.channels);

  for (const [before, after] of pairs) {
    if (before === undefined && after !== undefined) {
      push({
        kind: 'channel-added',
        location: after.location,
        topic: after.topic,
        mode: after.mode ?? mode,
        message: `channel "${after.id}" (topic ${after.topic}) added`,
      });
    } else if (before !== undefined && after === undefined) {
      push({
        kind: 'channel-removed',
        location: before.location,
        topic: before.topic,
        mode: before.mode ?? mode,
        message: `channel "${before.id}" (topic ${before.topic}) removed`,
      });
    } else if (before !== undefined && after !== undefined) {
      const judgeHere = (message: MessageContract): boolean => definedHere(message, document);
      changes.push(...diffChannel(before, after, after.mode ?? mode, judgeHere));
    }
  }

  // An operation change is on its channel's topic and judged by its channel's mode, like
  // every other change there.
  const onChannelIn = (contract: DocumentContract, operation: OperationContract) => {
    const channel = contract.channels.find((candidate) => candidate.id === operation.channelId);
    // Like a removed channel, a removed operation keeps its channel's own mode, else the
    // new version's.
    return { topic: channel?.topic, mode: channel?.mode ?? mode };
  };
  const oldOperations = new Map(old.operations.map((o) => [o.id, o]));
  const newOperationIds = new Set(document.operations.map((o) => o.id));
  for (const operation of document.operations) {
    const before = oldOperations.get(operation.id);
    if (before === undefined) {
      push({
        kind: 'operation-added',
        location: operation.location,
        ...onChannelIn(document, operation),
        message: `${operation.action} operation "${operation.id}" added`,
      });
    } else if (before.groupId !== operation.groupId && operation.action === 'receive') {
      push({
        kind: 'group-id-changed',
        location: operation.location,
        ...onChannelIn(document, operation),
        message:
          `operation "${operation.id}" changes its consumer group from ` +
          `${before.groupId ?? 'the default'} to ${operation.groupId ?? 'the default'}`,
      });
    }
  }
  for (const operation of old.operations) {
    if (newOperationIds.has(operation.id)) continue;
    push({
      kind: 'operation-removed',
      location: document.parsed.locate('/operations'),
      ...onChannelIn(old, operation),
      message: `${operation.action} operation "${operation.id}" removed`,
    });
  }
  return changes;
}

/** Channels by id; a channel left over on both sides with the same topic was renamed. */
function pairChannels(
  old: readonly ChannelContract[],
  current: readonly ChannelContract[],
): Array<[ChannelContract | undefined, ChannelContract | undefined]> {
  const pairs: Array<[ChannelContract | undefined, ChannelContract | undefined]> = [];
  const unmatchedOld = new Map(old.map((c) => [c.id, c]));
  const unmatchedNew: ChannelContract[] = [];
  for (const channel of current) {
    const before = unmatchedOld.get(channel.id);
    if (before === undefined) {
      unmatchedNew.push(channel);
      continue;
    }
    unmatchedOld.delete(channel.id);
    pairs.push([before, channel]);
  }
  for (const channel of unmatchedNew) {
    const before = [...unmatchedOld.values()].find((c) => c.topic === channel.topic);
    if (before !== undefined) unmatchedOld.delete(before.id);
    pairs.push([before, channel]);
  }
  for (const before of unmatchedOld.values()) pairs.push([before, undefined]);
  return pairs;
}

function diffChannel(
  before: ChannelContract,
  after: ChannelContract,
  mode: Mode,
  judgeHere: (message: MessageContract) => boolean,
): Change[] {
  const changes: Change[] = [];
  const topic = after.topic;
  const push = (input: Omit<ChangeInput, 'mode' | 'topic'>): void => {
    changes.push(judge({ ...input, topic, mode }));
  };

  if (before.id !== after.id) {
    push({
      kind: 'channel-renamed',
      location: after.location,
      message: `channel "${before.id}" is now called "${after.id}"`,
    });
  }
  if (before.topic !== after.topic) {
    push({
      kind: 'address-changed',
      location: after.location,
      message: `channel "${after.id}" moves from topic ${before.topic} to ${after.topic}`,
    });
  }
  const oldPartitions = before.partitions;
  const newPartitions = after.partitions;
  if (
    oldPartitions !== undefined &&
    newPartitions !== undefined &&
    newPartitions < oldPartitions
  ) {
    push({
      kind: 'partitions-removed',
      location: after.location,
      message:
        `topic ${topic} goes from ${oldPartitions} to ${newPartitions} partitions, ` +
        'which Kafka cannot do',
    });
  } else if (
    oldPartitions !== undefined &&
    newPartitions !== undefined &&
    newPartitions > oldPartitions
  ) {
    const keyed = after.messages.some((m) => m.keyExpression !== undefined);
    push({
      kind: keyed ? 'partitions-added-keyed' : 'partitions-added-unkeyed',
      location: after.location,
      message: `topic ${topic} goes from ${oldPartitions} to ${newPartitions} partitions`,
    });
  }
  if (before.otherBindings !== after.otherBindings) {
    push({
      kind: 'binding-changed',
      location: after.location,
      message: `the replicas or topic configuration of topic ${topic} change`,
    });
  }

  const grouped = new Map<
    string,
    { input: Omit<ChangeInput, 'mode' | 'topic'>; types: string[] }
  >();
  for (const [oldMessage, newMessage] of pairMessages(before.messages, after.messages)) {
    if (oldMessage === undefined && newMessage !== undefined) {
      push({
        kind: 'message-added',
        location: newMessage.location,
        eventType: newMessage.eventType,
        message: `event type ${newMessage.eventType} added to topic ${topic}`,
      });
    } else if (oldMessage !== undefined && newMessage === undefined) {
      push({
        kind: 'message-removed',
        location: after.location,
        eventType: oldMessage.eventType,
        message: `event type ${oldMessage.eventType} removed from topic ${topic}`,
      });
    } else if (oldMessage !== undefined && newMessage !== undefined && judgeHere(newMessage)) {
      // Messages that share a schema change alike; a reviewer reads each change once.
      for (const change of diffMessage(oldMessage, newMessage)) {
        const key = `${change.kind}\u0000${change.path ?? ''}\u0000${change.message}`;
        const known = grouped.get(key);
        if (known === undefined)
          grouped.set(key, { input: change, types: [newMessage.eventType] });
        else known.types.push(newMessage.eventType);
      }
    }
  }
  for (const { input, types } of grouped.values()) {
    const subject =
      input.path === undefined ? types.join(', ') : `${types.join(', ')} ${input.path}`;
    push({ ...input, message: `${subject}: ${input.message}` });
  }
  return changes;
}

/** Messages by id, then the rest by event type (an id renamed keeps its wire name). */
function pairMessages(
  old: readonly MessageContract[],
  current: readonly MessageContract[],
): Array<[MessageContract | undefined, MessageContract | undefined]> {
  const pairs: Array<[MessageContract | undefined, MessageContract | undefined]> = [];
  const unmatchedOld = [...old];
  const take = (match: (m: MessageContract) => boolean): MessageContract | undefined => {
    const index = unmatchedOld.findIndex(match);
    return index < 0 ? undefined : unmatchedOld.splice(index, 1)[0];
  };
  const rest: MessageContract[] = [];
  for (const message of current) {
    const before = take((m) => m.id === message.id);
    if (before === undefined) rest.push(message);
    else pairs.push([before, message]);
  }
  for (const message of rest)
    pairs.push([take((m) => m.eventType === message.eventType), message]);
  for (const before of unmatchedOld) pairs.push([before, undefined]);
  return pairs;
}

/** Changes of one message; `message` holds only the detail, the channel adds the subject. */
function diffMessage(
  before: MessageContract,
  after: MessageContract,
): Array<Omit<ChangeInput, 'mode' | 'topic'>> {
  const changes: Array<Omit<ChangeInput, 'mode' | 'topic'>> = [];
  const eventType = after.eventType;
  const location = after.location;

  if (before.eventType !== after.eventType) {
    changes.push({
      kind: 'event-type-renamed',
      location,
      eventType,
      message: `the event type was ${before.eventType}`,
    });
  }
  if (before.keyExpression !== after.keyExpression) {
    const kind =
      before.keyExpression === undefined
        ? 'key-added'
        : after.keyExpression === undefined
          ? 'key-removed'
          : 'key-changed';
    changes.push({
      kind,
      location: after.keyLocation,
      eventType,
      message:
        `the key changes from ${before.keyExpression ?? 'none'} to ` +
        `${after.keyExpression ?? 'none'}`,
    });
  }
  for (const [part, oldSchema, newSchema] of [
    ['payload', before.payload, after.payload],
    ['headers', before.headers, after.headers],
    ['key', before.keySchema, after.keySchema],
  ] as const) {
    for (const change of compareSchemas(oldSchema, newSchema)) {
      changes.push({
        kind: change.kind,
        location: after.locateSchema(part, change.path),
        eventType,
        path: `${part}${change.path}`,
        message: change.detail,
      });
    }
  }
  return changes;
}
