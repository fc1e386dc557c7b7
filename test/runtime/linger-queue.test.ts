import { afterEach, describe, expect, it, vi } from 'vitest';

import { LingerQueue } from '../../src/runtime/index.js';

/** A send that records batches and settles only when the test says so. */
function manualSend() {
  const batches: string[][] = [];
  const settle: Array<(error?: Error) => void> = [];
  const send = (items: string[]) => {
    batches.push(items);
    return new Promise<void>((resolve, reject) => {
      settle.push((error) => (error ? reject(error) : resolve()));
    });
  };
  return { batches, settle, send };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('LingerQueue', () => {
  it('coalesces publishes made within the delay into one batch', async () => {
    vi.useFakeTimers();
    const { batches, settle, send } = manualSend();
    const queue = new LingerQueue({ maxDelayMs: 5, maxBatchSize: 100, maxBatchBytes: 1000 }, send);

    const acknowledged = ['a', 'b', 'c'].map((item) => queue.add(item, 1));
    expect(batches).toEqual([]);

    await vi.advanceTimersByTimeAsync(5);
    expect(batches).toEqual([['a', 'b', 'c']]);

    settle[0]?.();
    await Promise.all(acknowledged);
  });

  it('sends a full batch at once, without waiting for the delay', () => {
    vi.useFakeTimers();
    const { batches, send } = manualSend();
    const queue = new LingerQueue({ maxDelayMs: 1000, maxBatchSize: 2, maxBatchBytes: 1000 }, send);

    void queue.add('a', 1);
    void queue.add('b', 1);
    expect(batches).toEqual([['a', 'b']]);
  });

  it('bounds a batch by bytes', async () => {
    vi.useFakeTimers();
    const { batches, settle, send } = manualSend();
    const queue = new LingerQueue({ maxDelayMs: 5, maxBatchSize: 100, maxBatchBytes: 10 }, send);

    void queue.add('a', 6);
    void queue.add('b', 6);
    expect(batches).toEqual([['a']]);

    settle[0]?.();
    await vi.advanceTimersByTimeAsync(5);
    expect(batches).toEqual([['a'], ['b']]);
  });

  it('keeps one batch in flight and fills the next meanwhile, in order', async () => {
    vi.useFakeTimers();
    const { batches, settle, send } = manualSend();
    const queue = new LingerQueue({ maxDelayMs: 5, maxBatchSize: 100, maxBatchBytes: 1000 }, send);

    void queue.add('a', 1);
    await vi.advanceTimersByTimeAsync(5);
    void queue.add('b', 1);
    void queue.add('c', 1);
    await vi.advanceTimersByTimeAsync(50);
    expect(batches).toEqual([['a']]);

    settle[0]?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(batches).toEqual([['a'], ['b', 'c']]);
  });

  it('fails every publish of a batch that fails, and only those', async () => {
    vi.useFakeTimers();
    const { settle, send } = manualSend();
    const queue = new LingerQueue({ maxDelayMs: 0, maxBatchSize: 100, maxBatchBytes: 1000 }, send);

    const first = queue.add('a', 1);
    await vi.advanceTimersByTimeAsync(0);
    const second = queue.add('b', 1);
    settle[0]?.(new Error('broker said no'));
    await expect(first).rejects.toThrow('broker said no');

    await vi.advanceTimersByTimeAsync(0);
    settle[1]?.();
    await expect(second).resolves.toBeUndefined();
  });

  it('sends a group added together at once, and flush waits for everything', async () => {
    const { batches, settle, send } = manualSend();
    const queue = new LingerQueue({ maxDelayMs: 60_000, maxBatchSize: 2, maxBatchBytes: 1000 }, send);

    const group = queue.addAll(['a', 'b', 'c'].map((item) => ({ item, bytes: 1 })));
    expect(batches).toEqual([['a', 'b']]);

    let flushed = false;
    const flushing = queue.flush().then(() => (flushed = true));
    settle[0]?.();
    await vi.waitFor(() => expect(batches).toHaveLength(2));
    expect(batches[1]).toEqual(['c']);
    expect(flushed).toBe(false);

    settle[1]?.();
    await group;
    await flushing;
    expect(queue.pending).toBe(0);
  });

  it('settles a group split over batches only once every batch has, failing if one fails',
    async () => {
      const { batches, settle, send } = manualSend();
      const queue = new LingerQueue({ maxDelayMs: 60_000, maxBatchSize: 2, maxBatchBytes: 1000 },
        send);
      let settled: string | undefined;
      const group = queue.addAll(['a', 'b', 'c'].map((item) => ({ item, bytes: 1 })))
        .then(() => (settled = 'resolved'), (error: Error) => (settled = error.message));

      settle[0]?.();
      await vi.waitFor(() => expect(batches).toHaveLength(2));
      expect(settled).toBeUndefined();

      settle[1]?.(new Error('broker said no'));
      await group;
      expect(settled).toBe('broker said no');
      await expect(queue.addAll([])).resolves.toBeUndefined();
    });
});
