/**
 * A topic as the documents declare it, merged over every document that names it. The
 * fields a declaration leaves out are no requirement: `audit.yaml` reading
 * `features.events` without `retention.ms` does not contradict `features.yaml` setting it.
 */
export interface TopicDeclaration {
  readonly topic: string;
  readonly partitions: number | undefined;
  readonly replicas: number | undefined;
  readonly config: Readonly<Record<string, string>>;
  /** Where it is declared, such as `asyncapi/features.yaml:13:17`, for messages. */
  readonly sources: readonly string[];
}

/** Two declarations of one topic that ask for different values of the same setting. */
export interface DeclarationConflict {
  readonly topic: string;
  readonly setting: string;
  readonly values: ReadonlyArray<{ readonly value: string; readonly source: string }>;
}

/** What one channel, or the dead letters of one operation, asks of a topic. */
export interface TopicRequest {
  readonly topic: string;
  readonly partitions: number | undefined;
  readonly replicas: number | undefined;
  readonly config: Readonly<Record<string, string>>;
  readonly source: string;
  /**
   * Derived settings (a dead-letter topic copies its source's partitions) give way to any
   * declared ones, and never conflict.
   */
  readonly derived: boolean;
}

export function mergeTopicRequests(requests: readonly TopicRequest[]): {
  topics: TopicDeclaration[];
  conflicts: DeclarationConflict[];
} {
  const byTopic = new Map<string, TopicRequest[]>();
  for (const request of requests) {
    byTopic.set(request.topic, [...(byTopic.get(request.topic) ?? []), request]);
  }

  const topics: TopicDeclaration[] = [];
  const conflicts: DeclarationConflict[] = [];
  for (const [topic, all] of [...byTopic].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const declared = all.filter((request) => !request.derived);
    const deciding = declared.length > 0 ? declared : all;

    const settings: Record<string, string> = {};
    const wanted = new Map<string, Array<{ value: string; source: string }>>();
    for (const request of deciding) {
      const values: Record<string, string | undefined> = {
        partitions: request.partitions?.toString(),
        replicas: request.replicas?.toString(),
        ...request.config,
      };
      for (const [setting, value] of Object.entries(values)) {
        if (value === undefined) continue;
        wanted.set(setting, [...(wanted.get(setting) ?? []), { value, source: request.source }]);
      }
    }
    for (const [setting, values] of wanted) {
      const distinct = [...new Set(values.map((entry) => entry.value))];
      // Derived dead-letter topics of several groups may copy different partition counts;
      // the largest serves them all.
      if (distinct.length > 1 && declared.length === 0) {
        settings[setting] = String(Math.max(...distinct.map(Number)));
        continue;
      }
      if (distinct.length > 1) conflicts.push({ topic, setting, values });
      settings[setting] = values[0]?.value ?? '';
    }

    const { partitions, replicas, ...config } = settings;
    topics.push({
      topic,
      partitions: partitions === undefined ? undefined : Number(partitions),
      replicas: replicas === undefined ? undefined : Number(replicas),
      config,
      sources: [...new Set(all.map((request) => request.source))],
    });
  }
  return { topics, conflicts };
}
