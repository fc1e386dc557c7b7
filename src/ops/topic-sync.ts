/**
 * Holds the topics on a cluster to their declarations: creates the missing ones when asked,
 * and reports every difference. It never alters a topic that exists: adding partitions
 * moves keys to other partitions and changing configuration can drop data, decisions a
 * person makes, not a start-up script.
 */
import kafkajs, { type Admin } from 'kafkajs';

import { asError } from '../runtime/runtime-error.js';
import type { TopicDeclaration } from './topic-declaration.js';

// Node sees only the first few of kafkajs's CommonJS exports by name; the rest, such as
// this enum, are on the default export.
const { ConfigResourceTypes } = kafkajs;

export interface TopicState {
  readonly partitions: number;
  /** The smallest replication factor over the topic's partitions. */
  readonly replicas: number;
}

export type TopicStatus =
  | { readonly kind: 'ok'; readonly declaration: TopicDeclaration; readonly actual: TopicState }
  | { readonly kind: 'created'; readonly declaration: TopicDeclaration;
      readonly actual: TopicState }
  | { readonly kind: 'missing'; readonly declaration: TopicDeclaration }
  | { readonly kind: 'drift'; readonly declaration: TopicDeclaration; readonly actual: TopicState;
      /** One sentence per difference, such as `3 partitions, declared 6`. */
      readonly differences: readonly string[] }
  | { readonly kind: 'failed'; readonly declaration: TopicDeclaration; readonly error: string };

export interface CappedReplicas {
  readonly topic: string;
  readonly declared: number;
  readonly used: number;
}

export interface TopicReport {
  readonly brokerCount: number;
  readonly statuses: readonly TopicStatus[];
  /** Declarations asking for more replicas than the cluster has brokers. */
  readonly capped: readonly CappedReplicas[];
}

export interface SyncOptions {
  /** Create the topics that are missing; otherwise only report them. */
  readonly create: boolean;
}

export async function syncTopics(
  admin: Admin,
  declarations: readonly TopicDeclaration[],
  options: SyncOptions,
): Promise<TopicReport> {
  const { brokers } = await admin.describeCluster();
  const brokerCount = brokers.length;
  const capped = declarations
    .filter((declaration) => (declaration.replicas ?? 0) > brokerCount)
    .map((declaration) => ({
      topic: declaration.topic,
      declared: declaration.replicas ?? 0,
      used: brokerCount,
    }));

  const existing = new Set(await admin.listTopics());
  const present = declarations.filter((declaration) => existing.has(declaration.topic));
  const states = await describeTopics(admin, present.map((declaration) => declaration.topic));
  const configs = await describeConfigs(admin, present);

  const statuses: TopicStatus[] = [];
  for (const declaration of declarations) {
    const actual = states.get(declaration.topic);
    if (actual !== undefined) {
      const differences = compare(declaration, actual, configs.get(declaration.topic),
        brokerCount);
      statuses.push(differences.length === 0
        ? { kind: 'ok', declaration, actual }
        : { kind: 'drift', declaration, actual, differences });
      continue;
    }
    if (!options.create) {
      statuses.push({ kind: 'missing', declaration });
      continue;
    }
    const created = await createTopic(admin, declaration, brokerCount);
    // Made by someone else since the listing: it is held to the declaration like any other.
    if (created.kind === 'drift-check') {
      const config = await describeConfigs(admin, [declaration]);
      const differences = compare(declaration, created.actual, config.get(declaration.topic),
        brokerCount);
      statuses.push(differences.length === 0
        ? { kind: 'ok', declaration, actual: created.actual }
        : { kind: 'drift', declaration, actual: created.actual, differences });
    } else {
      statuses.push(created);
    }
  }
  return { brokerCount, statuses, capped };
}

async function describeTopics(admin: Admin, topics: readonly string[]):
Promise<Map<string, TopicState>> {
  const states = new Map<string, TopicState>();
  if (topics.length === 0) return states;
  const metadata = await admin.fetchTopicMetadata({ topics: [...topics] });
  for (const topic of metadata.topics) {
    const replicas = topic.partitions.map((partition) => partition.replicas.length);
    states.set(topic.name, {
      partitions: topic.partitions.length,
      replicas: replicas.length === 0 ? 0 : Math.min(...replicas),
    });
  }
  return states;
}

/** The current value of every setting a declaration names, per topic. */
async function describeConfigs(admin: Admin, declarations: readonly TopicDeclaration[]):
Promise<Map<string, Map<string, string>>> {
  const configs = new Map<string, Map<string, string>>();
  const asking = declarations.filter((declaration) => Object.keys(declaration.config).length > 0);
  if (asking.length === 0) return configs;

  const response = await admin.describeConfigs({
    includeSynonyms: false,
    resources: asking.map((declaration) => ({
      type: ConfigResourceTypes.TOPIC,
      name: declaration.topic,
      configNames: Object.keys(declaration.config),
    })),
  });
  for (const resource of response.resources) {
    configs.set(resource.resourceName, new Map(resource.configEntries.map((entry) =>
      [entry.configName, entry.configValue])));
  }
  return configs;
}

function compare(
  declaration: TopicDeclaration,
  actual: TopicState,
  config: Map<string, string> | undefined,
  brokerCount: number,
): string[] {
  const differences: string[] = [];
  // More partitions than declared serve every key still; fewer break the declared spread.
  if (declaration.partitions !== undefined && actual.partitions < declaration.partitions) {
    differences.push(`${actual.partitions} partition(s), declared ${declaration.partitions}`);
  }
  const replicas = declaration.replicas === undefined
    ? undefined
    : Math.min(declaration.replicas, brokerCount);
  if (replicas !== undefined && actual.replicas < replicas) {
    differences.push(`${actual.replicas} replica(s), declared ${replicas}`);
  }
  for (const [name, wanted] of Object.entries(declaration.config)) {
    const value = config?.get(name);
    if (value === undefined) differences.push(`${name} is unknown to the broker (${wanted})`);
    else if (value !== wanted) differences.push(`${name}=${value}, declared ${wanted}`);
  }
  return differences;
}

async function createTopic(admin: Admin, declaration: TopicDeclaration, brokerCount: number):
Promise<TopicStatus | { readonly kind: 'drift-check'; readonly actual: TopicState }> {
  const replicas = declaration.replicas === undefined
    ? undefined
    : Math.min(declaration.replicas, brokerCount);
  let made: boolean;
  try {
    made = await admin.createTopics({
      waitForLeaders: true,
      topics: [{
        topic: declaration.topic,
        // Left out, the broker's defaults apply (num.partitions, default.replication.factor).
        ...(declaration.partitions === undefined ? {}
          : { numPartitions: declaration.partitions }),
        ...(replicas === undefined ? {} : { replicationFactor: replicas }),
        configEntries: Object.entries(declaration.config)
          .map(([name, value]) => ({ name, value })),
      }],
    });
  } catch (thrown) {
    return { kind: 'failed', declaration, error: asError(thrown).message };
  }
  const actual = (await describeTopics(admin, [declaration.topic])).get(declaration.topic)
    ?? { partitions: 0, replicas: 0 };
  return made ? { kind: 'created', declaration, actual } : { kind: 'drift-check', actual };
}
