/**
 * Worker throughput on one pre-filled topic, each run a new consumer group from the earliest
 * offset, and end-to-end latency from publish to handler at a steady, moderate rate.
 */
import { randomUUID } from 'node:crypto';

import { Partitioners, type Kafka } from 'kafkajs';

import {
  featureCreatedMessage,
  publishFeatureEventsOperation,
} from '../../generated/features/descriptors.js';
import { EventPublisher, type SendOperationDescriptor } from '../../src/runtime/index.js';
import type { BenchContext } from './bench-context.js';
import { createTopic, featureChange, watchingLogger, type BenchKafka } from './bench-kafka.js';
import {
  startGeneratedWorker,
  startRawConsumer,
  startUnvalidatedWorker,
  type Handler,
  type RunningConsumer,
} from './bench-workers.js';
import { ratio, spread } from './format.js';
import { rawMessage } from './raw-message.js';
import { table, type Goal, type Section } from './report.js';
import { pairedRatio, percentile, summarize } from './stats.js';

const EVENTS = 20_000;
const PARTITIONS = 6;
const LATENCY_RATE = 200;
const LATENCY_SECONDS = 8;

type Start = (
  kafka: Kafka,
  topic: string,
  groupId: string,
  handler: Handler,
) => Promise<RunningConsumer>;

const SIDES: ReadonlyArray<readonly ['raw' | 'generated', Start]> = [
  ['raw', startRawConsumer],
  ['generated', startGeneratedWorker],
];

export async function workerBench(
  context: BenchContext,
  bench: BenchKafka,
  rounds: number,
): Promise<Section> {
  const topic = 'bench.worker.prefilled';
  await createTopic(bench.admin, topic, PARTITIONS);
  await prefill(bench.kafka, topic);

  const rates = { raw: [] as number[], generated: [] as number[], unvalidated: [] as number[] };
  const consumers = [...SIDES, ['unvalidated', startUnvalidatedWorker] as const];
  for (let round = 0; round < rounds; round += 1) {
    context.log(`worker throughput: round ${round + 1} of ${rounds}`);
    const order = round % 2 === 0 ? consumers : [...consumers].reverse();
    for (const [side, start] of order) {
      rates[side].push(
        await drain(bench.kafka, topic, `bench-${side}-${round}-${randomUUID()}`, start),
      );
    }
  }
  const throughput = pairedRatio(rates.generated, rates.raw);
  const unvalidated = pairedRatio(rates.unvalidated, rates.raw);

  const latency = {
    raw: { p50: [] as number[], p99: [] as number[] },
    generated: { p50: [] as number[], p99: [] as number[] },
  };
  const latencyRounds = Math.max(1, Math.min(rounds, 3));
  for (let round = 0; round < latencyRounds; round += 1) {
    const order = round % 2 === 0 ? SIDES : [...SIDES].reverse();
    for (const [side, start] of order) {
      context.log(`worker latency, ${side}: round ${round + 1} of ${latencyRounds}`);
      const samples = await measureLatency(bench, `bench.latency.${side}.${round}`, side, start);
      latency[side].p50.push(percentile(samples, 50));
      latency[side].p99.push(percentile(samples, 99));
    }
  }

  const goals: Goal[] = [
    {
      what: 'worker throughput: generated / raw',
      target: '≥ 0.90×',
      measured: ratio(throughput),
      met: throughput.median >= 0.9,
    },
  ];
  return {
    title: 'Worker throughput and latency',
    markdown: [
      `Throughput: ${EVENTS.toLocaleString('en-US')} feature events pre-filled on ${PARTITIONS} ` +
        'partitions; each run is a new consumer group from the earliest offset, timed from the ' +
        'first event handled to the last. Raw kafkajs `eachMessage` parses the JSON and calls a ' +
        'no-op handler; the generated worker (the audit descriptors with `createWorker`) ' +
        'decodes, ' +
        'finds the event type, validates, dispatches to a no-op handler, marks and commits. Both ' +
        'commit every 5 s and after each batch, one partition at a time.',
      '',
      ...table(
        ['consumer', 'events/s', 'generated / raw'],
        [
          ['raw kafkajs eachMessage', spread(summarize(rates.raw), 0), ''],
          ['generated worker', spread(summarize(rates.generated), 0), ratio(throughput)],
          [
            'generated worker, `validate: false` (to isolate validation)',
            spread(summarize(rates.unvalidated), 0),
            ratio(unvalidated),
          ],
        ],
      ),
      '',
      `Latency: ${LATENCY_RATE} events/s for ${LATENCY_SECONDS} s, published one at a time on a ` +
        'schedule (not awaited one after another) to a fresh topic once the consumer is in its ' +
        'group; milliseconds from the publish call to the handler, in one process. Raw publishes ' +
        'with kafkajs `send`, generated with the generated producer.',
      '',
      ...table(
        ['pipeline', 'p50 ms', 'p99 ms', 'rounds'],
        SIDES.map(([side]) => [
          side === 'raw'
            ? 'raw kafkajs send → eachMessage'
            : 'generated producer → generated worker',
          spread(summarize(latency[side].p50), 1),
          spread(summarize(latency[side].p99), 1),
          String(latencyRounds),
        ]),
      ),
    ],
    goals,
  };
}

