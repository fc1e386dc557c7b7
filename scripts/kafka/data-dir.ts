import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { LocalKafkaError } from './local-kafka-error.js';
import { PROPERTIES_HEADER, serverPropertiesPath } from './server-properties.js';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `.kafka/data-<port>` under the project root: one data dir per local broker. */
export function defaultDataDir(port: number): string {
  return join(PROJECT_ROOT, '.kafka', `data-${port}`);
}

/**
 * Deletes a broker's data dir. A folder that these scripts did not make is
 * left alone, because `KAFKA_DATA_DIR` may point anywhere by mistake.
 */
export async function removeDataDir(dataDir: string): Promise<void> {
  assertOwnDataDir(dataDir);
  await rm(dataDir, { recursive: true, force: true });
}

/** Makes an empty data dir, replacing whatever a previous broker left there. */
export async function freshDataDir(dataDir: string): Promise<void> {
  await removeDataDir(dataDir);
  await mkdir(dataDir, { recursive: true });
}

function assertOwnDataDir(dataDir: string): void {
  if (!existsSync(dataDir) || readdirSync(dataDir).length === 0) {
    return;
  }
  const config = serverPropertiesPath(dataDir);
  if (existsSync(config) && readFileSync(config, 'utf8').startsWith(PROPERTIES_HEADER)) {
    return;
  }
  throw new LocalKafkaError(
    'bad-usage',
    `${dataDir} is not empty and has no server.properties written by these scripts; ` +
      'refusing to delete it. Choose another KAFKA_DATA_DIR or delete it yourself.',
  );
}
