/**
 * Producer throughput on the local broker: raw kafkajs that builds and stringifies the same
 * envelope itself, against the generated producer over the runtime's EventPublisher, which
 * also validates and derives the key. Both use the same producer settings (acks -1,
 * idempotent, the murmur2 partitioner), so the difference is what the runtime adds.
 */
import { Partitioners, type Kafka, type Producer } from 'kafkajs';

import { PublishFeatureEventsProducer } from '../../generated/features/producers.js';
import type { FeatureChange } from '../../generated/features/types.js';
import { EventPublisher } from '../../src/runtime/index.js';
import type { BenchContext } from './bench-context.js';
import {
  awaitLeaders,
  createTopic,
  featureChange,
  watchingLogger,
  type BenchKafka,
} from './bench-kafka.js';
import { ratio, spread } from './format.js';
import { rawMessage } from './raw-message.js';
import { table, type Goal, type Section } from './report.js';
import { pairedRatio, summarize, type Summary } from './stats.js';

const TOPIC = 'features.events';
const CALLERS = 50;

interface Mode {
  readonly name: string;
  readonly events: number;
  readonly raw: (producer: Producer, data: readonly FeatureChange[]) => Promise<void>;
  readonly ours: (
    producer: PublishFeatureEventsProducer,
    data: readonly FeatureChange[],
  ) => Promise<void>;
}

const MODES: readonly Mode[] = [
  {
    name: 'one per awaited call',
    events: 1000,
    raw: async (producer, data) => {
      for (const item of data)
        await producer.send({ topic: TOPIC, acks: -1, messages: [rawMessage(item)] });
    },
    ours: async (producer, data) => {
      for (const item of data) await producer.publishFeatureCreated(item);
    },
  },
  {
    name: 'batches of 100',
    events: 5000,
    raw: async (producer, data) => {
      for (const chunk of chunks(data, 100)) {
        await producer.send({ topic: TOPIC, acks: -1, messages: chunk.map(rawMessage) });
      }
    },
    ours: async (producer, data) => {
      for (const chunk of chunks(data, 100)) {
        await producer.publishBatch(
          chunk.map((item) => ({ eventType: 'feature.created', data: item })),
        );
      }
    },
  },
  {
    name: `${CALLERS} concurrent callers, each awaiting one at a time`,
    events: 5000,
    raw: (producer, data) =>
      concurrently(data, (item) =>
        producer.send({ topic: TOPIC, acks: -1, messages: [rawMessage(item)] }),
      ),
    ours: (producer, data) => concurrently(data, (item) => producer.publishFeatureCreated(item)),
  },
];

interface Clients {
  readonly raw: Producer;
  readonly publisher: EventPublisher;
  readonly ours: PublishFeatureEventsProducer;
}

