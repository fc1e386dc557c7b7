import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface ChildRun {
  readonly ms: number;
  /** Peak resident memory of the child, in MiB, as GNU time reports it. */
  readonly peakMiB: number;
  /** CPU seconds of the child (user and system): unlike wall time, not stretched by load. */
  readonly cpuSeconds: number;
  readonly status: number | null;
  readonly stderr: string;
  readonly stdout: string;
}

export interface ChildOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
}

const TIME = '/usr/bin/time';

/**
 * Runs a command to its end under GNU time, for its wall time as this process saw it and the
 * peak memory of the child (Node has no resource usage per child). Output is kept, not shown.
 */
export function runChild(
  command: string,
  args: readonly string[],
  options: ChildOptions,
): Promise<ChildRun> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'bench-time-'));
  const usageFile = path.join(scratch, 'usage');

  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(TIME, ['-f', '%M %U %S', '-o', usageFile, command, ...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => {
      rmSync(scratch, { recursive: true, force: true });
      reject(new Error(`Could not run ${TIME} ${command}: ${error.message}`));
    });
    child.on('close', (status) => {
      const ms = performance.now() - started;
      // GNU time puts "Command exited with non-zero status N" on a line of its own first.
      const usage = (readFileSync(usageFile, 'utf8').trim().split('\n').pop() ?? '').split(' ');
      const [kb, user, system] = usage.map(Number) as [number, number, number];
      rmSync(scratch, { recursive: true, force: true });
      resolve({
        ms,
        peakMiB: kb / 1024,
        cpuSeconds: user + system,
        status,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

/** The last lines of a child's stderr, for a failure message that shows the cause. */
export function tail(text: string, lines = 8): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}
