import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Kafka, logLevel } from 'kafkajs';

import { startBroker, type LocalBroker } from '../kafka/local-broker.js';
import { checkRun, type Fault, type Verdict } from './check-ledgers.js';
import { planEvents, type PlannedEvent } from './fault-events.js';
import { readLedger } from './ledger.js';
import { indexHeader, produceEvents, readWholeTopic, withAdmin } from './topic-io.js';
import { WorkerPool, type WorkerProcess } from './worker-pool.js';
import type { WorkerReport } from './worker-report.js';

export interface FaultRunOptions {
  readonly events: number;
  readonly partitions: number;
  readonly keys: number;
  readonly seed: number;
  /** The whole run, broker start to verdict, must end within this. */
  readonly timeLimitMs: number;
  /** Progress lines; stderr for the command. */
  readonly log: (line: string) => void;
  /** Keep the data dir, ledgers and worker logs for a look afterwards. */
  readonly keepFiles?: boolean;
}

export interface FaultRunResult extends Verdict {
  readonly dir: string;
  readonly elapsedMs: number;
}

const topic = 'fault.sequences';
const group = 'fault-run';
const deadLetterTopic = `${topic}.${group}.dlq`;
/** A worker told to stop must be gone within this, or it counts as hung. */
const stopDeadlineMs = 30_000;

/**
 * The fault run of RELIABILITY.md: a broker of its own, three workers in one group, two
 * SIGKILLs, a broker restart on the same data, a fourth worker, a SIGTERM, then the checks.
 */
export async function runFaults(options: FaultRunOptions): Promise<FaultRunResult> {
  const dir = await mkdtemp(join(tmpdir(), 'fault-run-'));
  const started = Date.now();
  const deadline = started + options.timeLimitMs;
  const failures: string[] = [];
  const faults: Fault[] = [];
  const fault = (what: string) => {
    faults.push({ time: Date.now(), what });
    options.log(`fault run: ${what}`);
  };

  let broker: LocalBroker = await startBroker({ dataDir: join(dir, 'kafka') });
  const pool = new WorkerPool(dir, { KAFKA_BROKERS: broker.brokers, FAULT_TOPIC: topic,
    FAULT_GROUP: group, KAFKA_CONNECT_ATTEMPTS: '10', LOG_LEVEL: 'warn',
    SHUTDOWN_TIMEOUT_MS: String(stopDeadlineMs - 5000) });
  try {
    const kafka = new Kafka({ clientId: 'fault-harness', brokers: [broker.brokers],
      logLevel: logLevel.NOTHING, retry: { retries: 10, maxRetryTime: 5000 } });
    const plan = planEvents({ events: options.events, keys: options.keys, seed: options.seed,
      invalidShare: 0.01, failingShare: 0.01 });
    await createTopics(kafka, options.partitions);
    options.log(`fault run: ${plan.length} events for ${options.partitions} partitions, ` +
      `${broker.brokers}, files in ${dir}`);

    const committed = trackCommits(pool);
    watchForCrashes(pool, failures);
    // The stream stays a little ahead of the workers, and no further than a tenth of the
    // events past the next fault until that fault has happened: however fast the workers
    // are, every fault finds the run unfinished and events still to come after it.
    const ahead = Math.max(1000, Math.round(plan.length * 0.05));
    let released = 0;
    const releaseUpTo = (share: number) => {
      released = share >= 1 ? plan.length : Math.round((share + 0.1) * plan.length);
      pool.events.emit('change');
    };
    releaseUpTo(0.1);
    let highs: Map<number, number> | undefined;
    const production = produceEvents(kafka, topic, plan, Math.round(ahead / 2),
      (produced) => pool.until(() => produced < released &&
        pool.handled >= produced * 0.98 - ahead,
        'for the workers to catch up with the stream', deadline), deadline)
      .then(async () => {
        highs = await partitionEnds(kafka);
        options.log(`fault run: all ${plan.length} events produced`);
        pool.events.emit('change');
      });
    production.catch(() => undefined);
    const allCommitted = () => highs !== undefined && [...highs].every(([partition, high]) =>
      (committed.get(partition) ?? 0) >= high);
    const reached = (share: number) => () => pool.handled >= share * plan.length;
    const joined = (worker: WorkerProcess) => () => worker.partitions > 0 || !worker.running;
    const wait = (condition: () => boolean, what: string) =>
      pool.until(condition, what, deadline);

    const first = ['w1', 'w2', 'w3'].map((name) => pool.start(name));
    await wait(() => first.every((worker) => worker.partitions > 0), 'for three workers to join');
    fault('three workers joined');

    let victim = first[0] as WorkerProcess;
    for (const [share, next, name] of [[0.1, 0.25, 'w1-b'], [0.25, 0.4, 'w1-c']] as const) {
      await wait(reached(share), `for ${share * 100} % of the events`);
      fault(`SIGKILL ${victim.name}`);
      victim.signal('SIGKILL');
      await victim.exited;
      releaseUpTo(next);
      victim = pool.start(name);
      fault(`started ${name}`);
      await wait(joined(victim), `for ${name} to join`);
    }

    await wait(reached(0.4), 'for 40 % of the events');
    fault('broker stopping');
    broker = await broker.restart();
    fault('broker started again on the same data');
    releaseUpTo(0.55);

    await wait(reached(0.55), 'for 55 % of the events');
    const fourth = pool.start('w4');
    fault('started w4');
    await wait(joined(fourth), 'for w4 to join');
    releaseUpTo(0.7);

    await wait(reached(0.7), 'for 70 % of the events');
    const stopped = first[1] as WorkerProcess;
    fault(`SIGTERM ${stopped.name}`);
    await stopWorker(stopped, failures);
    releaseUpTo(1);

    await production;
    await wait(allCommitted, 'for every offset to be committed').catch(async (error) => {
      failures.push(`the workers stalled: ${(error as Error).message}; ` +
        `committed ${describeLag(committed, highs ?? new Map())}`);
    });
    fault('every offset committed; stopping the workers');
    await Promise.all(pool.running.map((worker) => stopWorker(worker, failures)));
    await confirmCommitted(kafka, highs ?? new Map(), failures);

    const source = await readSource(kafka, plan, failures);
    const verdict = checkRun({
      topic, group, source, faults,
      ledgers: pool.all.map((worker) => ({ name: worker.name,
        entries: readLedger(worker.ledgerPath) })),
      deadLetters: await readWholeTopic(kafka, deadLetterTopic),
    });
    return { ...verdict, failures: [...failures, ...verdict.failures], dir,
      elapsedMs: Date.now() - started };
  } finally {
    for (const worker of pool.running) worker.signal('SIGKILL');
    await broker.stop({ keepData: options.keepFiles === true });
    if (options.keepFiles !== true) await rm(dir, { recursive: true, force: true });
  }
}

