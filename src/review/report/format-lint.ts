/**
 * Lint findings for people (`path:line:column: severity rule-id: message`) and for the
 * GitHub runner (workflow annotations).
 */
import type { LintFinding } from '../lint/rule.js';
import { annotation } from './github-annotation.js';

export function formatLintText(findings: readonly LintFinding[]): string {
  return findings
    .map(
      ({ location, severity, ruleId, message }) =>
        `${location.file}:${location.line}:${location.column}: ${severity} ${ruleId}: ${message}`,
    )
    .join('\n');
}

export function formatLintGithub(findings: readonly LintFinding[]): string {
  return findings
    .map((f) => annotation(f.severity, f.location, `spec:lint ${f.ruleId}`, f.message))
    .join('\n');
}

export function lintSummary(findings: readonly LintFinding[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  return `spec:lint: ${errors} error(s), ${warnings} warning(s)`;
}
