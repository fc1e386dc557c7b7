/**
 * Counters a worker keeps about itself; the metrics endpoint reads them, tests assert on
 * them. Every message ends in exactly one of handled, dead-lettered or skipped.
 */
export interface WorkerStats {
  readonly handled: number;
  /** Handler runs that threw and were scheduled to run again. */
  readonly retried: number;
  /** Handler runs that threw, whether retried or dead-lettered afterwards. */
  readonly failed: number;
  readonly deadLettered: number;
  /** Unknown event types and tombstones without a declared message. */
  readonly skipped: number;
  readonly unknownEventTypes: number;
  readonly tombstones: number;
  /** Joined its group and not crashed beyond restart. */
  readonly ready: boolean;
  /** The consumer stopped for good on an error kafkajs does not restart after. */
  readonly crashed: boolean;
  /** Messages behind the high watermark, per partition this worker holds. */
  readonly lag: ReadonlyArray<PartitionLag>;
}

export interface PartitionLag {
  readonly topic: string;
  readonly partition: number;
  readonly lag: number;
}

export class WorkerStatsRecorder implements WorkerStats {
  handled = 0;
  retried = 0;
  failed = 0;
  deadLettered = 0;
  unknownEventTypes = 0;
  tombstones = 0;
  ready = false;
  crashed = false;
  readonly #lag = new Map<string, PartitionLag>();

  get skipped(): number {
    return this.unknownEventTypes + this.tombstones;
  }

  get lag(): ReadonlyArray<PartitionLag> {
    return [...this.#lag.values()];
  }

  recordPosition(topic: string, partition: number, highWatermark: string, offset: string): void {
    const lag = Math.max(0, Number(highWatermark) - Number(offset) - 1);
    this.#lag.set(`${topic}|${partition}`, { topic, partition, lag });
  }

  /** Forgets partitions that a rebalance took away. */
  keepPartitions(assignment: Readonly<Record<string, readonly number[]>>): void {
    for (const [id, { topic, partition }] of this.#lag) {
      if (!assignment[topic]?.includes(partition)) this.#lag.delete(id);
    }
  }
}
