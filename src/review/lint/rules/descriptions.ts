/**
 * Reviewers and the docs site read documents as prose: the service, every channel,
 * operation and message, and every component schema say what they are for.
 */
import { isRecord } from '../../contract/normalise-schema.js';
import { rawTree, valueAt } from '../../contract/raw-document.js';
import { documentMessages } from '../document-messages.js';
import type { LintRule, RuleFinding } from '../rule.js';
import { locateNear } from '../../contract/locate-near.js';

function hasText(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

export const descriptions: LintRule = {
  id: 'descriptions',
  defaultSeverity: 'warning',
  description:
    'The document, its channels, operations and messages have a description (or ' +
    'a summary), and so do component schemas and their properties.',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const parsed of context.documents) {
      const document = parsed.document;
      const missing = (pointer: string, what: string): void => {
        const location = locateNear(parsed, pointer);
        findings.push({ location, message: `${what} has no description` });
      };
      if (!hasText(document.info().description())) missing('/info', 'the document');
      for (const channel of document.channels().all()) {
        const json = channel.json() as Record<string, unknown>;
        if (!hasText(json.description) && !hasText(json.summary)) {
          missing(channel.meta().pointer ?? '', `channel "${channel.id()}"`);
        }
      }
      for (const operation of document.operations().all()) {
        if (!hasText(operation.description()) && !hasText(operation.summary())) {
          missing(operation.meta().pointer ?? '', `operation "${operation.id()}"`);
        }
      }
      for (const entry of documentMessages(parsed)) {
        if (entry.external) continue;
        const message = entry.message;
        if (!hasText(message.description()) && !hasText(message.summary())) {
          missing(entry.pointer, `message "${entry.eventType}"`);
        }
      }
      const schemas = valueAt(rawTree(parsed.file), '/components/schemas');
      for (const [name, schema] of Object.entries(isRecord(schemas) ? schemas : {})) {
        if (!isRecord(schema) || '$ref' in schema) continue;
        const pointer = `/components/schemas/${name}`;
        if (!hasText(schema.description)) missing(pointer, `schema "${name}"`);
        const properties = isRecord(schema.properties) ? schema.properties : {};
        for (const [key, property] of Object.entries(properties)) {
          if (isRecord(property) && !('$ref' in property) && !hasText(property.description)) {
            missing(`${pointer}/properties/${key}`, `property "${key}" of schema "${name}"`);
          }
        }
      }
    }
    return findings;
  },
};
