/**
 * The Kafka release the scripts fetch and run. README.md in this folder says
 * why this one; `KAFKA_VERSION` overrides it to try another release.
 */
export const DEFAULT_KAFKA_VERSION = '4.4.0';

export function kafkaVersion(env: NodeJS.ProcessEnv = process.env): string {
  return env['KAFKA_VERSION'] || DEFAULT_KAFKA_VERSION;
}

/** Kafka 4 logs through log4j 2; Kafka 3 through log4j 1 (reload4j). */
export function usesLog4j2(version: string): boolean {
  const major = Number.parseInt(version.split('.')[0] ?? '', 10);
  return major >= 4;
}
