import assert from 'node:assert/strict';

import {
  CompressionTypes,
  type Consumer,
  type ConsumerGroupJoinEvent,
  type EachMessagePayload,
  type Kafka,
} from 'kafkajs';

/** One thing the project needs kafkajs to do against the broker. */
export interface Check {
  name: string;
  run: () => Promise<void>;
}

/** The client factories the checks use, so the runner can watch their requests. */
export interface Clients {
  admin: Kafka['admin'];
  producer: Kafka['producer'];
  consumer: Kafka['consumer'];
}

export interface CheckContext {
  kafka: () => Clients;
  /** Restarts the broker on its data; `SIGKILL` first makes it a crash. */
  restart: (signal: 'SIGTERM' | 'SIGKILL') => Promise<void>;
}

const TOPIC = 'compat-orders';
const GROUP = 'compat-workers';
const TIMEOUT_MS = 30_000;

/**
 * The checks, in order: later ones use the topic and group that earlier ones
 * made, the way a service's life goes from provisioning to consuming.
 */
export function kafkajsChecks(context: CheckContext): Check[] {
  const received: string[] = [];
  const first = messageLog(received);

  return [
    {
      name: 'admin createTopics, fetchTopicMetadata, listTopics, describeConfigs',
      run: async () => {
        await withAdmin(context.kafka(), async (admin) => {
          const created = await admin.createTopics({
            topics: [{ topic: TOPIC, numPartitions: 2, replicationFactor: 1 }],
            waitForLeaders: true,
          });
          assert.equal(created, true);

          const metadata = await admin.fetchTopicMetadata({ topics: [TOPIC] });
          assert.equal(metadata.topics[0]?.partitions.length, 2);
          assert.ok((await admin.listTopics()).includes(TOPIC));

          const configs = await admin.describeConfigs({
            resources: [{ type: 2, name: TOPIC }],
            includeSynonyms: false,
          });
          assert.ok((configs.resources[0]?.configEntries.length ?? 0) > 0);
        });
      },
    },
    {
      name: 'admin describeCluster, createPartitions, fetchTopicOffsets',
      run: async () => {
        await withAdmin(context.kafka(), async (admin) => {
          const cluster = await admin.describeCluster();
          assert.equal(cluster.brokers.length, 1);

          await admin.createPartitions({ topicPartitions: [{ topic: TOPIC, count: 3 }] });
          const metadata = await admin.fetchTopicMetadata({ topics: [TOPIC] });
          assert.equal(metadata.topics[0]?.partitions.length, 3);

          const offsets = await admin.fetchTopicOffsets(TOPIC);
          assert.equal(offsets.length, 3);
        });
      },
    },
    {
      name: 'admin createTopics rejects a topic that exists',
      run: async () => {
        await withAdmin(context.kafka(), async (admin) => {
          const created = await admin.createTopics({ topics: [{ topic: TOPIC }] });
          assert.equal(created, false);
        });
      },
    },
    {
      name: 'producer acks -1, idempotent true',
      run: async () => {
        await produce(context.kafka(), { idempotent: true }, ['a-0', 'a-1', 'a-2']);
      },
    },
    {
      name: 'producer acks -1, idempotent false, gzip, sendBatch',
      run: async () => {
        await produce(context.kafka(), { idempotent: false }, ['b-0', 'b-1', 'b-2']);
      },
    },
    {
      name: 'producer to a topic that does not exist fails (no auto-create)',
      run: async () => {
        const producer = context.kafka().producer({ retry: { retries: 1 } });
        await producer.connect();
        try {
          await assert.rejects(
            producer.send({ topic: 'compat-missing', acks: -1, messages: [{ value: 'x' }] }),
          );
        } finally {
          await producer.disconnect();
        }
      },
    },
    {
      name: 'consumer group join, sync, heartbeat, consume from the beginning',
      run: async () => {
        const heartbeat = nextEvent(first.consumer(context), 'consumer.heartbeat');
        const joined = nextJoin(first.consumer(context));
        await first.start(context);

        const join = await joined;
        assert.deepEqual(assignedPartitions([join]), [0, 1, 2]);
        await first.until(6);
        await heartbeat;
      },
    },
    {
      name: 'consumer commitOffsets and admin fetchOffsets',
      run: async () => {
        const consumer = first.consumer(context);
        const offsets = [0, 1, 2].map((partition) => ({
          topic: TOPIC,
          partition,
          offset: String(first.highest(partition) + 1),
        }));
        await consumer.commitOffsets(offsets);

        await withAdmin(context.kafka(), async (admin) => {
          const fetched = await admin.fetchOffsets({ groupId: GROUP, topics: [TOPIC] });
          const committed = fetched[0]?.partitions.map((p) => Number(p.offset)) ?? [];
          const total = committed.reduce((sum, offset) => sum + offset, 0);
          assert.equal(total, 6);
        });
      },
    },
    {
      name: 'consumer seek replays a partition',
      run: async () => {
        const before = received.length;
        const partition = first.partitionWithMessages();
        first.consumer(context).seek({ topic: TOPIC, partition, offset: '0' });
        await first.until(before + first.countOn(partition));
      },
    },
    {
      name: 'consumer pause holds messages back and resume delivers them',
      run: async () => {
        const consumer = first.consumer(context);
        consumer.pause([{ topic: TOPIC }]);
        assert.deepEqual(consumer.paused()[0]?.topic, TOPIC);

        const before = received.length;
        await produce(context.kafka(), { idempotent: true }, ['c-0']);
        // Nothing signals that a paused consumer did not fetch, so this one
        // check watches for a bounded time.
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        assert.equal(received.length, before);

        consumer.resume([{ topic: TOPIC }]);
        await first.until(before + 1);
      },
    },
    {
      name: 'a second consumer in the group: rebalance splits the partitions',
      run: async () => {
        const second = messageLog([]);
        const firstRejoined = nextJoin(first.consumer(context));
        const secondJoined = nextJoin(second.consumer(context));
        await second.start(context);

        const joins = await Promise.all([firstRejoined, secondJoined]);
        assert.deepEqual(assignedPartitions(joins), [0, 1, 2]);
        for (const join of joins) {
          assert.ok(assignedPartitions([join]).length > 0, 'each member got a partition');
        }

        const alone = nextJoin(first.consumer(context));
        await second.consumer(context).disconnect();
        assert.deepEqual(assignedPartitions([await alone]), [0, 1, 2]);
      },
    },
    {
      name: 'admin describeGroups, listGroups; stop the group',
      run: async () => {
        await withAdmin(context.kafka(), async (admin) => {
          const described = await admin.describeGroups([GROUP]);
          assert.equal(described.groups[0]?.state, 'Stable');
          const listed = await admin.listGroups();
          assert.ok(listed.groups.some((group) => group.groupId === GROUP));
        });
        await first.consumer(context).disconnect();
      },
    },
    {
      name: 'transactional producer commits (not required, for the record)',
      run: async () => {
        const producer = context.kafka().producer({
          transactionalId: 'compat-tx',
          idempotent: true,
          maxInFlightRequests: 1,
        });
        await producer.connect();
        try {
          const transaction = await producer.transaction();
          await transaction.send({ topic: TOPIC, messages: [{ key: 'k', value: 't-0' }] });
          await transaction.commit();
        } finally {
          await producer.disconnect();
        }
      },
    },
    {
      name: 'clean restart on the same data keeps topic, messages and offsets',
      run: async () => {
        await expectDataSurvives(context, 'SIGTERM');
      },
    },
    {
      name: 'crash (SIGKILL) and restart on the same data keeps them too',
      run: async () => {
        await expectDataSurvives(context, 'SIGKILL');
      },
    },
    {
      name: 'admin deleteTopics',
      run: async () => {
        await withAdmin(context.kafka(), async (admin) => {
          await admin.deleteTopics({ topics: [TOPIC], timeout: TIMEOUT_MS });
          assert.ok(!(await admin.listTopics()).includes(TOPIC));
        });
      },
    },
  ];
}

