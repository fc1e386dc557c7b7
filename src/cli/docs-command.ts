/**
 * `docs`: every document under the spec paths into a static site in the output folder.
 */
import path from 'node:path';

import { formatDiagnostic } from '../codegen/diagnostics.js';
import { parseUrlMapping } from '../codegen/load/url-map.js';
import { buildSite, type DocsOptions } from '../docs/build-site.js';
import { ToolError } from '../errors.js';
import { flagValues, helpText, parseFlags, type FlagSpec } from './arguments.js';
import { MAP_URL_FLAG } from './common-flags.js';
import { EXIT_BAD_INPUT, EXIT_OK } from './exit-codes.js';
import type { Terminal } from './terminal.js';

const FLAGS: Record<string, FlagSpec> = {
  spec: {
    kind: 'list',
    placeholder: 'PATH...',
    description: 'documents or folders to read (default: asyncapi/)',
  },
  out: {
    kind: 'value',
    placeholder: 'DIR',
    description: 'output folder inside the project (default: site/)',
  },
  'map-url': MAP_URL_FLAG,
  quiet: { kind: 'boolean', description: 'print only errors' },
  help: { kind: 'boolean', description: 'show this help' },
};

const SUMMARY =
  'Builds a static docs site from AsyncAPI 2.x and 3.x documents: a page per service,\n' +
  'topic and event type, a map of who sends and receives what, and search. Exit 0 on\n' +
  'success, 2 on bad input.';

export async function docsCommand(argv: readonly string[], terminal: Terminal): Promise<number> {
  const flags = parseFlags(argv, FLAGS);
  if (flags.has('help')) {
    terminal.out(helpText('npm run docs -- [flags]', SUMMARY, FLAGS));
    return EXIT_OK;
  }

  const cwd = process.cwd();
  const outDir = path.resolve(flagValues(flags, 'out')?.[0] ?? 'site');
  const relativeOut = path.relative(cwd, outDir);
  if (relativeOut === '' || relativeOut.startsWith('..') || path.isAbsolute(relativeOut)) {
    throw new ToolError(
      'OUTPUT_OUTSIDE_PROJECT',
      `--out ${outDir} must be a folder inside ${cwd}.`,
    );
  }
  const options: DocsOptions = {
    specPaths: flagValues(flags, 'spec') ?? ['asyncapi'],
    outDir,
    urlMappings: (flagValues(flags, 'map-url') ?? []).map(parseUrlMapping),
  };
  const quiet = flags.has('quiet');

  const started = performance.now();
  const result = await buildSite(options);
  for (const diagnostic of result.diagnostics) {
    if (quiet && diagnostic.severity !== 'error') continue;
    terminal.err(formatDiagnostic(diagnostic));
  }
  if (result.written === undefined || result.files === undefined) {
    terminal.err('docs: stopped by the errors above; nothing was written.');
    return EXIT_BAD_INPUT;
  }

  if (!quiet) {
    const { written, unchanged, removed } = result.written;
    terminal.err(
      `docs: ${result.documents} document(s) → ${relativeOut}/: ` +
        `${result.files.length} file(s), ` +
        `${written.length} written, ${unchanged.length} unchanged, ${removed.length} removed ` +
        `(${Math.round(performance.now() - started)} ms)`,
    );
  }
  return EXIT_OK;
}
