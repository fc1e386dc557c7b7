/** `spec:diff` between two versions of the 900-message document. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { BenchContext } from './bench-context.js';
import { tail } from './child-run.js';
import { editedSyntheticDocument } from './edited-document.js';
import { spread } from './format.js';
import { table, type Section } from './report.js';
import { summarize } from './stats.js';
import { syntheticDocument } from './synthetic-document.js';
import { runOurCommand } from './tool-runs.js';

interface DiffSummary {
  readonly summary: { readonly breaking: number; readonly compatible: number };
}

export async function specDiffBench(context: BenchContext, rounds: number): Promise<Section> {
  const folder = path.join(context.work, 'spec-diff');
  mkdirSync(path.join(folder, 'base'), { recursive: true });
  mkdirSync(path.join(folder, 'head'), { recursive: true });
  const base = path.join(folder, 'base', 'synthetic.yaml');
  const head = path.join(folder, 'head', 'synthetic.yaml');
  writeFileSync(base, syntheticDocument(300, 3));
  writeFileSync(head, editedSyntheticDocument());

  const seconds: number[] = [];
  const peaks: number[] = [];
  const cpu: number[] = [];
  let found: DiffSummary['summary'] | undefined;
  for (let round = 0; round < rounds; round += 1) {
    context.log(`spec:diff: round ${round + 1} of ${rounds}`);
    const run = await runOurCommand(context, [
      'spec:diff',
      '--base',
      path.relative(context.root, base),
      '--head',
      path.relative(context.root, head),
      '--format',
      'json',
    ]);
    // Exit 1 is the expected verdict: the edit takes a value out of an enum.
    if (run.status !== 0 && run.status !== 1) {
      throw new Error(`spec:diff exited with ${run.status}:\n${tail(run.stderr)}`);
    }
    found = (JSON.parse(run.stdout) as DiffSummary).summary;
    seconds.push(run.ms / 1000);
    peaks.push(run.peakMiB);
    cpu.push(run.cpuSeconds);
  }

  return {
    title: 'Spec diff',
    markdown: [
      '`spec:diff --base A --head B --format json` where A is `syntheticDocument(300, 3)` and B ' +
        'adds a channel with three messages and two operations, adds an optional field to one ' +
        'message, takes `closed` out of the `status` enum of another, and bumps the version. ' +
        `It reported ${found?.breaking ?? 0} breaking and ${found?.compatible ?? 0} compatible ` +
        'change(s).',
      '',
      ...table(
        ['input', 'wall s', 'CPU s', 'peak MiB'],
        [['900 → 903 messages', spread(summarize(seconds), 2), spread(summarize(cpu), 2),
          spread(summarize(peaks), 0)]],
      ),
    ],
    goals: [],
  };
}
