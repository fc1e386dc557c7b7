import path from 'node:path';

import type { BenchContext } from './bench-context.js';
import { runChild, type ChildRun } from './child-run.js';

/** Runs one of our subcommands through the real binary, as a user would. */
export function runOurCommand(context: BenchContext, args: readonly string[]): Promise<ChildRun> {
  return runChild(
    process.execPath,
    [path.join(context.root, 'bin', 'asyncapi-kafka.js'), ...args],
    { cwd: context.root },
  );
}
