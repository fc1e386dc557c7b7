/**
 * `spec:lint`: validity and the house rules over every document. Findings go to stdout
 * (they are the result); exit 1 when one is an error.
 */
import { parseUrlMapping } from '../codegen/load/url-map.js';
import { ToolError } from '../errors.js';
import { loadReviewConfig } from '../review/config/review-config.js';
import { ALL_RULES, RULE_IDS } from '../review/lint/all-rules.js';
import { runLint } from '../review/lint/run-lint.js';
import { loadSpecSet } from '../review/load/load-spec-set.js';
import { pathsSource } from '../review/load/spec-source.js';
import { formatLintGithub, formatLintText, lintSummary } from '../review/report/format-lint.js';
import { formatLintSarif } from '../review/report/format-lint-sarif.js';
import { flagValues, helpText, parseFlags, type FlagSpec } from './arguments.js';
import { MAP_URL_FLAG } from './common-flags.js';
import { EXIT_FINDING, EXIT_OK } from './exit-codes.js';
import type { Terminal } from './terminal.js';

const FORMATS = ['text', 'github', 'sarif'] as const;

const FLAGS: Record<string, FlagSpec> = {
  spec: {
    kind: 'list',
    placeholder: 'PATH...',
    description: 'documents or folders (default: asyncapi/)',
  },
  format: {
    kind: 'value',
    placeholder: 'FORMAT',
    description: `${FORMATS.join(', ')} (default: text)`,
  },
  config: {
    kind: 'value',
    placeholder: 'FILE',
    description: 'rule settings (default: .asyncapi-review.json)',
  },
  'map-url': MAP_URL_FLAG,
  help: { kind: 'boolean', description: 'show this help' },
};

const SUMMARY =
  'Checks that documents are valid AsyncAPI and follow the house rules. Findings print as\n' +
  '`path:line:column: severity rule-id: message`. Exit 0 when there is no error, 1 when\n' +
  `there is one, 2 on bad input. Rules: ${RULE_IDS.join(', ')}.`;

export async function specLintCommand(
  argv: readonly string[],
  terminal: Terminal,
): Promise<number> {
  const flags = parseFlags(argv, FLAGS);
  if (flags.has('help')) {
    terminal.out(helpText('npm run spec:lint -- [flags]', SUMMARY, FLAGS));
    return EXIT_OK;
  }
  const format = chooseFormat(flagValues(flags, 'format')?.[0]);
  const config = loadReviewConfig(flagValues(flags, 'config')?.[0], RULE_IDS);

  const specPaths = flagValues(flags, 'spec') ?? ['asyncapi'];
  const urlMappings = (flagValues(flags, 'map-url') ?? []).map(parseUrlMapping);
  const specs = await loadSpecSet(pathsSource(specPaths), urlMappings);
  if (specs.documents.length === 0 && specs.diagnostics.length === 0) {
    throw new ToolError('NO_DOCUMENTS', `No AsyncAPI document in ${specPaths.join(', ')}.`);
  }

  const findings = runLint(specs, config);
  if (format === 'sarif') terminal.out(formatLintSarif(findings, ALL_RULES));
  else if (findings.length > 0) {
    terminal.out(format === 'github' ? formatLintGithub(findings) : formatLintText(findings));
  }
  terminal.err(lintSummary(findings));
  return findings.some((f) => f.severity === 'error') ? EXIT_FINDING : EXIT_OK;
}

function chooseFormat(value: string | undefined): (typeof FORMATS)[number] {
  const format = value ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new ToolError(
      'INVALID_OPTION',
      `--format ${format} is not one of ${FORMATS.join(', ')}.`,
    );
  }
  return format as (typeof FORMATS)[number];
}
