/** The parser's own validation: a document it rejects cannot be reviewed further. */
import type { LintRule } from '../rule.js';

export const asyncapiValid: LintRule = {
  id: 'asyncapi-valid',
  defaultSeverity: 'error',
  description: 'The document is valid AsyncAPI, as the official parser reads it.',
  check: (context) =>
    context.parserDiagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => ({ location: d.location, message: d.message })),
};
