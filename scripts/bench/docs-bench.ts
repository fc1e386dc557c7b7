/** Build time of the static docs site, for the corpus and for the 900-message document. */
import { rmSync } from 'node:fs';
import path from 'node:path';

import type { BenchContext } from './bench-context.js';
import { tail } from './child-run.js';
import type { CorpusDocument } from './corpus.js';
import { spread } from './format.js';
import { table, type Section } from './report.js';
import { summarize } from './stats.js';
import { runOurCommand } from './tool-runs.js';

export interface DocsInput {
  readonly label: string;
  readonly documents: readonly CorpusDocument[];
}

export async function docsBench(
  context: BenchContext,
  inputs: readonly DocsInput[],
  rounds: number,
): Promise<Section> {
  const rows: string[][] = [];
  for (const input of inputs) {
    const seconds: number[] = [];
    const peaks: number[] = [];
    const cpu: number[] = [];
    const out = path.join(context.work, `docs-${input.label.replace(/\W+/g, '-')}`);
    for (let round = 0; round < rounds; round += 1) {
      context.log(`docs ${input.label}: round ${round + 1} of ${rounds}`);
      rmSync(out, { recursive: true, force: true });
      const run = await runOurCommand(context, [
        'docs',
        '--quiet',
        '--spec',
        ...input.documents.map((d) => d.file),
        '--out',
        path.relative(context.root, out),
        ...input.documents.flatMap((d) => d.urlMaps.flatMap((map) => ['--map-url', map])),
      ]);
      if (run.status !== 0) {
        throw new Error(`docs of ${input.label} exited with ${run.status}:\n${tail(run.stderr)}`);
      }
      seconds.push(run.ms / 1000);
      peaks.push(run.peakMiB);
      cpu.push(run.cpuSeconds);
    }
    rows.push([
      input.label,
      String(input.documents.length),
      spread(summarize(seconds), 2),
      spread(summarize(cpu), 2),
      spread(summarize(peaks), 0),
    ]);
  }

  return {
    title: 'Docs build',
    markdown: [
      '`node bin/asyncapi-kafka.js docs --spec ... --out ...` into an empty folder, one ' +
        'invocation for all the documents of an input; wall seconds and peak memory of the ' +
        'process.',
      '',
      ...table(['input', 'documents', 'wall s', 'CPU s', 'peak MiB'], rows),
    ],
    goals: [],
  };
}
