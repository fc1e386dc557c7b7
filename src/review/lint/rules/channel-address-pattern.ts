/** Topic names follow one pattern, so that ACLs and dashboards can match them. */
import type { LintRule, RuleFinding } from '../rule.js';

export const channelAddressPattern: LintRule = {
  id: 'channel-address-pattern',
  defaultSeverity: 'error',
  description:
    'Every channel address matches the address pattern (dotted lower-case words ' +
    'by default, channelAddressPattern in the config).',
  check(context) {
    const pattern = context.config.channelAddressPattern;
    const findings: RuleFinding[] = [];
    for (const document of context.contracts.documents) {
      for (const channel of document.channels) {
        if (!pattern.test(channel.topic)) {
          findings.push({
            location: channel.location,
            message:
              `channel "${channel.id}" has ` +
              `address "${channel.topic}", which does not match ${pattern.source}`,
          });
        }
      }
    }
    return findings;
  },
};
