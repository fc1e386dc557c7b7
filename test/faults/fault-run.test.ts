import { describe, expect, it } from 'vitest';

import { runFaults } from '../../scripts/faults/run-faults.js';

/**
 * The short form of `npm run test:faults`: the same faults (two SIGKILLs, a broker restart
 * on the same data, a fourth worker, a SIGTERM) over fewer events, on a broker of its own.
 */
describe('the fault run, short form', () => {
  it('loses nothing, dead-letters each poison event once and explains every duplicate',
    async () => {
      const result = await runFaults({ events: 5000, partitions: 6, keys: 200, seed: 2,
        timeLimitMs: 240_000, log: () => undefined });

      expect(result.failures).toEqual([]);
      expect(result).toMatchObject({ produced: 5000, handled: 4900, deadLettered: 100,
        lost: 0 });
    }, 300_000);
});
