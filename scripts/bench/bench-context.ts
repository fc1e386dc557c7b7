/** What every benchmark is given by run-benchmarks.ts. */
export interface BenchContext {
  /** The project root: commands run here, and output folders must lie inside it. */
  readonly root: string;
  /** Scratch space inside the project (`.cache/bench`), ignored by git. */
  readonly work: string;
  readonly corpus: string;
  /** Progress on stderr, so that a long run shows where it is. */
  log(message: string): void;
}
