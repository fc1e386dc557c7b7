import { afterEach, describe, expect, it } from 'vitest';

import { CLI, DEMO, LoggingProcess, SERVICE, runNode } from '../support/child-process.js';

/**
 * What a newcomer does, as child processes on the run's broker: `npm run topics`,
 * `npm start`, `npm run demo`, then Ctrl+C. The service runs with the example's own
 * consumer group, so no other test may start it.
 */
const services: LoggingProcess[] = [];
afterEach(() => {
  for (const service of services.splice(0)) service.child.kill('SIGKILL');
});

describe('the example service as npm start runs it', () => {
  it('gets ready, handles the demo events, and exits 0 on SIGTERM', async () => {
    const topics = await runNode([...CLI, 'topics']);
    expect(topics.status, topics.stderr).toBe(0);

    const service = new LoggingProcess(SERVICE, { SHUTDOWN_TIMEOUT_MS: '20000' });
    services.push(service);
    await service.waitFor((lines) => lines.some((line) => line.msg === 'worker ready'),
      '"worker ready"');

    const demo = await runNode(DEMO);
    expect(demo.status, demo.stderr).toBe(0);
    const published = demo.stdout.trim().split('\n').map((line) => {
      const [eventType] = line.split(' ');
      return { eventType, eventId: /event_id=(\S+)/.exec(line)?.[1] };
    });
    expect(new Set(published.map((event) => event.eventType)))
      .toEqual(new Set(['feature.created', 'feature.updated', 'feature.deleted']));

    const ids = new Set(published.map((event) => event.eventId));
    const recorded = (lines: readonly { msg?: string; [field: string]: unknown }[]) =>
      lines.filter((line) => line.msg === 'audit entry recorded' &&
        ids.has(line['event_id'] as string));
    await service.waitFor((lines) => recorded(lines).length >= published.length,
      `"audit entry recorded" for the ${published.length} demo events`);
    expect(recorded(service.lines).map((line) => line['event_id']).sort())
      .toEqual([...ids].sort());

    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    expect(service.withMessage('shut down cleanly')).toHaveLength(1);
  });
});
