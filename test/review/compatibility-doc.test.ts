/** The verdict table in docs/compatibility.md says what the code does, row by row. */
import { readFile } from 'node:fs/promises';

import { describe, expect, it } from 'vitest';

import {
  breaksMode,
  CHANGE_KINDS,
  VERDICTS,
} from '../../src/review/compatibility/verdict-table.js';
import { PROJECT_ROOT } from '../support/cli.js';

describe('docs/compatibility.md', () => {
  it('has one row per change kind with the verdicts and reasons of the code', async () => {
    const text = await readFile(`${PROJECT_ROOT}/docs/compatibility.md`, 'utf8');
    const rows = new Map(
      text
        .split('\n')
        .filter((line) => line.startsWith('| `') && line.split('|').length === 9)
        .map((line) => {
          const cells = line
            .split('|')
            .slice(1, -1)
            .map((cell) => cell.trim());
          return [cells[0]?.replace(/`/g, '') ?? '', cells.slice(1)];
        }),
    );
    const mark = (breaks: boolean): string => (breaks ? 'breaks' : 'ok');

    for (const kind of CHANGE_KINDS) {
      expect(rows.get(kind), kind).toEqual([
        mark(breaksMode(kind, 'BACKWARD')),
        mark(breaksMode(kind, 'FORWARD')),
        mark(breaksMode(kind, 'FULL')),
        mark(breaksMode(kind, 'NONE')),
        VERDICTS[kind].breaks,
        VERDICTS[kind].rule,
      ]);
    }
    expect(rows.size).toBe(CHANGE_KINDS.length);
  });
});
