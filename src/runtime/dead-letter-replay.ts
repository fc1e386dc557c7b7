import type { Kafka } from 'kafkajs';

import { backoffDelay, pause } from './backoff.js';
import {
  deadLetterTopicFor,
  originalHeadersOf,
  readDeadLetterHeaders,
  type DeadLetterInfo,
} from './dead-letter.js';
import type { MessageDescriptor, ReceiveOperationDescriptor } from './descriptors.js';
import { resolveMessage } from './event-type.js';
import { createHandlerContext, type Route } from './handler-context.js';
import { headerNames } from './headers.js';
import { decodeRecord, type IncomingRecord } from './incoming-record.js';
import { redactValue } from './redaction.js';
import { buildRouteTable } from './route-table.js';
import { RuntimeError, asError } from './runtime-error.js';
import { expandAddress } from './topic-address.js';
import type { RetryOptions, WorkerRuntime } from './worker.js';

/**
 * Showing and replaying dead letters. Replay hands the original records to the handlers of
 * the group that dead-lettered them, in this process: it never writes to the source topic,
 * which every other group reads too. Nothing is removed from the dead-letter topic; the
 * caller chooses which letters to replay, by offset or by what their headers say.
 */
export interface DeadLetterRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  /** The original value as text; with sensitive fields redacted when shown. */
  readonly value: string | null;
  readonly info: DeadLetterInfo;
  /** The record as it travelled, for replay. */
  readonly raw: { readonly key: Buffer | null; readonly value: Buffer | null;
    readonly headers: import('kafkajs').IHeaders };
}

export interface ReadOptions {
  /** At most this many, the oldest first per partition. */
  readonly limit?: number;
  /** Messages whose `x-sensitive` fields are redacted from `value`. */
  readonly redact?: readonly MessageDescriptor[];
}

/** Every record now in the dead-letter topic, read without committing anything. */
export async function readDeadLetters(
  kafka: Kafka,
  topic: string,
  options: ReadOptions = {},
): Promise<DeadLetterRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const pending = new Map(ends.filter((end) => Number(end.high) > Number(end.low))
    .map((end) => [end.partition, Number(end.high)]));
  if (pending.size === 0) return [];

  const letters: DeadLetterRecord[] = [];
  const consumer = kafka.consumer({
    groupId: `${topic}.reader.${process.pid}.${Date.now()}`,
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: 500,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          const high = pending.get(partition);
          if (high === undefined) return;
          letters.push({
            topic,
            partition,
            offset: message.offset,
            key: message.key?.toString() ?? null,
            value: shownValue(message.value, message.headers, options.redact),
            info: readDeadLetterHeaders(message.headers),
            raw: { key: message.key, value: message.value, headers: message.headers ?? {} },
          });
          if (Number(message.offset) + 1 >= high) pending.delete(partition);
          if (pending.size === 0 || letters.length >= (options.limit ?? Infinity)) resolve();
        },
      }).catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return letters
    .sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset))
    .slice(0, options.limit ?? Infinity);
}

export interface ReplayOptions {
  /** The group whose handlers run; the operation's by default. */
  readonly groupId?: string;
  /** The dead-letter topic; by default the operation's, when it reads one topic. */
  readonly deadLetterTopic?: string;
  /** Which letters to replay; all of the group's by default. */
  readonly select?: (letter: DeadLetterRecord) => boolean;
  readonly retry?: RetryOptions;
  readonly validate?: boolean;
}

export interface ReplayResult {
  readonly handled: readonly DeadLetterRecord[];
  readonly failed: ReadonlyArray<{ readonly letter: DeadLetterRecord; readonly error: Error }>;
  readonly skipped: ReadonlyArray<{ readonly letter: DeadLetterRecord; readonly reason: string }>;
}

