/**
 * `npm run test:faults`: the full fault run. Progress goes to stderr; stdout gets the one
 * final line `produced=N handled=N duplicates=N dead_lettered=N lost=N`. Exit 0 only when
 * every check held.
 *
 * Environment (all optional): FAULT_EVENTS (50000), FAULT_PARTITIONS (6), FAULT_KEYS (200),
 * FAULT_SEED (1), FAULT_TIME_LIMIT_MS (900000), FAULT_KEEP_FILES (keep ledgers and logs).
 */
import { runFaults } from './run-faults.js';

const number = (name: string, fallback: number): number => {
  const text = process.env[name];
  const value = text === undefined || text === '' ? fallback : Number(text);
  if (!Number.isInteger(value) || value <= 0) {
    process.stderr.write(`${name} must be a positive whole number, not "${text}".\n`);
    process.exit(2);
  }
  return value;
};

const result = await runFaults({
  events: number('FAULT_EVENTS', 50_000),
  partitions: number('FAULT_PARTITIONS', 6),
  keys: number('FAULT_KEYS', 200),
  seed: number('FAULT_SEED', 1),
  timeLimitMs: number('FAULT_TIME_LIMIT_MS', 900_000),
  keepFiles: process.env['FAULT_KEEP_FILES'] === '1',
  log: (line) => process.stderr.write(`${line}\n`),
});

// Rebalances that redelivered nothing are many and say little; the harness's own faults
// are always shown.
const shown = result.windows.filter((window) => window.duplicates > 0 ||
  !window.fault.what.includes('(rebalance)'));
for (const window of shown) {
  process.stderr.write(`  ${window.fault.what}: ${window.duplicates} redelivered of ` +
    `${window.uncommitted} uncommitted\n`);
}
process.stderr.write(`fault run: ${(result.elapsedMs / 1000).toFixed(0)} s\n`);
for (const failure of result.failures) process.stderr.write(`FAILED: ${failure}\n`);
process.stdout.write(`produced=${result.produced} handled=${result.handled} ` +
  `duplicates=${result.duplicates} dead_lettered=${result.deadLettered} lost=${result.lost}\n`);
process.exitCode = result.failures.length === 0 && result.lost === 0 ? 0 : 1;
