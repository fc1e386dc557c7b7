import { spawn } from 'node:child_process';

import { LocalKafkaError } from './local-kafka-error.js';

export interface CommandResult {
  exitCode: number;
  output: string;
}

/**
 * Runs a command to its end and keeps what it printed, so that a failure can
 * be reported with the tool's own words. A missing tool becomes an error that
 * says which one.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd?: string } = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));

    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        reject(new LocalKafkaError('tool-missing', `${command} is not on the PATH.`));
        return;
      }
      reject(error);
    });
    child.on('close', (code) => {
      resolve({ exitCode: code ?? 1, output: Buffer.concat(chunks).toString('utf8') });
    });
  });
}

/** The last `count` lines of a text, for error messages. */
export function lastLines(text: string, count: number): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}
