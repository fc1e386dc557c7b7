/**
 * One worker process of the fault run: the runtime's createWorker on the sequence topic,
 * with graceful shutdown, recording in its own ledger what it handled, what the broker
 * acknowledged as committed and when it joined its group. The harness starts, kills and
 * stops these; it learns of progress through the IPC channel.
 *
 * Environment: KAFKA_BROKERS, FAULT_TOPIC, FAULT_GROUP, FAULT_LEDGER, FAULT_NAME.
 */
import pino from 'pino';

import {
  createKafka,
  createWorker,
  loadRuntimeConfig,
  onShutdown,
  route,
  waitForBrokers,
} from '../../src/runtime/index.js';
import { receiveOperation, sequenced } from './fault-events.js';
import { LedgerWriter } from './ledger.js';
import type { WorkerReport } from './worker-report.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`The fault worker needs ${name} in its environment.`);
  return value;
};

const ledger = new LedgerWriter(env('FAULT_LEDGER'));
const report = (message: WorkerReport) => process.send?.(message);
let handled = 0;

// The runtime logs commits and joins; this stream turns them into ledger lines and
// passes warnings and errors on to stderr, which the harness keeps in a log file.
const destination = {
  write(text: string): void {
    const line = JSON.parse(text) as { msg?: string; level: number; [field: string]: unknown };
    if (line.msg === 'offsets committed') recordCommits(line['offsets']);
    else if (line.msg === 'worker ready' || line.msg === 'worker joined its group') {
      const partitions = countPartitions(line['assignment']);
      ledger.joined(partitions);
      report({ type: 'joined', partitions });
    }
    if (line.level >= 40) process.stderr.write(text);
  },
};

function recordCommits(offsets: unknown): void {
  // kafkajs gives partitions as the keys of an object: text, not numbers.
  const topics = offsets as Array<{ partitions: Array<{ partition: string; offset: string }> }>;
  const list = topics.flatMap(({ partitions }) => partitions.map(({ partition, offset }) =>
    ({ partition: Number(partition), offset: Number(offset) })));
  for (const { partition, offset } of list) ledger.committed(partition, String(offset));
  report({ type: 'committed', offsets: list });
}

function countPartitions(assignment: unknown): number {
  const lists = Object.values((assignment ?? {}) as Record<string, number[]>);
  return lists.reduce((sum, list) => sum + list.length, 0);
}

const config = loadRuntimeConfig(process.env);
const logger = pino({ level: 'debug', base: { worker: env('FAULT_NAME') } }, destination);
// kafkajs's own debug lines are many and say nothing the ledger needs.
const kafka = createKafka(config, logger.child({}, { level: 'warn' }));

const worker = createWorker(
  { kafka, logger },
  receiveOperation(env('FAULT_TOPIC'), env('FAULT_GROUP')),
  [route(sequenced, (event, context) => {
    if (event.data.fail) {
      throw new Error(`${event.data.key}#${event.data.seq} fails every time, as planned`);
    }
    ledger.handled(context.partition, context.offset, event.data.key, event.data.seq);
    handled += 1;
    if (handled % 50 === 0) report({ type: 'progress', handled });
  })],
  {
    // A killed member's partitions move after the session timeout: short, so the run is.
    sessionTimeoutMs: 10_000,
    heartbeatIntervalMs: 1000,
    maxWaitTimeMs: 100,
    commitIntervalMs: 1000,
    retry: { attempts: 3, baseDelayMs: 20, maxDelayMs: 200 },
  },
);

onShutdown(async () => {
  await worker.stop();
  report({ type: 'progress', handled });
  ledger.close();
}, { logger, deadlineMs: config.shutdownTimeoutMs });
await waitForBrokers(config, logger);
await worker.start();
