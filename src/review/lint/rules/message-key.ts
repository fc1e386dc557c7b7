/**
 * Every message names its Kafka key with `x-key: $message.payload#/...`, and the pointer
 * leads to a property the payload declares: events of one entity stay in order.
 */
import { missingPointerSegment } from '../../../codegen/model/schema-walk.js';
import { documentMessages } from '../document-messages.js';
import type { LintRule, RuleFinding } from '../rule.js';
import { locateNear } from '../../contract/locate-near.js';

const KEY_EXPRESSION = /^\$message\.payload#(\/.*)?$/;

export const messageKey: LintRule = {
  id: 'message-key',
  defaultSeverity: 'error',
  description:
    'Every message has an x-key of the form $message.payload#/path that points ' +
    'to a declared property.',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const parsed of context.documents) {
      for (const entry of documentMessages(parsed)) {
        if (entry.external) continue;
        const key = (entry.message.json() as Record<string, unknown>)['x-key'];
        const location = locateNear(parsed, `${entry.pointer}/x-key`);
        if (key === undefined) {
          findings.push({
            location,
            message:
              `message "${entry.eventType}" has no x-key; name ` +
              'its Kafka key, such as x-key: $message.payload#/data/id',
          });
          continue;
        }
        const match = typeof key === 'string' ? KEY_EXPRESSION.exec(key) : null;
        if (match === null) {
          findings.push({
            location,
            message:
              `message "${entry.eventType}" has x-key ` +
              `${JSON.stringify(key)}, which is not of the form $message.payload#/path`,
          });
          continue;
        }
        const missing = missingPointerSegment(entry.message.payload()?.json(), match[1] ?? '');
        if (missing !== undefined) {
          findings.push({
            location,
            message:
              `message "${entry.eventType}" has x-key "${key}", ` +
              `but the payload declares no property "${missing.segment}" at ${missing.parent}`,
          });
        }
      }
    }
    return findings;
  },
};
