/**
 * Lint findings as SARIF 2.1.0, the format code-scanning tools read: one run, the rules
 * as the tool's rules, one result per finding.
 */
import type { LintFinding, LintRule } from '../lint/rule.js';

export function formatLintSarif(
  findings: readonly LintFinding[],
  rules: readonly LintRule[],
): string {
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'asyncapi-kafka spec:lint',
            rules: rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.description },
              defaultConfiguration: { level: rule.defaultSeverity },
            })),
          },
        },
        results: findings.map((finding) => ({
          ruleId: finding.ruleId,
          level: finding.severity,
          message: { text: finding.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: finding.location.file },
                region: { startLine: finding.location.line, startColumn: finding.location.column },
              },
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}
