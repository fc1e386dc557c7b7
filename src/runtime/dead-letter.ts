import type { IHeaders, Message } from 'kafkajs';

import type { ReceiveOperationDescriptor } from './descriptors.js';
import { formatTimestamp } from './envelope.js';
import { decodeHeaders, writableHeaders } from './headers.js';
import type { IncomingRecord } from './incoming-record.js';

/**
 * A dead letter keeps the original key, value and headers, and adds headers that say
 * where it came from and why it failed, so that it can be inspected and replayed.
 */
export const deadLetterHeaders = {
  sourceTopic: 'dlq.source.topic',
  sourcePartition: 'dlq.source.partition',
  sourceOffset: 'dlq.source.offset',
  consumerGroup: 'dlq.consumer.group',
  attempts: 'dlq.attempts',
  firstFailure: 'dlq.first.failure',
  lastFailure: 'dlq.last.failure',
  errorName: 'dlq.error.name',
  errorMessage: 'dlq.error.message',
  reason: 'dlq.reason',
  /** Set when the letter goes without the original value, and says why. */
  valueOmitted: 'dlq.value.omitted',
} as const;

/** Why a message was dead-lettered: the error code of a rejected record, or the handler. */
export type DeadLetterReason = string;

export interface Failure {
  readonly reason: DeadLetterReason;
  readonly error: Error;
  /** How many times the handler ran: 0 when the record was rejected before it. */
  readonly attempts: number;
  readonly firstFailure: Date;
  readonly lastFailure: Date;
}

const maxErrorMessageLength = 4096;

export function deadLetterTopicFor(
  operation: ReceiveOperationDescriptor,
  sourceTopic: string,
  groupId: string,
): string {
  return operation.deadLetterTopic ?? `${sourceTopic}.${groupId}.dlq`;
}

export function deadLetterMessage(
  record: IncomingRecord,
  groupId: string,
  failure: Failure,
): Message {
  const headers: IHeaders = writableHeaders(record.headers);
  headers[deadLetterHeaders.sourceTopic] = record.topic;
  headers[deadLetterHeaders.sourcePartition] = String(record.partition);
  headers[deadLetterHeaders.sourceOffset] = record.offset;
  headers[deadLetterHeaders.consumerGroup] = groupId;
  headers[deadLetterHeaders.attempts] = String(failure.attempts);
  headers[deadLetterHeaders.firstFailure] = formatTimestamp(failure.firstFailure);
  headers[deadLetterHeaders.lastFailure] = formatTimestamp(failure.lastFailure);
  headers[deadLetterHeaders.errorName] = failure.error.name;
  headers[deadLetterHeaders.errorMessage] = failure.error.message.slice(0, maxErrorMessageLength);
  headers[deadLetterHeaders.reason] = failure.reason;
  return { key: record.key, value: record.value, headers };
}

/**
 * The letter without the original value, for when the broker refuses the whole of it as
 * too large: the headers added to a record close to the broker's limit can pass it. A
 * letter that says where the record is and why it failed beats a partition stuck on it.
 */
export function withoutValue(letter: Message): Message {
  const size = letter.value === null || letter.value === undefined ? 0
    : Buffer.byteLength(letter.value);
  return {
    key: letter.key ?? null,
    value: null,
    headers: { ...letter.headers, [deadLetterHeaders.valueOmitted]:
      `the original value of ${size} bytes made the letter larger than the broker accepts` },
  };
}

/** What the dead-letter headers of a record say, for showing and replaying. */
export interface DeadLetterInfo {
  readonly sourceTopic: string | undefined;
  readonly sourcePartition: number | undefined;
  readonly sourceOffset: string | undefined;
  readonly consumerGroup: string | undefined;
  readonly attempts: number | undefined;
  readonly firstFailure: string | undefined;
  readonly lastFailure: string | undefined;
  readonly errorName: string | undefined;
  readonly errorMessage: string | undefined;
  readonly reason: string | undefined;
  readonly valueOmitted: string | undefined;
  /** The headers the original record had, without the dead-letter ones. */
  readonly originalHeaders: Record<string, string | undefined>;
}

export function readDeadLetterHeaders(headers: IHeaders | undefined): DeadLetterInfo {
  const all = decodeHeaders(headers);
  const originalHeaders: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(all)) {
    if (!name.startsWith('dlq.')) originalHeaders[name] = value;
  }
  const number = (text: string | undefined) => (text === undefined ? undefined : Number(text));
  return {
    sourceTopic: all[deadLetterHeaders.sourceTopic],
    sourcePartition: number(all[deadLetterHeaders.sourcePartition]),
    sourceOffset: all[deadLetterHeaders.sourceOffset],
    consumerGroup: all[deadLetterHeaders.consumerGroup],
    attempts: number(all[deadLetterHeaders.attempts]),
    firstFailure: all[deadLetterHeaders.firstFailure],
    lastFailure: all[deadLetterHeaders.lastFailure],
    errorName: all[deadLetterHeaders.errorName],
    errorMessage: all[deadLetterHeaders.errorMessage],
    reason: all[deadLetterHeaders.reason],
    valueOmitted: all[deadLetterHeaders.valueOmitted],
    originalHeaders,
  };
}

/** The original headers, as a record that can travel again through the decoder. */
export function originalHeadersOf(headers: IHeaders | undefined): IHeaders {
  const kept: IHeaders = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!name.startsWith('dlq.')) kept[name] = value;
  }
  return kept;
}
