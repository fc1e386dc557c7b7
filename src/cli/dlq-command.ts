/**
 * `dlq show` and `dlq replay`: what is in a dead-letter topic, and handing chosen letters
 * to the handlers of the group that dead-lettered them, in this process. Replay never
 * writes to the source topic, which every group reads, and removes nothing: a letter
 * replayed twice is handled twice.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { ToolError } from '../errors.js';
import {
  operationsForDeadLetterTopic,
  type DeadLetterService,
} from '../ops/dead-letter-service.js';
import {
  readDeadLetters,
  replayDeadLetters,
  type DeadLetterRecord,
  type ReceiveOperationDescriptor,
} from '../runtime/index.js';
import { flagValues, helpText, parseFlags, type FlagSpec, type ParsedFlags } from './arguments.js';
import { EXIT_BAD_INPUT, EXIT_FINDING, EXIT_OK } from './exit-codes.js';
import { withKafka, type KafkaConnection } from './kafka-connection.js';
import type { Terminal } from './terminal.js';

const DEFAULT_SERVICE = 'src/dead-letters.ts';

const COMMON: Record<string, FlagSpec> = {
  topic: { kind: 'value', placeholder: 'TOPIC', description: 'the dead-letter topic' },
  group: {
    kind: 'value',
    placeholder: 'GROUP',
    description: 'only letters of this consumer group (default: the operation\'s group)',
  },
  service: {
    kind: 'value',
    placeholder: 'MODULE',
    description: `module exporting \`deadLetterService\` (default: ${DEFAULT_SERVICE})`,
  },
  help: { kind: 'boolean', description: 'show this help' },
};

const SHOW_FLAGS: Record<string, FlagSpec> = {
  ...COMMON,
  limit: { kind: 'value', placeholder: 'N', description: 'at most N letters, oldest first' },
  json: { kind: 'boolean', description: 'one JSON object per letter' },
};

const REPLAY_FLAGS: Record<string, FlagSpec> = {
  ...COMMON,
  letter: {
    kind: 'list',
    placeholder: 'PARTITION:OFFSET...',
    description: 'the letters to replay, as `dlq show` lists them',
  },
  reason: { kind: 'value', placeholder: 'REASON', description: 'letters with this dlq.reason' },
  all: { kind: 'boolean', description: 'every letter of the group' },
};

const USAGE =
  'Usage: npm run dlq -- show --topic TOPIC [--group GROUP] [--limit N] [--json]\n' +
  '       npm run dlq -- replay --topic TOPIC [--group GROUP] ' +
  '(--letter P:O... | --reason R | --all)\n';

const SUMMARY =
  'Shows a dead-letter topic, or replays chosen letters to the handlers of the group that\n' +
  'dead-lettered them (never to the source topic). Sensitive fields are redacted when the\n' +
  'service module names the operation. Replay exits 1 when a letter fails again or is\n' +
  'skipped; nothing is removed from the dead-letter topic.';

export async function dlqCommand(argv: readonly string[], terminal: Terminal): Promise<number> {
  const [action, ...rest] = argv;
  if (action === 'show') return show(rest, terminal);
  if (action === 'replay') return replay(rest, terminal);
  if (action === undefined || action === '--help' || action === 'help') {
    terminal.out(`${USAGE}\n${SUMMARY}\n\nRun \`npm run dlq -- show --help\` for the flags.\n`);
    return action === undefined ? EXIT_BAD_INPUT : EXIT_OK;
  }
  terminal.err(`dlq: unknown action "${action}".\n${USAGE}`);
  return EXIT_BAD_INPUT;
}

async function show(argv: readonly string[], terminal: Terminal): Promise<number> {
  const flags = parseFlags(argv, SHOW_FLAGS);
  if (flags.has('help')) {
    terminal.out(helpText('npm run dlq -- show [flags]', SUMMARY, SHOW_FLAGS));
    return EXIT_OK;
  }
  const topic = required(flags, 'topic');
  const group = flagValues(flags, 'group')?.[0];
  const limit = positiveInteger(flags, 'limit');
  const service = await loadService(flags, false);
  const operations = service === undefined
    ? []
    : operationsForDeadLetterTopic(service.operations, topic, group);

  return withKafka('dlq', terminal, async ({ kafka }) => {
    if (!(await topicExists({ kafka }, topic))) {
      terminal.err(`dlq: topic "${topic}" does not exist on the brokers.`);
      return EXIT_BAD_INPUT;
    }
    const letters = (await readDeadLetters(kafka, topic, {
      redact: operations.flatMap((operation) => operation.channel.messages),
    })).filter((letter) => group === undefined || letter.info.consumerGroup === group)
      .slice(0, limit);

    for (const letter of letters) {
      terminal.out(flags.has('json') ? JSON.stringify(letterJson(letter)) : letterText(letter));
    }
    terminal.err(`dlq: ${letters.length} letter(s) in ${topic}` +
      `${group === undefined ? '' : ` for group ${group}`}` +
      `${operations.length === 0 ? '; values shown unredacted, no operation of the service ' +
        'reads into this topic' : ''}.`);
    return EXIT_OK;
  });
}

async function replay(argv: readonly string[], terminal: Terminal): Promise<number> {
  const flags = parseFlags(argv, REPLAY_FLAGS);
  if (flags.has('help')) {
    terminal.out(helpText('npm run dlq -- replay [flags]', SUMMARY, REPLAY_FLAGS));
    return EXIT_OK;
  }
  const topic = required(flags, 'topic');
  const group = flagValues(flags, 'group')?.[0];
  const select = selection(flags);
  const service = await loadService(flags, true) as DeadLetterService;
  const operation = onlyOperation(operationsForDeadLetterTopic(service.operations, topic, group),
    topic, group);

  return withKafka('dlq', terminal, async ({ kafka, logger }) => {
    if (!(await topicExists({ kafka }, topic))) {
      terminal.err(`dlq: topic "${topic}" does not exist on the brokers.`);
      return EXIT_BAD_INPUT;
    }
    const handlers = await service.openHandlers({ kafka, logger });
    let result;
    try {
      result = await replayDeadLetters({ kafka, logger }, operation,
        handlers.routesFor(operation), {
          deadLetterTopic: topic,
          select,
          ...(group === undefined ? {} : { groupId: group }),
        });
    } finally {
      await handlers.close();
    }

    for (const letter of result.handled) terminal.out(`handled  ${where(letter)}`);
    for (const { letter, error } of result.failed) {
      terminal.out(`failed   ${where(letter)}  ${error.name}: ${error.message}`);
    }
    for (const { letter, reason } of result.skipped) {
      terminal.out(`skipped  ${where(letter)}  ${reason}`);
    }
    terminal.err(`dlq: replayed ${result.handled.length} letter(s) to group ` +
      `${group ?? operation.groupId}, ${result.failed.length} failed again, ` +
      `${result.skipped.length} skipped; nothing was removed from ${topic}.`);
    return result.failed.length + result.skipped.length > 0 ? EXIT_FINDING : EXIT_OK;
  });
}

function selection(flags: ParsedFlags): (letter: DeadLetterRecord) => boolean {
  const letters = flagValues(flags, 'letter');
  const reason = flagValues(flags, 'reason')?.[0];
  if (letters === undefined && reason === undefined && !flags.has('all')) {
    throw new ToolError('INVALID_OPTION',
      'dlq replay needs --letter, --reason or --all, so that nothing is replayed by accident.');
  }
  const wanted = new Set((letters ?? []).map((text) => {
    if (!/^\d+:\d+$/.test(text)) {
      throw new ToolError('INVALID_OPTION',
        `--letter ${text} is not PARTITION:OFFSET, such as 0:12.`);
    }
    return text;
  }));
  return (letter) =>
    (letters === undefined || wanted.has(where(letter))) &&
    (reason === undefined || letter.info.reason === reason);
}

function onlyOperation(
  operations: readonly ReceiveOperationDescriptor[],
  topic: string,
  group: string | undefined,
): ReceiveOperationDescriptor {
  const [operation, ...others] = operations;
  if (operation === undefined) {
    throw new ToolError('INVALID_OPTION', `No operation of the service writes dead letters of ` +
      `${group === undefined ? 'its group' : `group "${group}"`} to "${topic}"; ` +
      'say which with --topic and --group.');
  }
  if (others.length > 0) {
    throw new ToolError('INVALID_OPTION', `Operations ${operations.map((o) => `"${o.id}"`)
      .join(', ')} all write dead letters to "${topic}"; say which group with --group.`);
  }
  return operation;
}

async function loadService(flags: ParsedFlags, needed: boolean):
Promise<DeadLetterService | undefined> {
  const given = flagValues(flags, 'service')?.[0];
  const file = path.resolve(given ?? DEFAULT_SERVICE);
  const found = await access(file).then(() => true, () => false);
  if (!found) {
    if (given === undefined && !needed) return undefined;
    throw new ToolError('INVALID_OPTION', `The service module ${file} does not exist; ` +
      'name the module that exports `deadLetterService` with --service.');
  }
  const module = await import(pathToFileURL(file).href) as { deadLetterService?: unknown };
  const service = module.deadLetterService as Partial<DeadLetterService> | undefined;
  if (!Array.isArray(service?.operations) || typeof service?.openHandlers !== 'function') {
    throw new ToolError('INVALID_OPTION', `${file} does not export \`deadLetterService\` ` +
      'with `operations` and `openHandlers` (see src/ops/dead-letter-service.ts).');
  }
  return service as DeadLetterService;
}

async function topicExists({ kafka }: Pick<KafkaConnection, 'kafka'>, topic: string):
Promise<boolean> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.listTopics()).includes(topic);
  } finally {
    await admin.disconnect();
  }
}

function required(flags: ParsedFlags, name: string): string {
  const value = flagValues(flags, name)?.[0];
  if (value === undefined) {
    throw new ToolError('INVALID_OPTION', `dlq needs --${name}; see --help.`);
  }
  return value;
}

function positiveInteger(flags: ParsedFlags, name: string): number | undefined {
  const text = flagValues(flags, name)?.[0];
  if (text === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(text)) {
    throw new ToolError('INVALID_OPTION', `--${name} ${text} is not a whole number above 0.`);
  }
  return Number(text);
}

function where(letter: DeadLetterRecord): string {
  return `${letter.partition}:${letter.offset}`;
}

function letterText(letter: DeadLetterRecord): string {
  const { info } = letter;
  const eventType = info.originalHeaders['event_type'] ?? envelopeType(letter.value) ??
    '(no event type)';
  const source = `${info.sourceTopic ?? '?'} ` +
    `${info.sourcePartition ?? '?'}:${info.sourceOffset ?? '?'}`;
  return [
    `${where(letter)}  ${eventType}  from ${source}  group ${info.consumerGroup ?? '?'}`,
    `    ${info.reason ?? 'unknown reason'} after ${info.attempts ?? '?'} attempt(s), ` +
      `last at ${info.lastFailure ?? '?'}: ` +
      `${info.errorName ?? 'Error'}: ${info.errorMessage ?? ''}`,
    `    key ${letter.key ?? 'null'}  value ${letter.value ?? 'null'}`,
  ].join('\n');
}

function envelopeType(value: string | null): string | undefined {
  try {
    const parsed = JSON.parse(value ?? '') as { event_type?: unknown };
    return typeof parsed.event_type === 'string' ? parsed.event_type : undefined;
  } catch {
    return undefined;
  }
}

function letterJson(letter: DeadLetterRecord): Record<string, unknown> {
  const { originalHeaders, ...info } = letter.info;
  return {
    partition: letter.partition,
    offset: letter.offset,
    key: letter.key,
    value: letter.value,
    ...info,
    headers: originalHeaders,
  };
}
