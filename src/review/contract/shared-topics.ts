/**
 * Documents that declare the same topic: a producer's document and a consumer's must
 * describe its messages alike. This finds, for one event type on one topic, where a
 * reader's schema would reject what a writer sends.
 */
import type { SchemaChange } from '../diff/compare-schemas.js';
import { compareSchemas } from '../diff/compare-schemas.js';
import { VERDICTS } from '../compatibility/verdict-table.js';
import type {
  ChannelContract,
  ContractSet,
  DocumentContract,
  MessageContract,
} from './contract.js';

export interface TopicParty {
  readonly document: DocumentContract;
  readonly channel: ChannelContract;
  readonly message: MessageContract;
  readonly sends: boolean;
  readonly receives: boolean;
}

/** Every declaration of every event type, grouped by `topic` and event type. */
export function partiesByTopic(set: ContractSet): Map<string, TopicParty[]> {
  const groups = new Map<string, TopicParty[]>();
  for (const document of set.documents) {
    for (const channel of document.channels) {
      const actions = document.operations.filter((o) => o.channelId === channel.id);
      for (const message of channel.messages) {
        const key = `${channel.topic}\u0000${message.eventType}`;
        const party: TopicParty = {
          document,
          channel,
          message,
          sends: actions.some((o) => o.action === 'send'),
          receives: actions.some((o) => o.action === 'receive'),
        };
        groups.set(key, [...(groups.get(key) ?? []), party]);
      }
    }
  }
  return groups;
}

/** What in `writer`'s message the `reader`'s schema would not accept, key included. */
export function readerObjections(writer: MessageContract, reader: MessageContract): string[] {
  const objections = [
    ...forwardBreaking(compareSchemas(reader.payload, writer.payload), 'payload'),
    ...forwardBreaking(compareSchemas(reader.headers, writer.headers), 'headers'),
  ];
  if (writer.keyExpression !== reader.keyExpression) {
    objections.push(
      `the key is ${writer.keyExpression ?? 'none'} for the writer but ` +
        `${reader.keyExpression ?? 'none'} for the reader`,
    );
  }
  return objections;
}

function forwardBreaking(changes: readonly SchemaChange[], part: string): string[] {
  return changes
    .filter((change) => VERDICTS[change.kind].forward)
    .map((change) => `${part}${change.path}: ${change.detail}`);
}
