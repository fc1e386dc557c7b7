/** An example shows reviewers and the docs site what an event looks like. */
import { documentMessages } from '../document-messages.js';
import type { LintRule, RuleFinding } from '../rule.js';

export const messageExamples: LintRule = {
  id: 'message-examples',
  defaultSeverity: 'error',
  description: 'Every message has at least one example.',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const parsed of context.documents) {
      for (const entry of documentMessages(parsed)) {
        if (entry.external || entry.message.examples().length > 0) continue;
        findings.push({
          location: entry.location,
          message: `message "${entry.eventType}" has no example`,
        });
      }
    }
    return findings;
  },
};
