/** A figure measured several times: what BENCHMARKS.md reports for it. */
export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new Error('summarize() needs at least one measurement.');
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: percentile(sorted, 50),
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    runs: sorted.length,
  };
}

/** Linear interpolation between the closest ranks; `sorted` must be ascending. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const a = sorted[low] as number;
  const b = sorted[high] as number;
  return a + (b - a) * (rank - low);
}

/**
 * The ratio of two figures measured in alternation, as the median of the per-round ratios:
 * a round's two runs saw the same load on the shared machine, so the load cancels out.
 */
export function pairedRatio(
  numerators: readonly number[],
  denominators: readonly number[],
): Summary {
  const ratios = numerators.map((value, index) => value / (denominators[index] as number));
  return summarize(ratios);
}
