import type { Worker } from './worker.js';

/** What the metrics endpoint reads from a publisher. */
export interface PublisherStats {
  readonly published: number;
  readonly failed: number;
}

interface Sample {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

interface Family {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge';
  readonly samples: readonly Sample[];
}

/**
 * The workers' and publishers' counters in the Prometheus text format (version 0.0.4),
 * written by hand: a handful of families do not need a metrics library.
 */
export function renderMetrics(
  workers: readonly Worker[],
  publishers: readonly { readonly stats: PublisherStats }[] = [],
): string {
  const byWorker = (value: (worker: Worker) => number): Sample[] =>
    workers.map((worker) => ({
      labels: { group: worker.groupId, operation: worker.operationId },
      value: value(worker),
    }));

  const families: Family[] = [
    { name: 'asyncapi_kafka_messages_handled_total', type: 'counter',
      help: 'Messages whose handler succeeded.', samples: byWorker((w) => w.stats.handled) },
    { name: 'asyncapi_kafka_handler_retries_total', type: 'counter',
      help: 'Handler runs that threw and were retried.', samples: byWorker((w) => w.stats.retried) },
    { name: 'asyncapi_kafka_handler_failures_total', type: 'counter',
      help: 'Handler runs that threw.', samples: byWorker((w) => w.stats.failed) },
    { name: 'asyncapi_kafka_messages_dead_lettered_total', type: 'counter',
      help: 'Messages written to a dead-letter topic.',
      samples: byWorker((w) => w.stats.deadLettered) },
    { name: 'asyncapi_kafka_messages_skipped_total', type: 'counter',
      help: 'Messages skipped: unknown event types and undeclared tombstones.',
      samples: workers.flatMap((worker) => [
        { labels: { group: worker.groupId, operation: worker.operationId,
          reason: 'unknown-event-type' }, value: worker.stats.unknownEventTypes },
        { labels: { group: worker.groupId, operation: worker.operationId, reason: 'tombstone' },
          value: worker.stats.tombstones },
      ]) },
    { name: 'asyncapi_kafka_consumer_lag', type: 'gauge',
      help: 'Messages between the last one handled and the high watermark, per partition.',
      samples: workers.flatMap((worker) => worker.stats.lag.map((lag) => ({
        labels: { group: worker.groupId, topic: lag.topic, partition: String(lag.partition) },
        value: lag.lag,
      }))) },
    { name: 'asyncapi_kafka_worker_ready', type: 'gauge',
      help: '1 when the worker has joined its group.',
      samples: byWorker((w) => (w.stats.ready ? 1 : 0)) },
  ];

  if (publishers.length > 0) {
    const total = (value: (stats: PublisherStats) => number) =>
      [{ labels: {}, value: publishers.reduce((sum, p) => sum + value(p.stats), 0) }];
    families.push(
      { name: 'asyncapi_kafka_events_published_total', type: 'counter',
        help: 'Events the broker acknowledged.', samples: total((s) => s.published) },
      { name: 'asyncapi_kafka_publish_failures_total', type: 'counter',
        help: 'Events that could not be delivered.', samples: total((s) => s.failed) },
    );
  }

  return families.map(renderFamily).join('');
}

function renderFamily(family: Family): string {
  let text = `# HELP ${family.name} ${family.help}\n# TYPE ${family.name} ${family.type}\n`;
  for (const sample of family.samples) {
    const labels = Object.entries(sample.labels)
      .map(([name, value]) => `${name}="${escapeLabel(value)}"`)
      .join(',');
    text += `${family.name}${labels === '' ? '' : `{${labels}}`} ${sample.value}\n`;
  }
  return text;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
