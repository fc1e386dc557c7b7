/**
 * kafkajs sends each `send` call as its own produce request. The linger queue gathers what
 * callers publish into batches, bounded in count, bytes and delay, and sends one batch at a
 * time: while a batch is in flight the next one fills, so batches grow with load and the
 * order of publishes is the order on the wire.
 */
export interface LingerLimits {
  /** How long the first item of a batch may wait for others. 0: the end of this tick. */
  readonly maxDelayMs: number;
  readonly maxBatchSize: number;
  readonly maxBatchBytes: number;
}

interface Entry<T> {
  readonly item: T;
  readonly bytes: number;
  readonly at: number;
  /** Added by addAll: goes without waiting for the delay, also in a later batch. */
  readonly now: boolean;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

interface EndOfTick {
  cancelled: boolean;
}

export class LingerQueue<T> {
  readonly #limits: LingerLimits;
  readonly #send: (items: T[]) => Promise<void>;
  readonly #pending: Entry<T>[] = [];
  #pendingBytes = 0;
  /** The pending end-of-tick or delay, whichever is armed. */
  #timer: NodeJS.Timeout | EndOfTick | undefined;
  #inFlight: Promise<void> | undefined;
  #due = false;

  constructor(limits: LingerLimits, send: (items: T[]) => Promise<void>) {
    this.#limits = limits;
    this.#send = send;
  }

  get pending(): number {
    return this.#pending.length;
  }

  /** Resolves once the batch that carries the item is acknowledged. */
  add(item: T, bytes: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ item, bytes, at: Date.now(), now: false, resolve, reject });
      this.#pendingBytes += bytes;
      this.#schedule();
    });
  }

  /** Adds items that belong together and sends them without waiting for the delay. */
  addAll(items: ReadonlyArray<{ item: T; bytes: number }>): Promise<void> {
    // One promise for the group rather than one an item: a batch of a hundred events
    // otherwise made and settled a hundred and one.
    return new Promise<void>((resolve, reject) => {
      let unacknowledged = items.length;
      let failed = false;
      const acknowledge = () => {
        unacknowledged -= 1;
        if (unacknowledged === 0 && !failed) resolve();
      };
      const fail = (error: unknown) => {
        if (failed) return;
        failed = true;
        reject(error);
      };
      if (items.length === 0) resolve();
      const at = Date.now();
      for (const { item, bytes } of items) {
        this.#pending.push({ item, bytes, at, now: true, resolve: acknowledge, reject: fail });
        this.#pendingBytes += bytes;
      }
      this.#due = true;
      this.#drain();
    });
  }

  /** Sends everything pending now and waits until all of it is acknowledged or failed. */
  async flush(): Promise<void> {
    while (this.#pending.length > 0 || this.#inFlight) {
      this.#due = true;
      this.#drain();
      await this.#inFlight?.catch(() => undefined);
    }
  }

  #schedule(): void {
    if (this.#isFull()) {
      this.#due = true;
      this.#drain();
      return;
    }
    if (this.#timer !== undefined || this.#inFlight) return;
    this.#arm(this.#limits.maxDelayMs);
  }

  #arm(delayMs: number): void {
    const fire = () => {
      this.#timer = undefined;
      this.#due = true;
      this.#drain();
    };
    if (delayMs > 0) {
      this.#timer = setTimeout(fire, delayMs);
      return;
    }
    // After the code and the promise callbacks of this tick, before any I/O: a caller that
    // awaits each publish does not wait for a turn of the event loop (setImmediate made
    // one awaited publish about a tenth slower on the local broker), and publishes made in
    // the same tick still go together.
    const endOfTick: EndOfTick = { cancelled: false };
    this.#timer = endOfTick;
    process.nextTick(() => {
      if (!endOfTick.cancelled) fire();
    });
  }

  #disarm(): void {
    if (this.#timer === undefined) return;
    if ('cancelled' in this.#timer) this.#timer.cancelled = true;
    else clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #isFull(): boolean {
    return (
      this.#pending.length >= this.#limits.maxBatchSize ||
      this.#pendingBytes >= this.#limits.maxBatchBytes
    );
  }

  #drain(): void {
    if (this.#inFlight || this.#pending.length === 0) return;
    if (!this.#due && !this.#isFull()) return;

    this.#disarm();
    this.#due = false;
    const batch = this.#take();
    this.#inFlight = this.#send(batch.map((entry) => entry.item)).then(
      () => batch.forEach((entry) => entry.resolve()),
      (error: unknown) => batch.forEach((entry) => entry.reject(error)),
    );
    void this.#inFlight.finally(() => {
      this.#inFlight = undefined;
      this.#afterFlight();
    });
  }

  #take(): Entry<T>[] {
    let count = 0;
    let bytes = 0;
    // One item always goes, even one larger than the byte bound: the broker judges it.
    while (count < this.#pending.length && count < this.#limits.maxBatchSize) {
      const next = this.#pending[count] as Entry<T>;
      if (count > 0 && bytes + next.bytes > this.#limits.maxBatchBytes) break;
      bytes += next.bytes;
      count += 1;
    }
    this.#pendingBytes -= bytes;
    return this.#pending.splice(0, count);
  }

  #afterFlight(): void {
    const oldest = this.#pending[0];
    if (oldest === undefined) return;
    const waited = Date.now() - oldest.at;
    if (oldest.now || this.#isFull() || waited >= this.#limits.maxDelayMs) {
      this.#due = true;
      this.#drain();
    } else {
      this.#arm(this.#limits.maxDelayMs - waited);
    }
  }
}
