/** BENCHMARKS.md from the sections of one run. */
import { fixed } from './format.js';
import type { Machine } from './machine.js';
import { goalRows, table, type Section } from './report.js';

export interface TimedSection extends Section {
  readonly seconds: number;
  readonly loadBefore: string;
  readonly loadAfter: string;
}

export interface ReportInput {
  readonly machine: Machine;
  readonly cliNotes: readonly string[];
  readonly started: Date;
  readonly finished: Date;
  readonly sections: readonly TimedSection[];
  readonly command: string;
  /** Causes of missed goals found with a profiler (scripts/bench/findings.md), if written. */
  readonly findings: string | undefined;
}

export function renderReport(input: ReportInput): string {
  const { machine } = input;
  const minutes = (input.finished.getTime() - input.started.getTime()) / 60_000;
  const goals = input.sections.flatMap((section) => section.goals);

  return [
    '# Benchmarks',
    '',
    `Written by \`${input.command}\` (scripts/bench/run-benchmarks.ts); run it again to ` +
      'reproduce. Each figure is the median of its rounds with the lowest and highest in ' +
      'brackets; a ratio is the median of the per-round ratios of two figures measured back to ' +
      'back, so that the load of the moment falls on both. Do not edit by hand.',
    '',
    '## Goals',
    '',
    ...table(['what', 'goal', 'measured', ''], goalRows(goals)),
    '',
    '## Machine and conditions',
    '',
    `- ${machine.cpu}, ${machine.cores} cores, ${fixed(machine.memoryGiB, 1)} GiB; ${machine.os}`,
    `- commit \`${machine.commit}\`; run from ${input.started.toISOString()} to ` +
      `${input.finished.toISOString()} (${fixed(minutes, 1)} minutes)`,
    ...(machine.uncommitted.length > 0
      ? [
          "- the working tree also had uncommitted changes (others' work in progress) to " +
            machine.uncommitted.map((file) => `\`${file}\``).join(', '),
        ]
      : []),
    '- the machine is shared: other engineers ran builds and tests on the same two cores during ' +
      'the run, so the load average (1 / 5 / 15 min) is given for each section below; absolute ' +
      'figures move with it, ratios much less',
    '- the Kafka broker is the local one-node KRaft broker of scripts/kafka (a JVM with up to ' +
      '512 MiB heap), started by the run on a free port of 127.0.0.1 with a data folder of its ' +
      'own, and stopped at the end; client and broker share the cores',
    ...(input.cliNotes.length > 0
      ? ['- npm said, installing the CLI: ' + input.cliNotes.join(' ')]
      : []),
    '',
    ...table(
      ['software', 'version'],
      machine.versions.map(([name, version]) => [name, version]),
    ),
    '',
    ...table(
      ['section', 'seconds', 'load before', 'load after'],
      input.sections.map((section) => [
        section.title,
        fixed(section.seconds, 0),
        section.loadBefore,
        section.loadAfter,
      ]),
    ),
    '',
    ...input.sections.flatMap((section) => [`## ${section.title}`, '', ...section.markdown, '']),
    ...(input.findings === undefined ? [] : [input.findings.trim(), '']),
  ].join('\n');
}
