/** What a fault worker tells the harness over the IPC channel. */
export type WorkerReport =
  | { readonly type: 'joined'; readonly partitions: number }
  | { readonly type: 'progress'; readonly handled: number }
  | {
      readonly type: 'committed';
      readonly offsets: ReadonlyArray<{ readonly partition: number; readonly offset: number }>;
    };
