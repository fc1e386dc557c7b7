/**
 * What each benchmark hands to the report: its own markdown, and the goals it checked, which
 * BENCHMARKS.md also gathers into one table at the top.
 */
export interface Goal {
  readonly what: string;
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
}

export interface Section {
  readonly title: string;
  readonly markdown: string[];
  readonly goals: Goal[];
}

export function table(
  headers: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
): string[] {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)];
}

export function goalRows(goals: readonly Goal[]): string[][] {
  return goals.map((goal) => [
    goal.what,
    goal.target,
    goal.measured,
    goal.met ? 'met' : '**missed**',
  ]);
}
