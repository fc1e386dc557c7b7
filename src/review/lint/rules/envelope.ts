/**
 * The house envelope (DESIGN.md, "The wire contract"): every payload is an object that
 * requires `event_type`, `event_id` (a UUID), `timestamp` (RFC 3339) and `data`.
 */
import { normaliseSchema, isRecord } from '../../contract/normalise-schema.js';
import { documentMessages } from '../document-messages.js';
import type { LintRule, RuleFinding } from '../rule.js';

const FIELDS: ReadonlyArray<{ key: string; type: string; format?: string }> = [
  { key: 'event_type', type: 'string' },
  { key: 'event_id', type: 'string', format: 'uuid' },
  { key: 'timestamp', type: 'string', format: 'date-time' },
  { key: 'data', type: 'object' },
];

export const envelope: LintRule = {
  id: 'envelope',
  defaultSeverity: 'error',
  description:
    'Every payload is the envelope: required event_type, event_id (uuid), ' +
    'timestamp (date-time) and data (object).',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const parsed of context.documents) {
      for (const entry of documentMessages(parsed)) {
        if (entry.external) continue;
        const problems = envelopeProblems(normaliseSchema(entry.message.payload()?.json()));
        if (problems.length === 0) continue;
        findings.push({
          location: entry.location,
          message: `message "${entry.eventType}" is not in the envelope: ${problems.join('; ')}`,
        });
      }
    }
    return findings;
  },
};

export function envelopeProblems(schema: unknown): string[] {
  if (!isRecord(schema)) return ['it has no payload schema'];
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required : [];
  const problems: string[] = [];
  for (const field of FIELDS) {
    const property = properties[field.key];
    if (!isRecord(property) || !required.includes(field.key)) {
      problems.push(`"${field.key}" is not a required property`);
      continue;
    }
    if (property.type !== field.type) {
      problems.push(`"${field.key}" is not of type ${field.type}`);
    } else if (field.format !== undefined && property.format !== field.format) {
      problems.push(`"${field.key}" lacks format ${field.format}`);
    }
  }
  return problems;
}
