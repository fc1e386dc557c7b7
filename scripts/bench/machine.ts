import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { kafkaVersion } from '../kafka/kafka-version.js';

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly versions: ReadonlyArray<readonly [string, string]>;
  readonly commit: string;
  /** Tracked files that differed from the commit when the run started: others' work. */
  readonly uncommitted: readonly string[];
}

export function describeMachine(root: string, cliVersion: string): Machine {
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: os.totalmem() / 1024 ** 3,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    versions: [
      ['Node.js', process.version],
      ['npm', output('npm', ['--version'], root)],
      ['Java', output('java', ['-version'], root).split('\n')[0] ?? 'unknown'],
      ['Kafka broker', kafkaVersion()],
      ['kafkajs', installedVersion(root, 'kafkajs')],
      ['@asyncapi/parser', installedVersion(root, '@asyncapi/parser')],
      ['@asyncapi/modelina', installedVersion(root, '@asyncapi/modelina')],
      ['ajv', installedVersion(root, 'ajv')],
      ['@asyncapi/cli (compared against)', cliVersion],
    ],
    commit: output('git', ['rev-parse', '--short', 'HEAD'], root),
    uncommitted: output('git', ['diff', '--name-only', 'HEAD'], root)
      .split('\n')
      .filter((line) => line !== '' && line !== 'unknown'),
  };
}

/** The 1, 5 and 15 minute load averages: other engineers share the two cores. */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');
}

function installedVersion(root: string, name: string): string {
  const manifest = path.join(root, 'node_modules', name, 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

function output(command: string, args: readonly string[], cwd: string): string {
  // java -version writes to stderr, the others to stdout.
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) return 'unknown';
  return result.stdout.trim() || result.stderr.trim() || 'unknown';
}
