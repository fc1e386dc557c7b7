import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

import {
  launchDetached,
  removePidFile,
  runningBrokerPid,
  terminate,
} from './broker-process.js';
import { defaultDataDir, freshDataDir, removeDataDir } from './data-dir.js';
import { fetchKafka } from './fetch-kafka.js';
import { formatStorage, isFormatted } from './format-storage.js';
import { freePort, isPortFree } from './free-port.js';
import { kafkaVersion } from './kafka-version.js';
import { LocalKafkaError } from './local-kafka-error.js';
import { brokerLogTail } from './log-tail.js';
import { writeLoggingConfig } from './logging-config.js';
import {
  clientPortOf,
  controllerPortOf,
  renderServerProperties,
  serverPropertiesPath,
} from './server-properties.js';
import { waitForBroker } from './wait-for-broker.js';

export interface StartOptions {
  /** Client port on 127.0.0.1; a free one when left out. */
  port?: number;
  /** Defaults to `.kafka/data-<port>` under the project root. */
  dataDir?: string;
  /** Start on the data a previous broker left in `dataDir` instead of a fresh log dir. */
  keepData?: boolean;
  /** Kafka release; defaults to `KAFKA_VERSION` or the pinned one. */
  version?: string;
  /** Folder of the fetched jars; defaults to `KAFKA_CACHE_DIR` or the user cache. */
  cacheDir?: string;
  /** How long to wait for the broker to answer; 60 s by default. */
  startTimeoutMs?: number;
}

export interface StopOptions {
  /** Leave the data dir for a later start with `keepData`. */
  keepData?: boolean;
  /** `SIGKILL` stops the broker without a clean shutdown, like a crash. */
  signal?: 'SIGTERM' | 'SIGKILL';
  /** How long a clean shutdown may take before the broker is killed; 30 s by default. */
  graceMs?: number;
}

export interface LocalBroker {
  /** Bootstrap address for clients, `127.0.0.1:<port>`. */
  brokers: string;
  port: number;
  dataDir: string;
  pid: number;
  version: string;
  /** True when a broker from this data dir was running before the call. */
  alreadyRunning: boolean;
  stop(options?: StopOptions): Promise<void>;
  /** Stops the broker (cleanly unless told otherwise) and starts it on the same data. */
  restart(options?: Omit<StopOptions, 'keepData'>): Promise<LocalBroker>;
}

// A test broker holds little data: half a gigabyte of heap is plenty and
// leaves the rest of a small machine to the tests. Short GC pauses keep a
// collection from looking like a slow broker; an out-of-memory error ends
// the process, which a test notices, instead of leaving it half working.
const JVM_FLAGS = [
  '-Xms128m',
  '-Xmx512m',
  '-XX:+UseG1GC',
  '-XX:MaxGCPauseMillis=20',
  '-XX:+ExitOnOutOfMemoryError',
  '-Djava.awt.headless=true',
  '-Djava.net.preferIPv4Stack=true',
];

/**
 * Starts a one-node KRaft broker on 127.0.0.1 and resolves when a client can
 * use it. A broker already running from the same data dir on the same port
 * is reused rather than started twice.
 */
export async function startBroker(options: StartOptions = {}): Promise<LocalBroker> {
  const port = options.port ?? (await freePort());
  const dataDir = resolve(options.dataDir ?? defaultDataDir(port));
  const version = options.version ?? kafkaVersion();

  const runningPid = runningBrokerPid(dataDir);
  if (runningPid !== undefined) {
    assertSamePort(dataDir, port);
    return handle({ ...options, port, dataDir, version }, runningPid, true);
  }
  if (!(await isPortFree(port))) {
    throw new LocalKafkaError(
      'port-in-use',
      `Port ${port} on 127.0.0.1 is already in use by another process; ` +
        'choose another port (KAFKA_PORT).',
    );
  }

  const install = await fetchKafka(version, options.cacheDir);
  const keep = options.keepData === true && isFormatted(dataDir);
  if (keep) {
    await removePidFile(dataDir);
  } else {
    await freshDataDir(dataDir);
  }
  await mkdir(dataDir, { recursive: true });

  const controllerPort = await chooseControllerPort(dataDir, port, keep);
  await writeFile(
    serverPropertiesPath(dataDir),
    renderServerProperties({ port, controllerPort, dataDir }),
  );
  const loggingFlags = await writeLoggingConfig(version, dataDir);
  if (!keep) {
    await formatStorage(install, dataDir);
  }

  const args = [
    ...JVM_FLAGS,
    ...loggingFlags,
    '-cp',
    `${install.libDir}/*`,
    'kafka.Kafka',
    serverPropertiesPath(dataDir),
  ];
  const pid = await launchDetached(args, dataDir);
  await awaitReady(port, dataDir, pid, options.startTimeoutMs ?? 60_000);
  return handle({ ...options, port, dataDir, version }, pid, false);
}

