/** The wire contract is JSON, always; another content type gets no producer or worker. */
import { isJsonContentType } from '../../../codegen/model/build-model.js';
import { documentMessages } from '../document-messages.js';
import type { LintRule, RuleFinding } from '../rule.js';

export const jsonContentType: LintRule = {
  id: 'json-content-type',
  defaultSeverity: 'error',
  description: 'Every message travels as JSON (its contentType or the defaultContentType).',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const parsed of context.documents) {
      const fallback = parsed.document.defaultContentType();
      for (const entry of documentMessages(parsed)) {
        if (entry.external) continue;
        const contentType = entry.message.contentType() ?? fallback;
        if (contentType !== undefined && isJsonContentType(contentType)) continue;
        findings.push({
          location: entry.location,
          message:
            `message "${entry.eventType}" is ` +
            `${contentType ?? 'of no declared content type'}; the wire contract is ` +
            'application/json (set defaultContentType)',
        });
      }
    }
    return findings;
  },
};
