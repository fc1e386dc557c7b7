/**
 * `topics`: the topics the documents declare, on the brokers in KAFKA_BROKERS. Creates the
 * missing ones (or, with --check, only reports them) and reports drift; it never alters a
 * topic that exists.
 */
import path from 'node:path';

import { formatDiagnostic, hasErrors } from '../codegen/diagnostics.js';
import { generate } from '../codegen/run-codegen.js';
import { topicsOfModel } from '../ops/model-topics.js';
import type { TopicDeclaration } from '../ops/topic-declaration.js';
import {
  syncTopics,
  type TopicReport,
  type TopicState,
  type TopicStatus,
} from '../ops/topic-sync.js';
import { flagValues, helpText, parseFlags, type FlagSpec } from './arguments.js';
import { EXIT_BAD_INPUT, EXIT_FINDING, EXIT_OK } from './exit-codes.js';
import { withKafka } from './kafka-connection.js';
import type { Terminal } from './terminal.js';

const FLAGS: Record<string, FlagSpec> = {
  spec: {
    kind: 'list',
    placeholder: 'PATH...',
    description: 'documents or folders to read (default: asyncapi/)',
  },
  check: { kind: 'boolean', description: 'create nothing; a missing topic is drift too' },
  help: { kind: 'boolean', description: 'show this help' },
};

const SUMMARY =
  'Creates the topics the documents declare (partitions, replicas, topic configuration from\n' +
  'the Kafka bindings) and the dead-letter topic of every receive operation, on the brokers\n' +
  'in KAFKA_BROKERS (default 127.0.0.1:9092). Existing topics are never altered: one with\n' +
  'fewer partitions or other settings than declared is reported as drift. Replicas are\n' +
  'capped to the number of brokers. Exit 0 when every topic is as declared, 1 on drift,\n' +
  '2 on bad input, unreachable brokers or a topic the broker refused to create.';

export async function topicsCommand(argv: readonly string[], terminal: Terminal): Promise<number> {
  const flags = parseFlags(argv, FLAGS);
  if (flags.has('help')) {
    terminal.out(helpText('npm run topics -- [flags]', SUMMARY, FLAGS));
    return EXIT_OK;
  }

  const specPaths = flagValues(flags, 'spec') ?? ['asyncapi'];
  const { diagnostics, model } = await generate({
    specPaths,
    // Nothing is written; the folder only decides import paths inside generated files.
    outDir: path.resolve('generated'),
    urlMappings: [],
  });
  const declared = model === undefined ? undefined : topicsOfModel(model);
  const all = [...diagnostics, ...(declared?.diagnostics ?? [])];
  for (const diagnostic of all) {
    if (diagnostic.severity !== 'warning') terminal.err(formatDiagnostic(diagnostic));
  }
  if (declared === undefined || hasErrors(all)) {
    terminal.err('topics: stopped by the errors above; no topic was touched.');
    return EXIT_BAD_INPUT;
  }
  if (declared.topics.length === 0) {
    terminal.err(`topics: the documents in ${specPaths.join(', ')} declare no Kafka topic.`);
    return EXIT_OK;
  }

  const create = !flags.has('check');
  return withKafka('topics', terminal, async ({ kafka }) => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const report = await syncTopics(admin, declared.topics, { create });
      return printReport(report, terminal, create);
    } finally {
      await admin.disconnect();
    }
  });
}

function printReport(report: TopicReport, terminal: Terminal, create: boolean): number {
  for (const { topic, declared, used } of report.capped) {
    terminal.err(`topics: "${topic}" declares ${declared} replicas; the cluster has ` +
      `${report.brokerCount} broker(s), so ${used} are used.`);
  }

  const width = Math.max(...report.statuses.map((status) => status.declaration.topic.length));
  for (const status of report.statuses) {
    terminal.out(`${status.kind.padEnd(8)} ${status.declaration.topic.padEnd(width)}  ` +
      describe(status));
  }

  const count = (kind: TopicStatus['kind']): number =>
    report.statuses.filter((status) => status.kind === kind).length;
  const failed = count('failed');
  const drifted = count('drift') + count('missing');
  const summary = `${report.statuses.length} topic(s): ${count('ok')} as declared, ` +
    `${count('created')} created, ${count('missing')} missing, ${count('drift')} drifted` +
    (failed > 0 ? `, ${failed} could not be created` : '');
  terminal.err(`topics: ${summary}.`);

  if (failed > 0) return EXIT_BAD_INPUT;
  if (drifted > 0) {
    terminal.err(count('missing') > 0 && !create
      ? 'topics: run `npm run topics` to create the missing ones; drifted topics are ' +
        'never altered, change them on the cluster or in the documents.'
      : 'topics: drifted topics are never altered; change them on the cluster or in the ' +
        'documents.');
    return EXIT_FINDING;
  }
  return EXIT_OK;
}

function describe(status: TopicStatus): string {
  const at = `(${status.declaration.sources.join(', ')})`;
  switch (status.kind) {
    case 'ok':
    case 'created':
      return `${shape(status.actual, status.declaration)}`;
    case 'missing':
      return `does not exist; declared ${declaredShape(status.declaration)} ${at}`;
    case 'drift':
      return `${status.differences.join('; ')} ${at}`;
    case 'failed':
      return `${status.error} ${at}`;
  }
}

function shape(actual: TopicState, declaration: TopicDeclaration): string {
  const config = Object.entries(declaration.config).map(([name, value]) => `${name}=${value}`);
  return [`${actual.partitions} partition(s)`, `${actual.replicas} replica(s)`, ...config]
    .join(', ');
}

function declaredShape(declaration: TopicDeclaration): string {
  const parts = [
    declaration.partitions === undefined
      ? 'default partitions'
      : `${declaration.partitions} partition(s)`,
    declaration.replicas === undefined ? 'default replicas' : `${declaration.replicas} replica(s)`,
    ...Object.entries(declaration.config).map(([name, value]) => `${name}=${value}`),
  ];
  return parts.join(', ');
}
