import { EventEmitter } from 'node:events';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { onShutdown } from '../../src/runtime/index.js';
import { LogCapture } from './support/log-capture.js';

function setup(stop: () => Promise<void>, deadlineMs = 1000) {
  const signals = new EventEmitter();
  const exits: number[] = [];
  const logs = new LogCapture('debug');
  const handle = onShutdown(stop, {
    logger: logs.logger,
    deadlineMs,
    exit: (code) => exits.push(code),
    signalSource: {
      on: (signal, listener) => signals.on(signal, listener),
      off: (signal, listener) => signals.off(signal, listener),
    },
  });
  const send = (signal: NodeJS.Signals) => signals.emit(signal, signal);
  return { handle, exits, logs, send };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('onShutdown', () => {
  it('stops once and exits 0 when stop() resolves', async () => {
    const stop = vi.fn(() => Promise.resolve());
    const { exits, send, handle, logs } = setup(stop);

    send('SIGTERM');
    await handle.done;

    expect(stop).toHaveBeenCalledTimes(1);
    expect(exits).toEqual([0]);
    expect(logs.withMessage('shutting down')[0]).toMatchObject({ reason: 'SIGTERM' });
  });

  it('counts a signal repeated within two seconds once', async () => {
    vi.useFakeTimers();
    let finish: () => void = () => undefined;
    const stop = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const { exits, send, handle } = setup(stop, 10_000);

    send('SIGINT');
    await vi.advanceTimersByTimeAsync(1500);
    send('SIGINT');
    expect(exits).toEqual([]);

    finish();
    await handle.done;
    expect(stop).toHaveBeenCalledTimes(1);
    expect(exits).toEqual([0]);
  });

  it('exits at once on a signal after the repeat window', async () => {
    vi.useFakeTimers();
    const stop = vi.fn(() => new Promise<void>(() => undefined));
    const { exits, send } = setup(stop, 10_000);

    send('SIGTERM');
    await vi.advanceTimersByTimeAsync(2500);
    send('SIGTERM');

    expect(exits).toEqual([143]);
  });

  it('exits 1 and says so when the deadline passes', async () => {
    vi.useFakeTimers();
    const { exits, send, logs } = setup(() => new Promise<void>(() => undefined), 3000);

    send('SIGTERM');
    await vi.advanceTimersByTimeAsync(3000);

    expect(exits).toEqual([1]);
    expect(logs.withMessage('shutdown did not finish before its deadline; exiting'))
      .toHaveLength(1);
  });

  it('exits 1 when stop() fails', async () => {
    const { exits, send, handle, logs } = setup(() => Promise.reject(new Error('stuck')));
    send('SIGTERM');
    await handle.done;
    expect(exits).toEqual([1]);
    expect(logs.withMessage('shutdown failed')[0]).toMatchObject({ err: { message: 'stuck' } });
  });
});