async function createTopics(kafka: Kafka, partitions: number): Promise<void> {
  await withAdmin(kafka, (admin) => admin.createTopics({ waitForLeaders: true, topics: [
    { topic, numPartitions: partitions },
    { topic: deadLetterTopic, numPartitions: 1 },
  ] }));
}

async function partitionEnds(kafka: Kafka): Promise<Map<number, number>> {
  const ends = await withAdmin(kafka, (admin) => admin.fetchTopicOffsets(topic));
  return new Map(ends.map((end) => [end.partition, Number(end.high)]));
}

/** The source topic as written, each record with its planned event; each event once. */
async function readSource(kafka: Kafka, plan: readonly PlannedEvent[], failures: string[]) {
  const seen = new Set<number>();
  const source = [];
  for (const record of await readWholeTopic(kafka, topic)) {
    const event = plan[Number(record.headers[indexHeader])];
    if (!event) throw new Error('The source topic holds a record without a plan index.');
    if (seen.has(event.index)) failures.push(`the producer wrote event ${event.index} twice`);
    seen.add(event.index);
    source.push({ record, event });
  }
  if (seen.size !== plan.length) {
    failures.push(`the source topic holds ${seen.size} of the ${plan.length} planned events`);
  }
  return source;
}

/** The highest offset each partition has had acknowledged as committed, by any member. */
function trackCommits(pool: WorkerPool): Map<number, number> {
  const committed = new Map<number, number>();
  pool.events.on('report', (_worker: WorkerProcess, report: WorkerReport) => {
    if (report.type !== 'committed') return;
    for (const { partition, offset } of report.offsets) {
      committed.set(partition, Math.max(committed.get(partition) ?? 0, offset));
    }
  });
  return committed;
}

function watchForCrashes(pool: WorkerPool, failures: string[]): void {
  pool.events.on('change', () => {
    for (const worker of pool.all) {
      if (worker.running || worker.expectedExit) continue;
      worker.expectedExit = true;
      const tail = readFileSync(worker.logPath, 'utf8').slice(-1500);
      failures.push(`${worker.name} exited on its own; the end of its log:\n${tail}`);
    }
  });
}

async function stopWorker(worker: WorkerProcess, failures: string[]): Promise<void> {
  worker.signal('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), stopDeadlineMs);
  });
  const exit = await Promise.race([worker.exited, late]);
  clearTimeout(timer);
  if (exit === 'late') {
    failures.push(`${worker.name} hung: still running ${stopDeadlineMs} ms after SIGTERM`);
    worker.signal('SIGKILL');
  } else if (exit.code !== 0) {
    failures.push(`${worker.name} exited with ${exit.code ?? exit.signal} after SIGTERM, ` +
      `not 0; see ${worker.logPath}`);
  }
}

/** The group's offsets as the broker has them, against the ends of the partitions. */
async function confirmCommitted(kafka: Kafka, highs: Map<number, number>, failures: string[]) {
  const [offsets] = await withAdmin(kafka, (admin) => admin.fetchOffsets({ groupId: group,
    topics: [topic] }));
  for (const { partition, offset } of offsets?.partitions ?? []) {
    const high = highs.get(partition) ?? 0;
    if (Number(offset) < high) {
      failures.push(`partition ${partition} is committed up to ${offset}, not its end ${high}`);
    }
  }
}

function describeLag(committed: Map<number, number>, highs: Map<number, number>): string {
  return [...highs].map(([partition, high]) =>
    `p${partition} ${committed.get(partition) ?? 0}/${high}`).join(', ');
}
