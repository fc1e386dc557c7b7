import type { Kafka } from 'kafkajs';

import {
  createWorker,
  type HandlerContext,
  type ReceiveOperationDescriptor,
  type Route,
  type Worker,
  type WorkerOptions,
} from '../../../src/runtime/index.js';
import { LogCapture } from './log-capture.js';

/** What handlers saw, in order, with a way to wait until enough arrived. */
export class Received<T = unknown> {
  readonly events: Array<{ event: T; context: HandlerContext }> = [];
  readonly #waiters: Array<{ count: number; resolve: () => void }> = [];

  record(event: T, context: HandlerContext): void {
    this.events.push({ event, context });
    for (const waiter of [...this.#waiters]) {
      if (this.events.length >= waiter.count) {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }

  waitFor(count: number, timeoutMs = 30_000): Promise<void> {
    if (this.events.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(
        `timed out after ${timeoutMs} ms: ${this.events.length} of ${count} events handled`)),
      timeoutMs);
      this.#waiters.push({ count, resolve: () => { clearTimeout(timer); resolve(); } });
    });
  }
}

export interface RunningWorker {
  readonly worker: Worker;
  readonly logs: LogCapture;
}

/** Fast retries, so that tests of retry paths take milliseconds rather than seconds. */
export const quickRetry = { attempts: 3, baseDelayMs: 20, maxDelayMs: 100 };

/** Starts a worker and returns once it logged `worker ready`: it holds partitions. */
export async function startWorker(
  kafka: Kafka,
  operation: ReceiveOperationDescriptor,
  routes: readonly Route[],
  options: WorkerOptions = {},
  logs: LogCapture = new LogCapture('debug'),
): Promise<RunningWorker> {
  const worker = createWorker({ kafka, logger: logs.logger }, operation, routes,
    { retry: quickRetry, ...options });
  await worker.start();
  await logs.waitForMessage('worker ready', 60_000);
  return { worker, logs };
}
