import type { Summary } from './stats.js';

/** `12.3 (11.9–13.0)`: the median and the spread of a figure, in the unit's own digits. */
export function spread(summary: Summary, digits = 1): string {
  const f = (value: number) => fixed(value, digits);
  if (summary.runs === 1) return f(summary.median);
  return `${f(summary.median)} (${f(summary.min)}–${f(summary.max)})`;
}

export function fixed(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** `0.93×`, with the spread of the per-round ratios when there are several. */
export function ratio(summary: Summary): string {
  if (summary.runs === 1) return `${fixed(summary.median, 2)}×`;
  return `${fixed(summary.median, 2)}× (${fixed(summary.min, 2)}–${fixed(summary.max, 2)})`;
}
