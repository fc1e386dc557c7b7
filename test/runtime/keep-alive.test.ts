import { afterEach, describe, expect, it, vi } from 'vitest';

import { KeepAlive } from '../../src/runtime/keep-alive.js';

describe('KeepAlive', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('heartbeats while work runs, and not once it has ended', async () => {
    vi.useFakeTimers();
    const keepAlive = new KeepAlive(1000);
    keepAlive.start();
    const heartbeat = vi.fn(() => Promise.resolve());
    let finish: () => void = () => undefined;
    const work = keepAlive.during(heartbeat, () => new Promise<void>((resolve) => {
      finish = resolve;
    }));

    await vi.advanceTimersByTimeAsync(3500);
    expect(heartbeat).toHaveBeenCalledTimes(3);

    finish();
    await work;
    await vi.advanceTimersByTimeAsync(5000);
    expect(heartbeat).toHaveBeenCalledTimes(3);
    keepAlive.stop();
  });

  it('keeps beating until the last of several pieces of work ends', async () => {
    vi.useFakeTimers();
    const keepAlive = new KeepAlive(1000);
    keepAlive.start();
    const heartbeat = vi.fn(() => Promise.resolve());
    const ends: Array<() => void> = [];
    const started = () => new Promise<void>((resolve) => ends.push(resolve));
    const first = keepAlive.during(heartbeat, started);
    const second = keepAlive.during(heartbeat, started);

    ends[0]?.();
    await first;
    await vi.advanceTimersByTimeAsync(2500);
    expect(heartbeat).toHaveBeenCalledTimes(2);

    ends[1]?.();
    await second;
    await vi.advanceTimersByTimeAsync(2500);
    expect(heartbeat).toHaveBeenCalledTimes(2);
    keepAlive.stop();
  });

  it('passes on what the work throws, and stops beating for it', async () => {
    vi.useFakeTimers();
    const keepAlive = new KeepAlive(1000);
    keepAlive.start();
    const heartbeat = vi.fn(() => Promise.resolve());
    await expect(keepAlive.during(heartbeat, () => {
      throw new Error('handler failed');
    })).rejects.toThrow('handler failed');
    await vi.advanceTimersByTimeAsync(3000);
    expect(heartbeat).not.toHaveBeenCalled();
    keepAlive.stop();
  });
});
