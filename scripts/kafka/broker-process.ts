import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { LocalKafkaError } from './local-kafka-error.js';

export function pidFilePath(dataDir: string): string {
  return join(dataDir, 'broker.pid');
}

/** Where the JVM's own stdout and stderr go: crashes before logging starts. */
export function consolePath(dataDir: string): string {
  return join(dataDir, 'broker.out');
}

export function javaCommand(env: NodeJS.ProcessEnv = process.env): string {
  const javaHome = env['JAVA_HOME'];
  return javaHome ? join(javaHome, 'bin', 'java') : 'java';
}

/**
 * Starts the JVM detached from this process, so that `npm run kafka:start`
 * can exit while the broker goes on, and records its pid in the data dir.
 */
export async function launchDetached(args: readonly string[], dataDir: string): Promise<number> {
  const out = openSync(consolePath(dataDir), 'a');
  const child = spawn(javaCommand(), args, { detached: true, stdio: ['ignore', out, out] });
  closeSync(out);

  const pid = await new Promise<number>((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      const message =
        error.code === 'ENOENT' ? `${javaCommand()} is not on the PATH.` : error.message;
      reject(new LocalKafkaError('tool-missing', message, { cause: error }));
    });
    child.once('spawn', () => resolve(child.pid ?? 0));
  });
  child.unref();

  await writeFile(pidFilePath(dataDir), `${pid}\n`);
  return pid;
}

/**
 * The pid of the broker that runs from this data dir, if one does. A pid
 * file alone is not trusted: the pid may since belong to another process,
 * so on Linux its command line must name this data dir's config.
 */
export function runningBrokerPid(dataDir: string): number | undefined {
  const pidFile = pidFilePath(dataDir);
  if (!existsSync(pidFile)) {
    return undefined;
  }
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8'), 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) {
    return undefined;
  }
  return commandLineMatches(pid, dataDir) ? pid : undefined;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

function commandLineMatches(pid: number, dataDir: string): boolean {
  let commandLine: string;
  try {
    commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    // No /proc (not Linux): the pid file and a live pid are all there is.
    return true;
  }
  return commandLine.includes('kafka.Kafka') && commandLine.includes(dataDir);
}

/**
 * Asks the broker to shut down cleanly and waits for it; a broker that does
 * not stop in time is killed. `SIGKILL` as the signal simulates a crash.
 */
export async function terminate(
  pid: number,
  options: { signal: NodeJS.Signals; graceMs: number },
): Promise<void> {
  sendSignal(pid, options.signal);
  if (await exited(pid, options.graceMs)) {
    return;
  }

  sendSignal(pid, 'SIGKILL');
  if (!(await exited(pid, 10_000))) {
    throw new LocalKafkaError('stop-timeout', `Broker process ${pid} did not exit after SIGKILL.`);
  }
}

export async function removePidFile(dataDir: string): Promise<void> {
  await rm(pidFilePath(dataDir), { force: true });
}

function sendSignal(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') {
      throw error;
    }
  }
}

async function exited(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() >= deadline) {
      return false;
    }
    // A process that is not our child gives no exit event to wait on, so
    // its liveness is polled.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}
