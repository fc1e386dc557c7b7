import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { WorkerReport } from './worker-report.js';

const workerScript = fileURLToPath(new URL('./fault-worker.ts', import.meta.url));

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** One worker process of the run; each start is a new process with a ledger of its own. */
export class WorkerProcess {
  readonly name: string;
  readonly ledgerPath: string;
  readonly logPath: string;
  readonly exited: Promise<Exit>;
  /** Whether the harness meant it to end; an exit it did not ask for is a crash. */
  expectedExit = false;
  handled = 0;
  partitions = 0;
  readonly #child: ChildProcess;
  readonly #events: EventEmitter;

  constructor(name: string, dir: string, env: Record<string, string>, events: EventEmitter) {
    this.name = name;
    this.ledgerPath = join(dir, `${name}.ledger`);
    this.logPath = join(dir, `${name}.log`);
    this.#events = events;
    const log = openSync(this.logPath, 'a');
    this.#child = fork(workerScript, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, ...env, FAULT_LEDGER: this.ledgerPath, FAULT_NAME: name },
      stdio: ['ignore', log, log, 'ipc'],
    });
    closeSync(log);
    this.#child.on('message', (message: WorkerReport) => this.#receive(message));
    this.exited = new Promise((resolve) => {
      this.#child.on('exit', (code, signal) => {
        resolve({ code, signal });
        events.emit('change');
      });
    });
  }

  get running(): boolean {
    return this.#child.exitCode === null && this.#child.signalCode === null;
  }

  signal(signal: 'SIGKILL' | 'SIGTERM'): void {
    this.expectedExit = true;
    this.#child.kill(signal);
  }

  #receive(message: WorkerReport): void {
    if (message.type === 'progress') this.handled = message.handled;
    if (message.type === 'joined') this.partitions = message.partitions;
    this.#events.emit('report', this, message);
    this.#events.emit('change');
  }
}

/** The processes of one run, and one place to wait for what they report. */
export class WorkerPool {
  readonly all: WorkerProcess[] = [];
  readonly events = new EventEmitter();
  readonly #dir: string;
  readonly #env: Record<string, string>;

  constructor(dir: string, env: Record<string, string>) {
    this.#dir = dir;
    this.#env = env;
    this.events.setMaxListeners(50);
  }

  start(name: string): WorkerProcess {
    const worker = new WorkerProcess(name, this.#dir, this.#env, this.events);
    this.all.push(worker);
    return worker;
  }

  get running(): WorkerProcess[] {
    return this.all.filter((worker) => worker.running);
  }

  /** Handler runs reported by every process so far, duplicates included. */
  get handled(): number {
    return this.all.reduce((sum, worker) => sum + worker.handled, 0);
  }

  /** Resolves once `condition` holds; rejects at the deadline with `what` in the sentence. */
  until(condition: () => boolean, what: string, deadline: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (condition()) finish(resolve);
        else if (Date.now() >= deadline) {
          finish(() => reject(new Error(`gave up waiting ${what}`)));
        }
      };
      const timer = setTimeout(check, Math.max(0, deadline - Date.now()));
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        this.events.off('change', check);
        settle();
      };
      this.events.on('change', check);
      check();
    });
  }
}
