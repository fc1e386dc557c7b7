import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

import { usesLog4j2 } from './kafka-version.js';
import { LocalKafkaError } from './local-kafka-error.js';
import { lastLines, runCommand } from './run-command.js';

/** A Kafka release on disk: every jar the broker needs, in one folder. */
export interface KafkaInstall {
  version: string;
  libDir: string;
}

const COMPLETE_MARKER = '.complete';
const FALLBACK_LOG4J2 = '2.24.3';

export function defaultCacheDir(version: string, env: NodeJS.ProcessEnv = process.env): string {
  return env['KAFKA_CACHE_DIR'] || join(homedir(), '.cache', 'asyncapi-kafka', `kafka-${version}`);
}

/**
 * Makes sure the jars of `org.apache.kafka:kafka_2.13:<version>` and its
 * runtime dependencies are in the cache, fetching them through Maven the
 * first time. The folder is only marked complete after Maven succeeded, so an
 * interrupted fetch is redone rather than half used.
 */
export async function fetchKafka(version: string, cacheDir = defaultCacheDir(version)) {
  const install: KafkaInstall = { version, libDir: join(cacheDir, 'libs') };
  if (existsSync(join(cacheDir, COMPLETE_MARKER))) {
    return install;
  }

  await mkdir(cacheDir, { recursive: true });
  const staging = join(cacheDir, `libs.partial-${process.pid}`);
  await rm(staging, { recursive: true, force: true });

  try {
    await writeFile(join(cacheDir, 'pom.xml'), fetchPom(version, []));
    await copyDependencies(cacheDir, staging, version);

    // The published pom leaves out the binding from slf4j to a logging
    // backend that Kafka's own release archive ships, so it is added with the
    // version that matches the backend Maven chose.
    const binding = await loggingBinding(version, staging);
    await writeFile(join(cacheDir, 'pom.xml'), fetchPom(version, binding));
    await copyDependencies(cacheDir, staging, version);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }

  await rm(install.libDir, { recursive: true, force: true });
  await rename(staging, install.libDir);
  await writeFile(join(cacheDir, COMPLETE_MARKER), `${version}\n`);
  return install;
}

interface Artifact {
  groupId: string;
  artifactId: string;
  version: string;
}

async function loggingBinding(version: string, libDir: string): Promise<Artifact[]> {
  const jars = await readdir(libDir);
  const slf4j = jarVersion(jars, 'slf4j-api') ?? '1.7.36';

  if (usesLog4j2(version)) {
    const group = 'org.apache.logging.log4j';
    const binding = slf4j.startsWith('1.') ? 'log4j-slf4j-impl' : 'log4j-slf4j2-impl';
    const core = jarVersion(jars, 'log4j-core');
    if (core !== undefined) {
      return [{ groupId: group, artifactId: binding, version: core }];
    }
    // Kafka 4.0's pom names no log4j 2 jars at all; its release archive
    // ships this version of them.
    return ['log4j-api', 'log4j-core', binding].map((artifactId) => ({
      groupId: group,
      artifactId,
      version: FALLBACK_LOG4J2,
    }));
  }

  return [
    { groupId: 'org.slf4j', artifactId: 'slf4j-reload4j', version: slf4j },
    { groupId: 'ch.qos.reload4j', artifactId: 'reload4j', version: '1.2.25' },
  ];
}

function jarVersion(jars: readonly string[], artifactId: string): string | undefined {
  const pattern = new RegExp(`^${artifactId}-(\\d[^/]*)\\.jar$`);
  for (const jar of jars) {
    const match = pattern.exec(jar);
    if (match?.[1] !== undefined) {
      return match[1];
    }
  }
  return undefined;
}

async function copyDependencies(cacheDir: string, outputDir: string, version: string) {
  const args = [
    '-q',
    '-B',
    'dependency:copy-dependencies',
    '-DincludeScope=runtime',
    `-DoutputDirectory=${outputDir}`,
  ];
  const result = await runCommand('mvn', args, { cwd: cacheDir });
  if (result.exitCode !== 0) {
    throw new LocalKafkaError(
      'fetch-failed',
      `Maven could not fetch org.apache.kafka:kafka_2.13:${version} into ${cacheDir}:\n` +
        lastLines(result.output, 20),
    );
  }
}

function fetchPom(version: string, extra: readonly Artifact[]): string {
  const dependency = (artifact: Artifact) =>
    [
      '    <dependency>',
      `      <groupId>${artifact.groupId}</groupId>`,
      `      <artifactId>${artifact.artifactId}</artifactId>`,
      `      <version>${artifact.version}</version>`,
      '    </dependency>',
    ].join('\n');
  const kafka = { groupId: 'org.apache.kafka', artifactId: 'kafka_2.13', version };

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!-- Written by scripts/kafka/fetch-kafka.ts to fetch a broker; not a build. -->',
    '<project xmlns="http://maven.apache.org/POM/4.0.0">',
    '  <modelVersion>4.0.0</modelVersion>',
    '  <groupId>local.asyncapi-kafka</groupId>',
    `  <artifactId>kafka-broker-${version}</artifactId>`,
    '  <version>0</version>',
    '  <packaging>pom</packaging>',
    '  <dependencies>',
    ...[kafka, ...extra].map(dependency),
    '  </dependencies>',
    '</project>',
    '',
  ].join('\n');
}
