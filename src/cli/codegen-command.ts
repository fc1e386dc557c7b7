/**
 * `codegen`: every document under the spec paths into typed code in the output folder.
 */
import path from 'node:path';

import { formatDiagnostic, hasErrors } from '../codegen/diagnostics.js';
import { parseUrlMapping } from '../codegen/load/url-map.js';
import { runCodegen, type CodegenOptions, type CodegenResult } from '../codegen/run-codegen.js';
import { ToolError } from '../errors.js';
import { flagValues, helpText, parseFlags, type FlagSpec } from './arguments.js';
import { MAP_URL_FLAG } from './common-flags.js';
import { EXIT_BAD_INPUT, EXIT_FINDING, EXIT_OK } from './exit-codes.js';
import type { Terminal } from './terminal.js';
import { foldersToWatch, watchInputs } from './watch-inputs.js';

const FLAGS: Record<string, FlagSpec> = {
  spec: { kind: 'list', placeholder: 'PATH...', description: 'documents or folders to read (default: asyncapi/)' },
  out: { kind: 'value', placeholder: 'DIR', description: 'output folder inside the project (default: generated/)' },
  check: { kind: 'boolean', description: 'write nothing; exit 1 and list the files that differ' },
  watch: { kind: 'boolean', description: 'regenerate whenever a document changes' },
  'map-url': MAP_URL_FLAG,
  'fetch-urls': {
    kind: 'boolean',
    description: 'fetch $refs to URLs that no --map-url covers (default: no network at all)',
  },
  quiet: { kind: 'boolean', description: 'print only errors' },
  help: { kind: 'boolean', description: 'show this help' },
};

const SUMMARY =
  'Generates payload types, validators, producers, workers and handler interfaces\n' +
  'from AsyncAPI 2.x and 3.x documents. Exit 0 on success, 1 when --check finds\n' +
  'stale output, 2 on bad input.';

export async function codegenCommand(argv: readonly string[], terminal: Terminal): Promise<number> {
  const flags = parseFlags(argv, FLAGS);
  if (flags.has('help')) {
    terminal.out(helpText('npm run codegen -- [flags]', SUMMARY, FLAGS));
    return EXIT_OK;
  }

  const cwd = process.cwd();
  const outDir = path.resolve(flagValues(flags, 'out')?.[0] ?? 'generated');
  const relativeOut = path.relative(cwd, outDir);
  if (relativeOut === '' || relativeOut.startsWith('..') || path.isAbsolute(relativeOut)) {
    throw new ToolError('OUTPUT_OUTSIDE_PROJECT', `--out ${outDir} must be a folder inside ${cwd}.`);
  }

  const options: CodegenOptions = {
    specPaths: flagValues(flags, 'spec') ?? ['asyncapi'],
    outDir,
    check: flags.has('check'),
    urlMappings: (flagValues(flags, 'map-url') ?? []).map(parseUrlMapping),
    fetchUrls: flags.has('fetch-urls'),
  };
  const quiet = flags.has('quiet');

  const once = async (): Promise<Run> => {
    const started = performance.now();
    const result = await runCodegen(options);
    return { exitCode: report(result, options, terminal, quiet, performance.now() - started),
      inputFiles: result.inputFiles };
  };

  if (!flags.has('watch')) return (await once()).exitCode;
  return watchAndRegenerate(options, once, terminal);
}

interface Run {
  readonly exitCode: number;
  readonly inputFiles: readonly string[];
}

function report(
  result: CodegenResult,
  options: CodegenOptions,
  terminal: Terminal,
  quiet: boolean,
  elapsedMs: number,
): number {
  for (const diagnostic of result.diagnostics) {
    if (quiet && diagnostic.severity !== 'error') continue;
    terminal.err(formatDiagnostic(diagnostic));
  }
  if (hasErrors(result.diagnostics) || result.plan === undefined) {
    terminal.err('codegen: stopped by the errors above; nothing was written.');
    return EXIT_BAD_INPUT;
  }

  const { plan } = result;
  const out = path.relative(process.cwd(), options.outDir) || '.';
  if (options.check) {
    const differing = [
      ...plan.added.map((f) => `missing  ${out}/${f}`),
      ...plan.changed.map((f) => `changed  ${out}/${f}`),
      ...plan.removed.map((f) => `stale    ${out}/${f}`),
    ];
    for (const line of differing) terminal.out(line);
    if (differing.length > 0) {
      terminal.err(`codegen --check: ${differing.length} file(s) differ; run \`npm run codegen\`.`);
      return EXIT_FINDING;
    }
    if (!quiet) terminal.err(`codegen --check: ${out}/ is up to date.`);
    return EXIT_OK;
  }

  if (!quiet) {
    terminal.err(
      `codegen: ${result.documents} document(s), ${result.messages} message(s) → ${out}/: ` +
        `${plan.added.length + plan.changed.length} written, ${plan.unchanged.length} unchanged, ` +
        `${plan.removed.length} removed (${Math.round(elapsedMs)} ms)`,
    );
  }
  return EXIT_OK;
}

async function watchAndRegenerate(
  options: CodegenOptions,
  once: () => Promise<Run>,
  terminal: Terminal,
): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  let stopped = false;
  const watched = watchInputs(() => {
    clearTimeout(timer);
    // Editors write a file in several steps; wait until they are done.
    timer = setTimeout(() => {
      running = running.then(runAndWatch);
    }, 150);
  });
  // After every run, since a run may have read files that no earlier run did.
  const runAndWatch = async (): Promise<void> => {
    const run = await once().catch((error: unknown) => {
      terminal.err(String(error));
      return { exitCode: EXIT_BAD_INPUT, inputFiles: [] };
    });
    const folders = await foldersToWatch(options.specPaths, run.inputFiles, options.outDir);
    if (!stopped) watched.update(folders);
  };

  // Listened for before the first run, so that Ctrl+C during it stops the watch too; a run
  // in progress finishes its writes before the process ends.
  const interrupted = new Promise<void>((resolve) => process.once('SIGINT', () => {
    stopped = true;
    resolve();
  }));
  terminal.err('codegen: watching for changes; press Ctrl+C to stop.');
  running = runAndWatch();
  await interrupted;
  clearTimeout(timer);
  watched.close();
  await running;
  return EXIT_OK;
}
