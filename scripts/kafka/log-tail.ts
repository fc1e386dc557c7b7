import { existsSync, readFileSync } from 'node:fs';

import { consolePath } from './broker-process.js';
import { brokerLogPath } from './logging-config.js';
import { lastLines } from './run-command.js';

/**
 * The last lines of what the broker wrote, from its log and from the JVM's
 * console, to put in an error message about a failed start.
 */
export function brokerLogTail(dataDir: string, count = 30): string {
  const parts: string[] = [];
  for (const file of [brokerLogPath(dataDir), consolePath(dataDir)]) {
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (text.trim() !== '') {
      parts.push(`--- last lines of ${file}\n${lastLines(text, count)}`);
    }
  }
  return parts.length > 0 ? parts.join('\n') : `(the broker wrote nothing in ${dataDir})`;
}