export async function producerBench(
  context: BenchContext,
  bench: BenchKafka,
  rounds: number,
): Promise<Section> {
  const rows: string[][] = [];
  const goals: Goal[] = [];
  await createTopic(bench.admin, TOPIC, 1);

  for (const partitions of [1, 6]) {
    if (partitions > 1) {
      await bench.admin.createPartitions({
        topicPartitions: [{ topic: TOPIC, count: partitions }],
      });
      await awaitLeaders(bench, TOPIC, partitions);
    }
    // New clients for each partition count, so that none runs on stale metadata.
    const clients = await connect(bench.kafka);
    const perMode = new Map<Mode, { raw: number[]; ours: number[] }>();
    try {
      // A full round whose figures are dropped: the broker's JIT and the clients warm up first,
      // and a cold first round would count against whichever side ran first.
      for (const mode of MODES) await measure(mode, clients, mode.events);
      for (let round = 0; round < rounds; round += 1) {
        context.log(`producer, ${partitions} partition(s): round ${round + 1} of ${rounds}`);
        for (const mode of MODES) {
          const rates = perMode.get(mode) ?? { raw: [], ours: [] };
          perMode.set(mode, rates);
          const [raw, ours] = await alternate(
            round,
            () => measure(mode, clients, mode.events, 'raw'),
            () => measure(mode, clients, mode.events, 'ours'),
          );
          rates.raw.push(raw);
          rates.ours.push(ours);
        }
      }
    } finally {
      await clients.raw.disconnect();
      await clients.publisher.disconnect();
    }

    const oneByOne = perMode.get(MODES[0] as Mode)?.ours ?? [];
    for (const mode of MODES) {
      const { raw, ours } = perMode.get(mode) as { raw: number[]; ours: number[] };
      const generatedToRaw = pairedRatio(ours, raw);
      rows.push([
        String(partitions),
        mode.name,
        String(mode.events),
        rate(summarize(raw)),
        rate(summarize(ours)),
        ratio(generatedToRaw),
      ]);
      if (mode !== MODES[2]) {
        goals.push({
          what: `producer, ${partitions} partition(s), ${mode.name}: generated / raw`,
          target: '≥ 0.90×',
          measured: ratio(generatedToRaw),
          met: generatedToRaw.median >= 0.9,
        });
      }
    }
    const concurrent = perMode.get(MODES[2] as Mode)?.ours ?? [];
    const batched = pairedRatio(concurrent, oneByOne);
    goals.push({
      what: `producer, ${partitions} partition(s): linger-batched concurrent / one by one`,
      target: '≥ 5×',
      measured: ratio(batched),
      met: batched.median >= 5,
    });
  }

  return {
    title: 'Producer throughput',
    markdown: [
      `Events per second to \`${TOPIC}\` on the local broker, one producer each, connected ` +
        'before timing; a round times raw and generated back to back, in alternating order. ' +
        'Raw kafkajs builds the envelope (UUID, timestamp, headers) and calls `JSON.stringify` ' +
        'itself; the generated `PublishFeatureEventsProducer` also validates the payload and ' +
        'derives the key from `x-key`. In the concurrent rows raw kafkajs sends one request ' +
        "per call (one in flight, as idempotence requires), while the runtime's linger queue " +
        'gathers the calls of a tick into one request. What validation and key derivation ' +
        'cost alone, per event, is under Per-message costs.',
      '',
      ...table(
        [
          'partitions',
          'publishing',
          'events per run',
          'raw kafkajs, events/s',
          'generated, events/s',
          'generated / raw',
        ],
        rows,
      ),
    ],
    goals,
  };
}

async function connect(kafka: Kafka): Promise<Clients> {
  const raw = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: true,
    maxInFlightRequests: 1,
  });
  await raw.connect();
  const publisher = new EventPublisher({ kafka, logger: watchingLogger() });
  await publisher.connect();
  return { raw, publisher, ours: new PublishFeatureEventsProducer(publisher) };
}

async function measure(mode: Mode, clients: Clients, events: number, only?: 'raw' | 'ours') {
  const data = Array.from({ length: events }, (_, i) => featureChange(i));
  let rawRate = 0;
  if (only !== 'ours') {
    const started = performance.now();
    await mode.raw(clients.raw, data);
    rawRate = events / ((performance.now() - started) / 1000);
  }
  if (only === 'raw') return rawRate;

  const started = performance.now();
  await mode.ours(clients.ours, data);
  return events / ((performance.now() - started) / 1000);
}

/** Runs both, the first one first in even rounds; the result is always `[a, b]`. */
async function alternate<T>(
  round: number,
  a: () => Promise<T>,
  b: () => Promise<T>,
): Promise<[T, T]> {
  if (round % 2 === 0) {
    const first = await a();
    return [first, await b()];
  }
  const second = await b();
  return [await a(), second];
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += size) out.push(items.slice(at, at + size));
  return out;
}

/** `CALLERS` loops that share the items, each awaiting its call before the next. */
async function concurrently<T>(
  items: readonly T[],
  call: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const loop = async () => {
    while (next < items.length) await call(items[next++] as T);
  };
  await Promise.all(Array.from({ length: CALLERS }, loop));
}

function rate(summary: Summary): string {
  return spread(summary, 0);
}