/**
 * Stops the broker that runs from `dataDir`, if any, and deletes the data
 * dir unless `keepData`. Stopping a broker that is not running is not an
 * error, so that cleanup can always run.
 */
export async function stopBroker(
  dataDir: string,
  options: StopOptions = {},
): Promise<{ wasRunning: boolean }> {
  const dir = resolve(dataDir);
  const pid = runningBrokerPid(dir);
  if (pid !== undefined) {
    const ports = configuredPorts(dir);
    const signal = options.signal ?? 'SIGTERM';
    await terminate(pid, { signal, graceMs: options.graceMs ?? 30_000 });
    await awaitPortsReleased(ports);
  }

  await removePidFile(dir);
  if (options.keepData !== true) {
    await removeDataDir(dir);
  }
  return { wasRunning: pid !== undefined };
}

type ResolvedStart = StartOptions & { port: number; dataDir: string; version: string };

function handle(start: ResolvedStart, pid: number, alreadyRunning: boolean): LocalBroker {
  return {
    brokers: `127.0.0.1:${start.port}`,
    port: start.port,
    dataDir: start.dataDir,
    pid,
    version: start.version,
    alreadyRunning,
    stop: async (options = {}) => {
      await stopBroker(start.dataDir, options);
    },
    restart: async (options = {}) => {
      await stopBroker(start.dataDir, { ...options, keepData: true });
      return startBroker({ ...start, keepData: true });
    },
  };
}

async function awaitReady(port: number, dataDir: string, pid: number, timeoutMs: number) {
  const outcome = await waitForBroker(`127.0.0.1:${port}`, {
    timeoutMs,
    isRunning: () => runningBrokerPid(dataDir) === pid,
  });
  if (outcome === 'ready') {
    return;
  }

  if (outcome === 'exited') {
    await removePidFile(dataDir);
    throw new LocalKafkaError(
      'broker-exited',
      `The broker on 127.0.0.1:${port} (data ${dataDir}) exited while starting:\n` +
        brokerLogTail(dataDir),
    );
  }
  await terminate(pid, { signal: 'SIGKILL', graceMs: 5_000 });
  await removePidFile(dataDir);
  throw new LocalKafkaError(
    'start-timeout',
    `The broker on 127.0.0.1:${port} (data ${dataDir}) did not answer within ` +
      `${timeoutMs} ms:\n${brokerLogTail(dataDir)}`,
  );
}

/**
 * A restart keeps the controller's address when it can, so the quorum it
 * wrote down still matches; a fresh broker takes any free port.
 */
async function chooseControllerPort(dataDir: string, port: number, keep: boolean) {
  const config = serverPropertiesPath(dataDir);
  const previous =
    keep && existsSync(config) ? controllerPortOf(readFileSync(config, 'utf8')) : undefined;
  if (previous !== undefined && previous !== port && (await isPortFree(previous))) {
    return previous;
  }

  for (;;) {
    const candidate = await freePort();
    if (candidate !== port) {
      return candidate;
    }
  }
}

function configuredPorts(dataDir: string): number[] {
  const config = serverPropertiesPath(dataDir);
  const text = existsSync(config) ? readFileSync(config, 'utf8') : '';
  return [clientPortOf(text), controllerPortOf(text)].filter((p) => p !== undefined);
}

/**
 * A killed JVM's pid can look dead while its last threads still hold the
 * listening sockets, so a restart right away would find its own port taken.
 */
async function awaitPortsReleased(ports: readonly number[]): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (const port of ports) {
    while (!(await isPortFree(port))) {
      if (Date.now() >= deadline) {
        throw new LocalKafkaError(
          'stop-timeout',
          `The broker has exited but port ${port} on 127.0.0.1 is still in use.`,
        );
      }
      // The kernel gives no event for a socket closing in another process.
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

function assertSamePort(dataDir: string, port: number): void {
  const config = serverPropertiesPath(dataDir);
  const text = existsSync(config) ? readFileSync(config, 'utf8') : '';
  const listening = clientPortOf(text);
  if (listening !== undefined && listening !== port) {
    throw new LocalKafkaError(
      'bad-usage',
      `A broker from ${dataDir} already runs on port ${listening}, not ${port}; stop it first.`,
    );
  }
}
