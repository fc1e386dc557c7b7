/**
 * The report formats on one realistic change to the project's own documents: the
 * features service adds an event type, an optional property to a closed object, and
 * narrows a name's length. The outputs are committed as files, so that a change to any
 * format shows in review as a diff of what readers will see.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { beforeAll, describe, expect, it } from 'vitest';

import { DEFAULT_CONFIG } from '../../src/review/config/review-config.js';
import { ALL_RULES } from '../../src/review/lint/all-rules.js';
import { runLint } from '../../src/review/lint/run-lint.js';
import type { LintFinding } from '../../src/review/lint/rule.js';
import { loadSpecSet } from '../../src/review/load/load-spec-set.js';
import { openSpecSource } from '../../src/review/load/spec-source.js';
import {
  formatDiffGithub,
  formatDiffJson,
  formatDiffMarkdown,
} from '../../src/review/report/format-diff.js';
import { formatLintGithub, formatLintText } from '../../src/review/report/format-lint.js';
import { formatLintSarif } from '../../src/review/report/format-lint-sarif.js';
import { runDiff, type DiffResult } from '../../src/review/run-diff.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/realistic', import.meta.url));
const SNAPSHOTS = path.join(path.dirname(FIXTURES), '..', '__snapshots__');

let diff: DiffResult;
let lint: LintFinding[];

beforeAll(async () => {
  diff = await runDiff({
    base: 'base',
    head: 'head',
    specPaths: ['asyncapi'],
    defaultMode: 'FULL',
    cwd: FIXTURES,
  });
  const head = await loadSpecSet(await openSpecSource('head', ['head'], FIXTURES));
  lint = runLint(head, DEFAULT_CONFIG);
});

describe('the report of a realistic change', () => {
  it('finds the changes a reviewer must see, breaking first', () => {
    expect(diff.changes.map((c) => `${c.kind} ${c.breaking ? 'breaking' : 'compatible'}`)).toEqual(
      ['message-added breaking', 'range-narrowed breaking', 'property-added-closed breaking'],
    );
    expect(diff.changes[2]?.location).toEqual({
      file: 'head/features.yaml',
      line: 148,
      column: 21,
    });
    expect(diff.impact.map((i) => i.kind)).toContain('producer-method-added');
  });

  it('as markdown', async () => {
    await expect(formatDiffMarkdown(diff)).toMatchFileSnapshot(path.join(SNAPSHOTS, 'diff.md'));
  });

  it('as JSON', async () => {
    await expect(formatDiffJson(diff)).toMatchFileSnapshot(path.join(SNAPSHOTS, 'diff.json'));
  });

  it('as GitHub annotations', async () => {
    await expect(formatDiffGithub(diff)).toMatchFileSnapshot(
      path.join(SNAPSHOTS, 'diff.github.txt'),
    );
  });

  it('lints the new version as text, annotations and SARIF', async () => {
    expect(lint.map((f) => f.ruleId)).toEqual(['message-examples']);
    await expect(formatLintText(lint)).toMatchFileSnapshot(path.join(SNAPSHOTS, 'lint.txt'));
    await expect(formatLintGithub(lint)).toMatchFileSnapshot(
      path.join(SNAPSHOTS, 'lint.github.txt'),
    );
    await expect(formatLintSarif(lint, ALL_RULES)).toMatchFileSnapshot(
      path.join(SNAPSHOTS, 'lint.sarif.json'),
    );
  });
});