async function prefill(kafka: Kafka, topic: string): Promise<void> {
  const publisher = new EventPublisher({ kafka, logger: watchingLogger() });
  await publisher.connect();
  const operation = sendOperationOn(topic);
  for (let at = 0; at < EVENTS; at += 500) {
    const events = Array.from({ length: 500 }, (_, i) => ({
      message: featureCreatedMessage,
      data: featureChange(at + i),
    }));
    await publisher.publishBatch(operation, events);
  }
  await publisher.disconnect();
}

/**
 * The generated features operation on a topic of the benchmark's own. The generated
 * producer class is a one-line forwarder to this same `publish` call, but its topic is fixed.
 */
function sendOperationOn(topic: string): SendOperationDescriptor {
  return {
    ...publishFeatureEventsOperation,
    channel: { ...publishFeatureEventsOperation.channel, address: topic },
  };
}

async function drain(kafka: Kafka, topic: string, groupId: string, start: Start): Promise<number> {
  let handled = 0;
  let first = 0;
  let finish: (seconds: number) => void = () => undefined;
  const finished = new Promise<number>((resolve) => (finish = resolve));
  const consumer = await start(kafka, topic, groupId, () => {
    handled += 1;
    if (handled === 1) first = performance.now();
    if (handled === EVENTS) finish((performance.now() - first) / 1000);
  });
  const seconds = await finished;
  await consumer.stop();
  return (EVENTS - 1) / seconds;
}

async function measureLatency(
  bench: BenchKafka,
  topic: string,
  side: 'raw' | 'generated',
  start: Start,
): Promise<number[]> {
  await createTopic(bench.admin, topic, PARTITIONS);
  const total = LATENCY_RATE * LATENCY_SECONDS;
  const sentAt = new Map<string, number>();
  const samples: number[] = [];
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));

  const consumer = await start(bench.kafka, topic, `bench-latency-${randomUUID()}`, (payload) => {
    const id = (payload as { data: { feature_id: string } }).data.feature_id;
    samples.push(performance.now() - (sentAt.get(id) as number));
    if (samples.length === total) finish();
  });
  await consumer.ready;

  const publish = await publisherFor(bench.kafka, topic, side);
  const started = performance.now();
  const sends: Promise<unknown>[] = [];
  for (let i = 0; i < total; i += 1) {
    // Each event leaves at its own time on the schedule, however late the timer fires.
    const due = started + (i * 1000) / LATENCY_RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const data = featureChange(i);
    sentAt.set(data.feature_id, performance.now());
    sends.push(publish.send(data));
  }
  await Promise.all(sends);
  await finished;
  await consumer.stop();
  await publish.close();
  return samples.sort((a, b) => a - b);
}

interface LatencyPublisher {
  send(data: ReturnType<typeof featureChange>): Promise<unknown>;
  close(): Promise<void>;
}

async function publisherFor(
  kafka: Kafka,
  topic: string,
  side: 'raw' | 'generated',
): Promise<LatencyPublisher> {
  if (side === 'raw') {
    const producer = kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    return {
      send: (data) => producer.send({ topic, acks: -1, messages: [rawMessage(data)] }),
      close: () => producer.disconnect(),
    };
  }
  const publisher = new EventPublisher({ kafka, logger: watchingLogger() });
  await publisher.connect();
  const operation = sendOperationOn(topic);
  return {
    send: (data) => publisher.publish(operation, featureCreatedMessage, data),
    close: () => publisher.disconnect(),
  };
}
