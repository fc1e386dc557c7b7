import { join } from 'node:path';

export interface ServerSettings {
  port: number;
  controllerPort: number;
  dataDir: string;
}

/** The first line of every config these scripts write, to recognise their data dirs. */
export const PROPERTIES_HEADER = '# Written by scripts/kafka/ for a local broker.';

export function serverPropertiesPath(dataDir: string): string {
  return join(dataDir, 'server.properties');
}

export function logDirPath(dataDir: string): string {
  return join(dataDir, 'logs');
}

/**
 * The config of a one-node KRaft broker, broker and controller in one
 * process, for a two-core development machine. Everything listens on the
 * loopback interface only.
 */
export function renderServerProperties(settings: ServerSettings): string {
  const { port, controllerPort, dataDir } = settings;
  const entries: Array<[string, string | number | boolean]> = [
    ['process.roles', 'broker,controller'],
    ['node.id', 1],
    ['controller.quorum.voters', `1@127.0.0.1:${controllerPort}`],
    ['listeners', `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`],
    ['advertised.listeners', `PLAINTEXT://127.0.0.1:${port}`],
    ['controller.listener.names', 'CONTROLLER'],
    ['inter.broker.listener.name', 'PLAINTEXT'],
    ['listener.security.protocol.map', 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT'],
    ['log.dirs', logDirPath(dataDir)],

    // One node can hold one replica; anything more would leave topics and
    // the internal state topics unwritable.
    ['default.replication.factor', 1],
    ['min.insync.replicas', 1],
    ['offsets.topic.replication.factor', 1],
    ['transaction.state.log.replication.factor', 1],
    ['transaction.state.log.min.isr', 1],
    ['share.coordinator.state.topic.replication.factor', 1],
    ['share.coordinator.state.topic.min.isr', 1],

    // Few partitions for the internal topics: the first group or transaction
    // of a run waits for them to be created, and one node gains nothing from
    // spreading coordinators.
    ['offsets.topic.num.partitions', 1],
    ['transaction.state.log.num.partitions', 1],
    ['num.partitions', 1],

    // Tests create the topics they use, so a typo in a topic name fails
    // instead of quietly making a new topic.
    ['auto.create.topics.enable', false],

    // A group starts rebalancing as soon as its first member joins; the
    // default 3 s delay would be paid by every test that joins a group.
    ['group.initial.rebalance.delay.ms', 0],

    // After a crash the controller keeps the dead broker's registration until
    // its session times out (9 s by default) and refuses the restarted one
    // until then. Broker and controller share one process here, so a short
    // session only ends early if the whole JVM stalls for 4 s.
    ['broker.heartbeat.interval.ms', 500],
    ['broker.session.timeout.ms', 4_000],

    // Thread pools sized for two cores rather than a server.
    ['num.network.threads', 2],
    ['num.io.threads', 2],
    ['background.threads', 2],
    ['num.recovery.threads.per.data.dir', 1],
    ['log.cleaner.threads', 1],
    ['num.replica.fetchers', 1],
  ];

  const lines = entries.map(([key, value]) => `${key}=${String(value)}`);
  return [PROPERTIES_HEADER, ...lines, ''].join('\n');
}

/** The controller port of an existing config, so a restart keeps its quorum address. */
export function controllerPortOf(properties: string): number | undefined {
  const match = /^controller\.quorum\.voters=1@127\.0\.0\.1:(\d+)$/m.exec(properties);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** The client port of an existing config, to tell which port a running broker uses. */
export function clientPortOf(properties: string): number | undefined {
  const match = /^advertised\.listeners=PLAINTEXT:\/\/127\.0\.0\.1:(\d+)$/m.exec(properties);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
