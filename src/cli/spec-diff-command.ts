/**
 * `spec:diff`: what changed between two versions of the documents, judged by who it
 * breaks. Exit 1 when a change breaks the mode that applies to it.
 */
import { parseUrlMapping } from '../codegen/load/url-map.js';
import { ToolError } from '../errors.js';
import { isMode, MODES } from '../review/compatibility/modes.js';
import { loadReviewConfig } from '../review/config/review-config.js';
import { formatDiagnostic } from '../codegen/diagnostics.js';
import { RULE_IDS } from '../review/lint/all-rules.js';
import {
  formatDiffGithub,
  formatDiffJson,
  formatDiffMarkdown,
} from '../review/report/format-diff.js';
import { runDiff } from '../review/run-diff.js';
import { flagValues, helpText, parseFlags, type FlagSpec } from './arguments.js';
import { MAP_URL_FLAG } from './common-flags.js';
import { EXIT_BAD_INPUT, EXIT_FINDING, EXIT_OK } from './exit-codes.js';
import type { Terminal } from './terminal.js';

const FORMATS = ['markdown', 'json', 'github'] as const;

const FLAGS: Record<string, FlagSpec> = {
  base: {
    kind: 'value',
    placeholder: 'OLD',
    description: 'the old version: a file, folder or git ref',
  },
  head: {
    kind: 'value',
    placeholder: 'NEW',
    description: 'the new version (default: the --spec paths)',
  },
  spec: {
    kind: 'list',
    placeholder: 'PATH...',
    description: 'what to read inside git refs (default: asyncapi)',
  },
  format: {
    kind: 'value',
    placeholder: 'FORMAT',
    description: `${FORMATS.join(', ')} (default: markdown)`,
  },
  mode: {
    kind: 'value',
    placeholder: 'MODE',
    description: 'mode where documents set none (default: FULL)',
  },
  config: {
    kind: 'value',
    placeholder: 'FILE',
    description: 'settings (default: .asyncapi-review.json)',
  },
  'map-url': MAP_URL_FLAG,
  help: { kind: 'boolean', description: 'show this help' },
};

const SUMMARY =
  'Compares two versions of the documents: topics, messages, schemas property by property,\n' +
  'keys, partitions and groups, and how the generated API changes. Each change is judged in\n' +
  `the compatibility mode of its channel or document (x-compatibility: ${MODES.join(', ')}).\n` +
  'A path that exists wins over a git ref of the same name.\n' +
  'Exit 0 when nothing breaks, 1 when a change breaks its mode, 2 on bad input.';

export async function specDiffCommand(
  argv: readonly string[],
  terminal: Terminal,
): Promise<number> {
  const flags = parseFlags(argv, FLAGS);
  if (flags.has('help')) {
    terminal.out(helpText('npm run spec:diff -- --base OLD [--head NEW] [flags]', SUMMARY, FLAGS));
    return EXIT_OK;
  }
  const base = flagValues(flags, 'base')?.[0];
  if (base === undefined) throw new ToolError('INVALID_OPTION', 'spec:diff needs --base OLD.');
  const format = flagValues(flags, 'format')?.[0] ?? 'markdown';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new ToolError(
      'INVALID_OPTION',
      `--format ${format} is not one of ${FORMATS.join(', ')}.`,
    );
  }
  const config = loadReviewConfig(flagValues(flags, 'config')?.[0], RULE_IDS);
  const mode = flagValues(flags, 'mode')?.[0] ?? config.compatibility;
  if (!isMode(mode)) {
    throw new ToolError('INVALID_OPTION', `--mode ${mode} is not one of ${MODES.join(', ')}.`);
  }
  const specPaths = flagValues(flags, 'spec') ?? ['asyncapi'];
  const head =
    flagValues(flags, 'head')?.[0] ?? (specPaths.length === 1 ? specPaths[0] : undefined);
  if (head === undefined) throw new ToolError('INVALID_OPTION', 'spec:diff needs --head NEW.');

  const urlMappings = (flagValues(flags, 'map-url') ?? []).map(parseUrlMapping);
  const result = await runDiff({ base, head, specPaths, defaultMode: mode, urlMappings });
  if (result.diagnostics.some((d) => d.severity === 'error')) {
    for (const diagnostic of result.diagnostics) terminal.err(formatDiagnostic(diagnostic));
    terminal.err('spec:diff: a version does not parse; fix the errors above (see spec:lint).');
    return EXIT_BAD_INPUT;
  }

  if (format === 'json') terminal.out(formatDiffJson(result));
  else if (format === 'github') {
    const annotations = formatDiffGithub(result);
    if (annotations !== '') terminal.out(annotations);
  } else terminal.out(formatDiffMarkdown(result));
  return result.changes.some((c) => c.breaking) ? EXIT_FINDING : EXIT_OK;
}
