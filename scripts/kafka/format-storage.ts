import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { javaCommand } from './broker-process.js';
import type { KafkaInstall } from './fetch-kafka.js';
import { LocalKafkaError } from './local-kafka-error.js';
import { lastLines, runCommand } from './run-command.js';
import { logDirPath, serverPropertiesPath } from './server-properties.js';

/** Whether the log dir was formatted before, so a restart must not format it again. */
export function isFormatted(dataDir: string): boolean {
  return existsSync(join(logDirPath(dataDir), 'meta.properties'));
}

/** Formats the KRaft log dir of a new one-node cluster with Kafka's own storage tool. */
export async function formatStorage(install: KafkaInstall, dataDir: string): Promise<void> {
  const args = [
    // A tool that runs for a second gains nothing from the optimising compiler.
    '-XX:TieredStopAtLevel=1',
    '-Xmx256m',
    '-cp',
    join(install.libDir, '*'),
    'kafka.tools.StorageTool',
    'format',
    '--cluster-id',
    clusterId(),
    '--config',
    serverPropertiesPath(dataDir),
  ];
  const result = await runCommand(javaCommand(), args);
  if (result.exitCode !== 0) {
    throw new LocalKafkaError(
      'format-failed',
      `Kafka's storage tool could not format ${logDirPath(dataDir)}:\n` +
        lastLines(result.output, 20),
    );
  }
}

/**
 * A cluster id as Kafka writes them: 16 random bytes in URL-safe base64.
 * Kafka avoids ids that start with '-', which its tools would read as a flag.
 */
function clusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) {
      return id;
    }
  }
}
