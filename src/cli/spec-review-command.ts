/**
 * `spec:review`: lint, diff against a base, and codegen --check, in one markdown summary
 * for a pull request. Exit 1 on any finding, 2 on bad input.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

import { ToolError } from '../errors.js';
import { loadReviewConfig } from '../review/config/review-config.js';
import { RULE_IDS } from '../review/lint/all-rules.js';
import { formatDiffGithub } from '../review/report/format-diff.js';
import { formatLintGithub } from '../review/report/format-lint.js';
import { formatReviewMarkdown } from '../review/report/format-review.js';
import { reviewFindings, runReview } from '../review/run-review.js';
import { flagValues, helpText, parseFlags, type FlagSpec } from './arguments.js';
import { EXIT_BAD_INPUT, EXIT_FINDING, EXIT_OK } from './exit-codes.js';
import type { Terminal } from './terminal.js';

const FLAGS: Record<string, FlagSpec> = {
  base: {
    kind: 'value',
    placeholder: 'REF',
    description: 'the version to compare with: a git ref or path',
  },
  spec: {
    kind: 'value',
    placeholder: 'PATH',
    description: 'the documents under review (default: asyncapi)',
  },
  out: {
    kind: 'value',
    placeholder: 'DIR',
    description: 'the generated code to check (default: generated)',
  },
  format: {
    kind: 'value',
    placeholder: 'FORMAT',
    description: 'markdown, or github for annotations',
  },
  'summary-file': {
    kind: 'value',
    placeholder: 'FILE',
    description: 'also write the markdown here',
  },
  config: {
    kind: 'value',
    placeholder: 'FILE',
    description: 'settings (default: .asyncapi-review.json)',
  },
  help: { kind: 'boolean', description: 'show this help' },
};

const SUMMARY =
  'Runs spec:lint, spec:diff against --base and codegen --check, and prints one markdown\n' +
  'summary. Exit 0 when all pass, 1 on a lint error, a breaking change or stale generated\n' +
  'code, 2 on bad input.';

export async function specReviewCommand(
  argv: readonly string[],
  terminal: Terminal,
): Promise<number> {
  const flags = parseFlags(argv, FLAGS);
  if (flags.has('help')) {
    terminal.out(helpText('npm run spec:review -- --base REF [flags]', SUMMARY, FLAGS));
    return EXIT_OK;
  }
  const base = flagValues(flags, 'base')?.[0];
  if (base === undefined) throw new ToolError('INVALID_OPTION', 'spec:review needs --base REF.');
  const format = flagValues(flags, 'format')?.[0] ?? 'markdown';
  if (format !== 'markdown' && format !== 'github') {
    throw new ToolError('INVALID_OPTION', `--format ${format} is not one of markdown, github.`);
  }
  const outDir = path.resolve(flagValues(flags, 'out')?.[0] ?? 'generated');
  const config = loadReviewConfig(flagValues(flags, 'config')?.[0], RULE_IDS);

  const result = await runReview({
    base,
    specPath: flagValues(flags, 'spec')?.[0] ?? 'asyncapi',
    outDir,
    config,
  });
  const markdown = formatReviewMarkdown(result, outDir);
  const summaryFile = flagValues(flags, 'summary-file')?.[0];
  if (summaryFile !== undefined) await writeFile(summaryFile, markdown);

  if (format === 'github') {
    const annotations = [formatLintGithub(result.lint), formatDiffGithub(result.diff)].filter(
      (text) => text !== '',
    );
    if (annotations.length > 0) terminal.out(annotations.join('\n'));
  } else terminal.out(markdown);

  const { finding, badInput } = reviewFindings(result);
  if (badInput) return EXIT_BAD_INPUT;
  return finding ? EXIT_FINDING : EXIT_OK;
}