async function expectDataSurvives(context: CheckContext, signal: 'SIGTERM' | 'SIGKILL') {
  const offsetsBefore = await withAdmin(context.kafka(), (admin) =>
    admin.fetchOffsets({ groupId: GROUP, topics: [TOPIC] }),
  );
  const endsBefore = await withAdmin(context.kafka(), (admin) => endOffsets(admin));

  await context.restart(signal);

  const offsetsAfter = await withAdmin(context.kafka(), (admin) =>
    admin.fetchOffsets({ groupId: GROUP, topics: [TOPIC] }),
  );
  const endsAfter = await withAdmin(context.kafka(), (admin) => endOffsets(admin));
  assert.deepEqual(offsetsAfter, offsetsBefore);
  assert.deepEqual(endsAfter, endsBefore);
  await produce(context.kafka(), { idempotent: true }, [`after-${signal}`]);
}

async function endOffsets(admin: ReturnType<Kafka['admin']>): Promise<string[]> {
  const offsets = await admin.fetchTopicOffsets(TOPIC);
  return [...offsets].sort((a, b) => a.partition - b.partition).map((p) => p.high);
}

async function withAdmin<T>(
  kafka: Clients,
  work: (admin: ReturnType<Kafka['admin']>) => Promise<T>,
): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

async function produce(kafka: Clients, options: { idempotent: boolean }, values: string[]) {
  const producer = kafka.producer({
    idempotent: options.idempotent,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  try {
    const messages = values.map((value) => ({ key: value, value }));
    const first = await producer.send({ topic: TOPIC, acks: -1, messages: messages.slice(0, 1) });
    assert.equal(first[0]?.errorCode, 0);

    const rest = messages.slice(1);
    if (rest.length > 0) {
      const compression = options.idempotent ? CompressionTypes.None : CompressionTypes.GZIP;
      const topicMessages = [{ topic: TOPIC, messages: rest }];
      await producer.sendBatch({ acks: -1, compression, topicMessages });
    }
  } finally {
    await producer.disconnect();
  }
}

/**
 * A consumer of the check group and what it received. `until` resolves on
 * the message that makes the count, not after a sleep.
 */
function messageLog(received: string[]) {
  let consumer: Consumer | undefined;
  const byPartition = new Map<number, number[]>();
  const waiters: Array<{ count: number; resolve: () => void }> = [];

  const onMessage = async ({ partition, message }: EachMessagePayload) => {
    received.push(message.value?.toString() ?? '');
    byPartition.set(partition, [...(byPartition.get(partition) ?? []), Number(message.offset)]);
    for (const waiter of waiters.filter((w) => received.length >= w.count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };

  return {
    consumer(context: CheckContext): Consumer {
      consumer ??= context.kafka().consumer({
        groupId: GROUP,
        heartbeatInterval: 500,
        // A consumer only notices a rebalance, a seek or a pause between
        // fetches; kafkajs's default 5 s long poll would make each take 5 s.
        maxWaitTimeInMs: 250,
        sessionTimeout: 10_000,
        rebalanceTimeout: 10_000,
      });
      return consumer;
    },
    async start(context: CheckContext) {
      const self = this.consumer(context);
      await self.connect();
      await self.subscribe({ topic: TOPIC, fromBeginning: true });
      await self.run({ autoCommit: false, eachMessage: onMessage });
    },
    until(count: number): Promise<void> {
      if (received.length >= count) {
        return Promise.resolve();
      }
      return withTimeout(
        new Promise<void>((resolve) => waiters.push({ count, resolve })),
        `${count} messages`,
      );
    },
    highest(partition: number): number {
      return Math.max(-1, ...(byPartition.get(partition) ?? []));
    },
    countOn(partition: number): number {
      return byPartition.get(partition)?.length ?? 0;
    },
    partitionWithMessages(): number {
      const [partition] = [...byPartition.keys()];
      assert.ok(partition !== undefined, 'some partition has messages');
      return partition;
    },
  };
}

function nextJoin(consumer: Consumer): Promise<ConsumerGroupJoinEvent> {
  return nextEvent(consumer, 'consumer.group_join') as Promise<ConsumerGroupJoinEvent>;
}

function nextEvent(consumer: Consumer, event: string): Promise<unknown> {
  const seen = new Promise((resolve) => {
    const remove = consumer.on(event as 'consumer.heartbeat', (payload) => {
      remove();
      resolve(payload);
    });
  });
  return withTimeout(seen, `event ${event}`);
}

function assignedPartitions(joins: readonly ConsumerGroupJoinEvent[]): number[] {
  const partitions = joins.flatMap((join) => join.payload.memberAssignment[TOPIC] ?? []);
  return [...partitions].sort((a, b) => a - b);
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    const error = new Error(`Waited ${TIMEOUT_MS} ms for ${what}.`);
    timer = setTimeout(() => reject(error), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
