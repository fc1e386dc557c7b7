/**
 * Commands and services of the project run as child processes on this run's broker, as a
 * user runs them: `npm run topics`, `npm start`, `npm run demo`, `npm run dlq`. Output is
 * kept as lines, so that a test waits on what a process says rather than on time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

import { PROJECT_ROOT } from './cli.js';
import { brokers } from './kafka.js';

export const CLI = ['bin/asyncapi-kafka.js'];
export const SERVICE = ['--import', 'tsx', 'src/main.ts'];
export const DEMO = ['--import', 'tsx', 'src/demo.ts'];

export interface Finished {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function environment(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, KAFKA_BROKERS: brokers().join(','), ...extra };
}

/** Runs node with `args` in the project (or `cwd`) until it exits. */
export function runNode(args: readonly string[], options: { cwd?: string;
  env?: Record<string, string> } = {}): Promise<Finished> {
  const child = spawn(process.execPath, args, {
    cwd: options.cwd ?? PROJECT_ROOT,
    env: environment(options.env ?? {}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

export type LogLine = Record<string, unknown> & { msg?: string };

/** A long-running process whose stdout is pino JSON, one line each. */
export class LoggingProcess {
  readonly lines: LogLine[] = [];
  stderr = '';
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  readonly #listeners = new Set<() => void>();

  constructor(args: readonly string[], env: Record<string, string> = {}) {
    this.child = spawn(process.execPath, args, {
      cwd: PROJECT_ROOT,
      env: environment(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    createInterface({ input: this.child.stdout! }).on('line', (text) => {
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        line = { msg: text };
      }
      this.lines.push(line);
      for (const listener of this.#listeners) listener();
    });
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => {
      resolve(code);
      for (const listener of this.#listeners) listener();
    }));
  }

  /** Resolves once `predicate` holds for the lines so far; fails if the process exits first. */
  waitFor(predicate: (lines: readonly LogLine[]) => boolean, what: string, timeoutMs = 60_000):
  Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (predicate(this.lines)) {
          done();
          resolve();
        } else if (this.child.exitCode !== null) {
          done();
          reject(new Error(`the process exited (${this.child.exitCode}) before ${what}; ` +
            `stderr: ${this.stderr.slice(-500)}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for ${what}; last lines: ` +
          JSON.stringify(this.lines.slice(-5)) + ` stderr: ${this.stderr.slice(-500)}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.#listeners.delete(check);
      };
      this.#listeners.add(check);
      check();
    });
  }

  withMessage(msg: string): LogLine[] {
    return this.lines.filter((line) => line.msg === msg);
  }
}
