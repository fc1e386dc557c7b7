/**
 * `npm run bench`: every benchmark in one run on this machine, then BENCHMARKS.md. Figures that
 * are compared are measured in alternation within the run, so that the load other users put
 * on the shared cores falls on both sides of a ratio.
 *
 *   npm run bench                           the full run, ~15 minutes on two cores
 *   npm run bench -- --only codegen,worker  some sections, into .cache/bench/BENCHMARKS.md
 *   BENCH_ROUNDS=1 npm run bench -- --only producer   one round each, for a quick look
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ensureAsyncapiCli, type AsyncapiCli } from './asyncapi-cli.js';
import type { BenchContext } from './bench-context.js';
import { startBenchKafka, type BenchKafka } from './bench-kafka.js';
import { codegenBench } from './codegen-bench.js';
import { validCorpusDocuments, type CorpusDocument } from './corpus.js';
import { docsBench } from './docs-bench.js';
import { describeMachine, loadAverage } from './machine.js';
import { perMessageBench } from './per-message-bench.js';
import { producerBench } from './producer-bench.js';
import { renderReport, type TimedSection } from './render-report.js';
import type { Section } from './report.js';
import { specDiffBench } from './spec-diff-bench.js';
import { syntheticDocument } from './synthetic-document.js';
import { workerBench } from './worker-bench.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// Written by hand from profiles; appended to the report so that a missed goal has its cause.
const FINDINGS = path.join(ROOT, 'scripts', 'bench', 'findings.md');
const SECTIONS = ['codegen', 'producer', 'worker', 'per-message', 'docs', 'spec-diff'] as const;
type SectionName = (typeof SECTIONS)[number];

const only = selectedSections(process.argv.slice(2));
const roundsOverride = Number.parseInt(process.env['BENCH_ROUNDS'] ?? '', 10);
const rounds = (normal: number) =>
  Number.isInteger(roundsOverride) && roundsOverride > 0 ? roundsOverride : normal;

const work = path.join(ROOT, '.cache', 'bench');
mkdirSync(work, { recursive: true });
const context: BenchContext = {
  root: ROOT,
  work,
  corpus: path.resolve(ROOT, '..', 'shared', 'corpus'),
  log: (message) => process.stderr.write(`bench: ${message}\n`),
};

const started = new Date();
const synthetic = syntheticInput();
const corpus = validCorpusDocuments(context.corpus);
// The CLI would fetch URL references from the network; the comparison leaves those out.
const offlineCorpus = corpus.filter((document) => document.urlMaps.length === 0);
const needsCli = only.has('codegen');
const cli: AsyncapiCli | undefined = needsCli ? ensureAsyncapiCli(ROOT) : undefined;
const machine = describeMachine(ROOT, cli?.version ?? 'not run');

let kafka: BenchKafka | undefined;
const killBrokerOnExit = () => {
  if (kafka) process.kill(kafka.broker.pid, 'SIGKILL');
};
process.once('exit', killBrokerOnExit);
process.once('SIGINT', () => process.exit(130));

const sections: TimedSection[] = [];
const run = async (name: SectionName, body: () => Promise<Section>) => {
  if (!only.has(name)) return;
  const loadBefore = loadAverage();
  const from = performance.now();
  const section = await body();
  sections.push({
    ...section,
    seconds: (performance.now() - from) / 1000,
    loadBefore,
    loadAfter: loadAverage(),
  });
};

try {
  await run('codegen', () =>
    codegenBench(context, cli as AsyncapiCli, [
      {
        label: '900-message document',
        documents: [synthetic],
        rounds: rounds(4),
        halfTimeGoal: true,
      },
      {
        label: `corpus (${offlineCorpus.length} valid documents)`,
        documents: offlineCorpus,
        rounds: rounds(2),
        halfTimeGoal: false,
      },
    ]),
  );
  if (only.has('producer') || only.has('worker')) kafka = await startBenchKafka(context);
  await run('producer', () => producerBench(context, kafka as BenchKafka, rounds(7)));
  await run('worker', () => workerBench(context, kafka as BenchKafka, rounds(5)));
  if (kafka) {
    context.log('kafka: stopping the broker');
    await kafka.stop();
    kafka = undefined;
  }
  await run('per-message', () => perMessageBench(context, rounds(5)));
  await run('docs', () =>
    docsBench(
      context,
      [
        { label: `corpus (${corpus.length} valid documents)`, documents: corpus },
        { label: '900-message document', documents: [synthetic] },
      ],
      rounds(3),
    ),
  );
  await run('spec-diff', () => specDiffBench(context, rounds(3)));
} finally {
  await kafka?.stop();
  kafka = undefined;
}

const complete = only.size === SECTIONS.length && !Number.isInteger(roundsOverride);
const target = complete ? path.join(ROOT, 'BENCHMARKS.md') : path.join(work, 'BENCHMARKS.md');
writeFileSync(
  target,
  renderReport({
    machine,
    cliNotes: cli?.installNotes ?? [],
    started,
    finished: new Date(),
    sections,
    command: complete ? 'npm run bench' : `npm run bench -- ${process.argv.slice(2).join(' ')}`,
    findings: existsSync(FINDINGS) ? readFileSync(FINDINGS, 'utf8') : undefined,
  }),
);
context.log(`wrote ${path.relative(ROOT, target)}`);

function selectedSections(argv: readonly string[]): Set<SectionName> {
  const at = argv.indexOf('--only');
  if (at < 0) return new Set(SECTIONS);
  const names = (argv[at + 1] ?? '').split(',').filter(Boolean);
  for (const name of names) {
    if (!(SECTIONS as readonly string[]).includes(name)) {
      process.stderr.write(
        `bench: unknown section "${name}"; the sections are ${SECTIONS.join(', ')}.\n`,
      );
      process.exit(2);
    }
  }
  return new Set(names as SectionName[]);
}

function syntheticInput(): CorpusDocument {
  const file = path.join(work, 'synthetic', 'synthetic.yaml');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, syntheticDocument(300, 3));
  return { name: 'synthetic', file, urlMaps: [] };
}
