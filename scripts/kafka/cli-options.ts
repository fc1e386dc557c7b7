import { resolve } from 'node:path';

import { defaultDataDir } from './data-dir.js';
import { LocalKafkaError } from './local-kafka-error.js';

export interface CliOptions {
  port: number;
  dataDir: string;
  keepData: boolean;
}

const USAGE = 'usage: node --import tsx scripts/kafka/<start|stop>.ts [--keep-data]';

/**
 * What `kafka:start` and `kafka:stop` act on: the port from `KAFKA_PORT`
 * (9092 by default), the data dir from `KAFKA_DATA_DIR` or
 * `.kafka/data-<port>`, and whether to keep the data.
 */
export function cliOptions(argv: readonly string[], env: NodeJS.ProcessEnv): CliOptions {
  let keepData = false;
  for (const arg of argv) {
    if (arg === '--keep-data') {
      keepData = true;
    } else {
      throw new LocalKafkaError('bad-usage', `Unknown argument "${arg}".\n${USAGE}`);
    }
  }

  const portText = env['KAFKA_PORT'] || '9092';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new LocalKafkaError('bad-usage', `KAFKA_PORT "${portText}" is not a port number.`);
  }

  const dataDir = resolve(env['KAFKA_DATA_DIR'] || defaultDataDir(port));
  return { port, dataDir, keepData };
}

/** Prints a failure the way the project's commands do and sets the exit code. */
export function reportFailure(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`error: ${message}\n`);
  const usage = isLocalKafkaError(error) && error.code === 'bad-usage';
  process.exitCode = usage ? 2 : 1;
}

function isLocalKafkaError(error: unknown): error is LocalKafkaError {
  return error instanceof Error && error.name === 'LocalKafkaError';
}
