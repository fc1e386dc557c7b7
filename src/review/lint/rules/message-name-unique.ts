/** A message name is the event type on the wire, so two on one channel are ambiguous. */
import type { LintRule, RuleFinding } from '../rule.js';

export const messageNameUnique: LintRule = {
  id: 'message-name-unique',
  defaultSeverity: 'error',
  description: 'Message names are unique on their channel.',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const document of context.contracts.documents) {
      for (const channel of document.channels) {
        const seen = new Set<string>();
        for (const message of channel.messages) {
          if (seen.has(message.eventType)) {
            findings.push({
              location: message.location,
              message:
                `channel "${channel.id}" has ` +
                `more than one message named "${message.eventType}"`,
            });
          }
          seen.add(message.eventType);
        }
      }
    }
    return findings;
  },
};
