/** An example that its own schema rejects misleads every reader of the docs. */
import { validationErrors } from '../schema-validator.js';
import { documentMessages } from '../document-messages.js';
import type { LintRule, RuleFinding } from '../rule.js';
import { locateNear } from '../../contract/locate-near.js';

export const examplesValid: LintRule = {
  id: 'examples-valid',
  defaultSeverity: 'error',
  description: 'Every example validates against its message payload and headers schemas.',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const parsed of context.documents) {
      for (const entry of documentMessages(parsed)) {
        if (entry.external) continue;
        const payloadSchema = entry.message.payload()?.json();
        const headersSchema = entry.message.headers()?.json();
        entry.message
          .examples()
          .all()
          .forEach((example, index) => {
            const name = example.name() ?? `#${index + 1}`;
            const pointer = `${entry.pointer}/examples/${index}`;
            const checks = [
              ['payload', payloadSchema, example.hasPayload(), example.payload()],
              ['headers', headersSchema, example.hasHeaders(), example.headers()],
            ] as const;
            for (const [part, schema, present, value] of checks) {
              if (schema === undefined || !present) continue;
              const errors = validationErrors(schema, value);
              if (errors.length === 0) continue;
              findings.push({
                location: locateNear(parsed, `${pointer}/${part}`),
                message:
                  `example ${name} of message "${entry.eventType}" does not match its ` +
                  `${part} schema: ${errors.join('; ')}`,
              });
            }
          });
      }
    }
    return findings;
  },
};
