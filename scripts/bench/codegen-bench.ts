/**
 * Codegen against `asyncapi generate models typescript`, alternating run for run on the same
 * input, so that both see the same load on the shared machine. Ours makes types, validators,
 * producers and workers; the CLI makes types only.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';

import type { AsyncapiCli } from './asyncapi-cli.js';
import type { BenchContext } from './bench-context.js';
import { runChild, tail, type ChildRun } from './child-run.js';
import type { CorpusDocument } from './corpus.js';
import { fixed, ratio, spread } from './format.js';
import { table, type Goal, type Section } from './report.js';
import { pairedRatio, summarize } from './stats.js';

export interface CodegenInput {
  readonly label: string;
  readonly documents: readonly CorpusDocument[];
  readonly rounds: number;
  /** The goal that ours takes at most half the CLI's time applies to this input. */
  readonly halfTimeGoal: boolean;
}

interface Round {
  readonly first: ChildRun;
  readonly second: ChildRun;
  readonly cli: { ms: number; cpuSeconds: number; peakMiB: number; failed: string[] };
}

export async function codegenBench(
  context: BenchContext,
  cli: AsyncapiCli,
  inputs: readonly CodegenInput[],
): Promise<Section> {
  const rows: string[][] = [];
  const goals: Goal[] = [];
  const notes: string[] = [];

  for (const input of inputs) {
    const rounds: Round[] = [];
    for (let round = 0; round < input.rounds; round += 1) {
      context.log(`codegen ${input.label}: round ${round + 1} of ${input.rounds}`);
      // Alternate which tool goes first, so that neither always gets the warmer disk cache.
      if (round % 2 === 0) {
        const ours = await runOurs(context, input);
        rounds.push({ ...ours, cli: await runCli(context, cli, input) });
      } else {
        const theirs = await runCli(context, cli, input);
        rounds.push({ ...(await runOurs(context, input)), cli: theirs });
      }
    }

    const first = rounds.map((r) => r.first.ms / 1000);
    const second = rounds.map((r) => r.second.ms / 1000);
    const theirs = rounds.map((r) => r.cli.ms / 1000);
    const firstCpu = rounds.map((r) => r.first.cpuSeconds);
    const theirsCpu = rounds.map((r) => r.cli.cpuSeconds);
    const oursToCli = pairedRatio(first, theirs);
    const oursToCliCpu = pairedRatio(firstCpu, theirsCpu);
    const secondToFirst = pairedRatio(second, first);
    const peak = summarize(rounds.map((r) => r.first.peakMiB));
    const docs = String(input.documents.length);
    const figures = (wall: number[], cpu: number[], peaks: number[]) => [
      spread(summarize(wall), 2),
      spread(summarize(cpu), 2),
      spread(summarize(peaks), 0),
    ];

    rows.push(
      [input.label, 'ours, full run', docs,
        ...figures(first, firstCpu, rounds.map((r) => r.first.peakMiB))],
      [input.label, 'ours, second run, nothing changed', docs,
        ...figures(second, rounds.map((r) => r.second.cpuSeconds),
          rounds.map((r) => r.second.peakMiB))],
      [input.label, `asyncapi generate models typescript (${cli.version})`, docs,
        ...figures(theirs, theirsCpu, rounds.map((r) => r.cli.peakMiB))],
      [input.label, 'ratio ours / CLI', '', ratio(oursToCli), ratio(oursToCliCpu), ''],
      [input.label, 'ratio second / first', '', ratio(secondToFirst), '', ''],
    );
    if (input.halfTimeGoal) {
      goals.push({
        what: `codegen, ${input.label}: ours / CLI time`,
        target: '≤ 0.50×',
        measured: `${ratio(oursToCli)}; CPU time ${ratio(oursToCliCpu)}`,
        met: oursToCli.median <= 0.5,
      });
    }
    goals.push(
      {
        what: `codegen, ${input.label}: second run / first`,
        target: '< 0.10×',
        measured: ratio(secondToFirst),
        met: secondToFirst.median < 0.1,
      },
      {
        what: `codegen, ${input.label}: peak memory`,
        target: '< 500 MiB',
        measured: `${fixed(peak.max, 0)} MiB (highest of ${peak.runs})`,
        met: peak.max < 500,
      },
    );
    const failed = [...new Set(rounds.flatMap((r) => r.cli.failed))];
    if (failed.length > 0) {
      notes.push(
        `The CLI failed on ${failed.join(', ')} (${input.label}); their time still counts.`,
      );
    }
  }

  return {
    title: 'Codegen',
    markdown: [
      'Seconds of wall time per invocation, as the calling process saw it, the CPU seconds ' +
        '(user and system) and the peak resident memory of the child process (GNU time); CPU ' +
        'time is not stretched by the load of others, wall time is. For the corpus, ours is one ' +
        'invocation over every document; the CLI takes one document per invocation, so its ' +
        'figure is the sum over the documents and its memory the highest of them. Ratios are ' +
        'the median of the per-round ratios: the two runs of a round ran back to back.',
      '',
      ...table(['input', 'run', 'documents', 'wall s', 'CPU s', 'peak MiB'], rows),
      ...(notes.length > 0 ? ['', ...notes] : []),
    ],
    goals,
  };
}

async function runOurs(context: BenchContext, input: CodegenInput) {
  const out = outFolder(context, input, 'ours');
  rmSync(out, { recursive: true, force: true });
  const args = [
    path.join(context.root, 'bin', 'asyncapi-kafka.js'),
    'codegen',
    '--quiet',
    '--spec',
    ...input.documents.map((d) => d.file),
    '--out',
    path.relative(context.root, out),
    ...input.documents.flatMap((d) => d.urlMaps.flatMap((map) => ['--map-url', map])),
  ];
  const first = await runChild(process.execPath, args, { cwd: context.root });
  assertOk(first, `codegen of ${input.label}`);
  const second = await runChild(process.execPath, args, { cwd: context.root });
  assertOk(second, `the second codegen of ${input.label}`);
  return { first, second };
}

async function runCli(context: BenchContext, cli: AsyncapiCli, input: CodegenInput) {
  const out = outFolder(context, input, 'cli');
  rmSync(out, { recursive: true, force: true });
  let ms = 0;
  let cpuSeconds = 0;
  let peakMiB = 0;
  const failed: string[] = [];

  for (const [index, document] of input.documents.entries()) {
    const args = [
      cli.bin,
      'generate',
      'models',
      'typescript',
      document.file,
      '-o',
      path.join(out, String(index)),
    ];
    const run = await runChild(process.execPath, args, { cwd: context.root, env: cli.env });
    ms += run.ms;
    cpuSeconds += run.cpuSeconds;
    peakMiB = Math.max(peakMiB, run.peakMiB);
    if (run.status !== 0) failed.push(document.name);
  }
  return { ms, cpuSeconds, peakMiB, failed };
}

function outFolder(context: BenchContext, input: CodegenInput, tool: string): string {
  return path.join(context.work, `codegen-${tool}-${input.label.replace(/\W+/g, '-')}`);
}

function assertOk(run: ChildRun, what: string): void {
  if (run.status === 0) return;
  throw new Error(`${what} exited with ${run.status}:\n${tail(run.stderr)}`);
}