export async function replayDeadLetters(
  runtime: WorkerRuntime,
  operation: ReceiveOperationDescriptor,
  routes: readonly Route[],
  options: ReplayOptions = {},
): Promise<ReplayResult> {
  const groupId = options.groupId ?? operation.groupId;
  const topic = options.deadLetterTopic ?? defaultDeadLetterTopic(operation, groupId);
  const logger = runtime.logger.child({ component: 'replay', group_id: groupId,
    dead_letter_topic: topic });
  const table = buildRouteTable(operation, routes, logger);
  const retry = { attempts: 3, baseDelayMs: 200, maxDelayMs: 5000, ...options.retry };
  const validate = options.validate ?? true;

  const letters = (await readDeadLetters(runtime.kafka, topic))
    .filter((letter) => letter.info.consumerGroup === undefined ||
      letter.info.consumerGroup === groupId)
    .filter((letter) => options.select?.(letter) ?? true);

  const handled: DeadLetterRecord[] = [];
  const failed: Array<{ letter: DeadLetterRecord; error: Error }> = [];
  const skipped: Array<{ letter: DeadLetterRecord; reason: string }> = [];

  for (const letter of letters) {
    const record: IncomingRecord = {
      topic: letter.info.sourceTopic ?? topic,
      partition: letter.info.sourcePartition ?? letter.partition,
      offset: letter.info.sourceOffset ?? letter.offset,
      key: letter.raw.key,
      value: letter.raw.value,
      headers: originalHeadersOf(letter.raw.headers),
    };
    const decoded = decodeRecord(record, table.messages, validate);
    if (decoded.kind === 'invalid') {
      failed.push({ letter, error: decoded.error });
      continue;
    }
    if (decoded.kind !== 'event') {
      skipped.push({ letter, reason: decoded.kind });
      continue;
    }

    const entry = table.entryFor(decoded.message);
    for (let attempt = 1; ; attempt += 1) {
      const context = createHandlerContext({
        baseLogger: entry.logger.child({ dead_letter_offset: letter.offset }),
        topic: record.topic,
        partition: record.partition,
        offset: record.offset,
        key: decoded.key,
        eventType: decoded.eventType,
        eventId: decoded.eventId,
        headers: decoded.headers,
        attempt,
      });
      try {
        await entry.route.handle(decoded.payload, context);
        context.logger.info('dead letter replayed');
        handled.push(letter);
        break;
      } catch (thrown) {
        const error = asError(thrown);
        if (attempt >= retry.attempts) {
          context.logger.error({ err: error, attempt }, 'dead letter failed again on replay');
          failed.push({ letter, error });
          break;
        }
        await pause(backoffDelay(attempt, retry));
      }
    }
  }
  return { handled, failed, skipped };
}

function defaultDeadLetterTopic(operation: ReceiveOperationDescriptor, groupId: string): string {
  if (operation.deadLetterTopic !== undefined) return operation.deadLetterTopic;
  const values: Record<string, readonly string[] | undefined> = {};
  for (const parameter of operation.channel.parameters) values[parameter.name] = parameter.values;
  const topics = expandAddress(operation.channel.address, values);
  if (topics?.length !== 1) {
    throw new RuntimeError('missing-parameter',
      `operation "${operation.id}" reads several topics; say which dead-letter topic to replay`);
  }
  return deadLetterTopicFor(operation, topics[0] as string, groupId);
}

function shownValue(
  value: Buffer | null,
  headers: import('kafkajs').IHeaders | undefined,
  messages: readonly MessageDescriptor[] | undefined,
): string | null {
  if (value === null) return null;
  const text = value.toString();
  if (!messages || messages.length === 0) return text;

  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return text;
  }
  const headerType = readDeadLetterHeaders(headers).originalHeaders[headerNames.eventType];
  try {
    const resolution = resolveMessage(messages, payload, headerType);
    if (resolution.kind !== 'known') return text;
    return JSON.stringify(redactValue(payload, resolution.message.sensitivePaths));
  } catch (thrown) {
    // JSON nested some thousands deep parses, but overflows the stack of anything that
    // walks it. Shown unredacted it could leak a sensitive field, so it is described.
    if (!(thrown instanceof RangeError)) throw thrown;
    return `(a value of ${value.length} bytes, nested too deeply to show with its sensitive fields redacted)`;
  }
}
