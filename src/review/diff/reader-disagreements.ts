/**
 * A change is checked against every document that shares its topic: when this pull
 * request changes what a producer writes, the consumers declared in other documents must
 * still accept it.
 */
import type { ContractSet } from '../contract/contract.js';
import { partiesByTopic, readerObjections } from '../contract/shared-topics.js';
import { judge, type Change } from './change.js';

export function readerDisagreements(head: ContractSet, changes: readonly Change[]): Change[] {
  const touched = new Map<string, Change>();
  for (const change of changes) {
    if (change.topic !== undefined) touched.set(change.topic, change);
  }

  const found: Change[] = [];
  for (const parties of partiesByTopic(head).values()) {
    const change = touched.get(parties[0]?.channel.topic ?? '');
    if (change === undefined) continue;
    for (const writer of parties.filter((p) => p.sends)) {
      for (const reader of parties.filter((p) => p.receives && p.document !== writer.document)) {
        const objections = readerObjections(writer.message, reader.message);
        if (objections.length === 0) continue;
        found.push(
          judge({
            kind: 'reader-disagrees',
            location: writer.message.location,
            topic: writer.channel.topic,
            eventType: writer.message.eventType,
            mode: change.mode,
            message:
              `${reader.document.path} reads ${writer.message.eventType} from topic ` +
              `${writer.channel.topic} with a schema that rejects what ${writer.document.path} ` +
              `writes: ${objections.join('; ')}`,
          }),
        );
      }
    }
  }
  return found;
}
