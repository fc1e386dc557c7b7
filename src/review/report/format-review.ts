/**
 * The one markdown summary of spec:review, as a pull-request comment shows it: a table of
 * the three checks, then each check's details. The first line marks the comment, so that
 * a later run updates it instead of adding another.
 */
import path from 'node:path';

import { formatDiagnostic } from '../../codegen/diagnostics.js';
import type { ReviewResult } from '../run-review.js';
import { formatDiffMarkdown } from './format-diff.js';
import { formatLintText, lintSummary } from './format-lint.js';

export const REVIEW_MARKER = '<!-- asyncapi-kafka spec-review -->';

export function formatReviewMarkdown(result: ReviewResult, outDir: string): string {
  const { lint, diff, drift } = result;
  const errors = lint.filter((f) => f.severity === 'error').length;
  const breaking = diff.changes.filter((c) => c.breaking).length;
  const out = path.relative(process.cwd(), outDir) || '.';
  const diffFailed = diff.diagnostics.some((d) => d.severity === 'error');
  const driftUnknown = drift.diagnostics.length > 0;

  const rows = [
    ['lint', errors === 0, lintSummary(lint).replace(/^spec:lint: /, '')],
    [
      'compatibility',
      !diffFailed && breaking === 0,
      diffFailed
        ? `the base ${diff.base} does not parse`
        : `${breaking} breaking of ${diff.changes.length} change(s) against ${diff.base}`,
    ],
    [
      'generated code',
      !driftUnknown && drift.differing.length === 0,
      driftUnknown
        ? 'not checked: codegen stops on errors'
        : drift.differing.length === 0
          ? `${out}/ is up to date`
          : `${drift.differing.length} file(s) differ; run \`npm run codegen\``,
    ],
  ] as const;

  const lines = [
    REVIEW_MARKER,
    '## Spec review',
    '',
    '| check | result |',
    '|---|---|',
    ...rows.map(([name, ok, text]) => `| ${name} | ${ok ? '✅' : '❌'} ${text} |`),
    '',
  ];
  if (lint.length > 0) {
    lines.push('### Lint', '', '```text', formatLintText(lint), '```', '');
  }
  if (diffFailed) {
    lines.push('### Changes', '', '```text', ...diff.diagnostics.map(formatDiagnostic), '```', '');
  } else if (diff.changes.length > 0 || diff.impact.length > 0) {
    lines.push('### Changes', '', formatDiffMarkdown(diff, '####'));
  }
  if (driftUnknown || drift.differing.length > 0) {
    lines.push('### Generated code', '');
    for (const diagnostic of drift.diagnostics) lines.push(`- ${formatDiagnostic(diagnostic)}`);
    for (const { state, file } of drift.differing) lines.push(`- ${state} \`${out}/${file}\``);
    lines.push('');
  }
  return lines.join('\n').trimEnd() + '\n';
}
