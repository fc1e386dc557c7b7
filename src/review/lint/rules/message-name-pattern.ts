/** Event types read alike across teams: `<entity>.<past-tense verb>` unless configured. */
import { documentMessages } from '../document-messages.js';
import type { LintRule, RuleFinding } from '../rule.js';
import { locateNear } from '../../contract/locate-near.js';

export const messageNamePattern: LintRule = {
  id: 'message-name-pattern',
  defaultSeverity: 'error',
  description:
    'Every message has a name that matches the naming pattern ' +
    '(<entity>.<past-tense verb> by default, messageNamePattern in the config).',
  check(context) {
    const pattern = context.config.messageNamePattern;
    const findings: RuleFinding[] = [];
    for (const parsed of context.documents) {
      for (const entry of documentMessages(parsed)) {
        if (entry.external) continue;
        const name = entry.message.name();
        if (name === undefined) {
          findings.push({
            location: entry.location,
            message:
              `message "${entry.eventType}" has ` +
              'no name; its id becomes the event type, so name it explicitly',
          });
        } else if (!pattern.test(name)) {
          findings.push({
            location: locateNear(parsed, `${entry.pointer}/name`),
            message: `message name "${name}" does not match ${pattern.source}`,
          });
        }
      }
    }
    return findings;
  },
};
