/**
 * Documents that declare the same topic describe its messages alike: wherever one
 * document sends an event type that another receives, the receiver's schema accepts what
 * the sender writes, and both name the same key.
 */
import { partiesByTopic, readerObjections } from '../../contract/shared-topics.js';
import type { LintRule, RuleFinding } from '../rule.js';

export const sharedTopicAgreement: LintRule = {
  id: 'shared-topic-agreement',
  defaultSeverity: 'error',
  description:
    'Documents that share a topic agree on its messages: every receiver accepts ' +
    'what every sender of the same event type writes.',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const parties of partiesByTopic(context.contracts).values()) {
      for (const writer of parties) {
        for (const reader of parties) {
          if (reader.document === writer.document) continue;
          // Without operations a document only describes the topic; hold it to both roles.
          const writes = writer.sends || !writer.receives;
          const reads = reader.receives || !reader.sends;
          if (!writes || !reads) continue;
          const objections = readerObjections(writer.message, reader.message);
          if (objections.length === 0) continue;
          findings.push({
            location: reader.message.location,
            message:
              `${reader.document.path} reads ${reader.message.eventType} from topic ` +
              `${reader.channel.topic} unlike ${writer.document.path} writes it: ` +
              objections.join('; '),
          });
        }
      }
    }
    return findings;
  },
};
