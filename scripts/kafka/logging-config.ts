import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { usesLog4j2 } from './kafka-version.js';
import { LocalKafkaError } from './local-kafka-error.js';

/** Where the broker writes its warnings and errors, inside its data dir. */
export function brokerLogPath(dataDir: string): string {
  return join(dataDir, 'broker.log');
}

/**
 * Writes a logging config that keeps only warnings and errors, in one file in
 * the data dir: enough to explain a failed start, small enough to read.
 * `KAFKA_LOG_LEVEL=INFO` keeps more, to see what a slow start waits for. It
 * returns the JVM flags that point the broker at it.
 */
export async function writeLoggingConfig(
  version: string,
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string[]> {
  const logFile = brokerLogPath(dataDir);
  const level = logLevel(env['KAFKA_LOG_LEVEL']);

  if (usesLog4j2(version)) {
    const configFile = join(dataDir, 'log4j2.xml');
    await writeFile(configFile, log4j2Xml(logFile, level));
    return [`-Dlog4j2.configurationFile=${configFile}`];
  }

  const configFile = join(dataDir, 'log4j.properties');
  await writeFile(configFile, log4jProperties(logFile, level));
  return [`-Dlog4j.configuration=file:${configFile}`];
}

function log4j2Xml(logFile: string, level: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Configuration status="warn">',
    '  <Appenders>',
    `    <File name="file" fileName="${escapeXml(logFile)}" append="true">`,
    '      <PatternLayout pattern="[%d] %p %m (%c)%n"/>',
    '    </File>',
    '  </Appenders>',
    '  <Loggers>',
    `    <Root level="${level}"><AppenderRef ref="file"/></Root>`,
    '  </Loggers>',
    '</Configuration>',
    '',
  ].join('\n');
}

function log4jProperties(logFile: string, level: string): string {
  return [
    `log4j.rootLogger=${level}, file`,
    'log4j.appender.file=org.apache.log4j.FileAppender',
    `log4j.appender.file.File=${logFile}`,
    'log4j.appender.file.Append=true',
    'log4j.appender.file.layout=org.apache.log4j.PatternLayout',
    'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n',
    '',
  ].join('\n');
}

const LEVELS = ['ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE'];

function logLevel(requested: string | undefined): string {
  const level = (requested || 'WARN').toUpperCase();
  if (!LEVELS.includes(level)) {
    throw new LocalKafkaError(
      'bad-usage',
      `KAFKA_LOG_LEVEL "${requested}" is not one of ${LEVELS.join(', ')}.`,
    );
  }
  return level;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}
