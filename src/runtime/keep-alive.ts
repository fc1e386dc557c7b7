/**
 * kafkajs heartbeats only between messages. A handler or a dead-letter write that takes
 * longer than the session timeout would get the member evicted; while any such work runs,
 * this heartbeats for it at the consumer's interval.
 *
 * One timer serves a worker for its whole life, rather than one armed and cleared around
 * each message: that per-message timer cost more than the rest of dispatching a message.
 */
export class KeepAlive {
  readonly #intervalMs: number;
  #busy = 0;
  #heartbeat: (() => Promise<void>) | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(intervalMs: number) {
    this.#intervalMs = intervalMs;
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => this.#beat(), this.#intervalMs);
    // The timer only serves work in progress; it must not keep a process alive by itself.
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /**
   * Runs the work, heartbeating while it lasts. Every heartbeat function kafkajs hands out
   * beats for the same group member, so the latest one serves all work in progress.
   */
  async during<T>(heartbeat: () => Promise<void>, work: () => T | Promise<T>): Promise<T> {
    this.#busy += 1;
    this.#heartbeat = heartbeat;
    try {
      return await work();
    } finally {
      this.#busy -= 1;
    }
  }

  #beat(): void {
    if (this.#busy === 0) return;
    // A rebalance shows up here too; kafkajs commits what is marked, and the heartbeat
    // after this work ends raises it again, at a point where the batch can stop.
    this.#heartbeat?.().catch(() => undefined);
  }
}
