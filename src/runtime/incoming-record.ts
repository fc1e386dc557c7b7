import type { IHeaders } from 'kafkajs';

import type { MessageDescriptor } from './descriptors.js';
import { missingEnvelopeField } from './envelope.js';
import { resolveMessage } from './event-type.js';
import { decodeHeaders, headerNames } from './headers.js';
import { RuntimeError } from './runtime-error.js';
import { checkPayload } from './validation.js';

/** A Kafka record as the runtime sees it, whether from a consumer, a replay or a test. */
export interface IncomingRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | string | null;
  readonly value: Buffer | string | null;
  readonly headers?: IHeaders | undefined;
}

interface Common {
  readonly key: string | null;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly eventType: string | undefined;
  readonly eventId: string | undefined;
}

/** What decoding found: an event to handle, or why there is none. */
export type Decoded =
  | (Common & {
      readonly kind: 'event';
      readonly message: MessageDescriptor;
      readonly payload: unknown;
      readonly eventType: string;
      readonly headerMismatch: string | undefined;
    })
  | (Common & { readonly kind: 'unknown-type'; readonly eventType: string })
  | (Common & { readonly kind: 'tombstone' })
  | (Common & { readonly kind: 'invalid'; readonly error: RuntimeError });

/**
 * Decode → find the event type → validate, for one record. Pure: nothing is logged or
 * counted here, so that the worker, the replay and the test harness agree on every case.
 */
export function decodeRecord(
  record: IncomingRecord,
  messages: readonly MessageDescriptor[],
  validate: boolean,
): Decoded {
  const headers = decodeHeaders(record.headers);
  const key = record.key === null ? null : record.key.toString();
  const headerType = headers[headerNames.eventType];
  const headerId = headers[headerNames.eventId];
  const base = { key, headers, eventType: headerType, eventId: headerId };

  if (record.value === null) return decodeTombstone(base, messages, headerType);

  let payload: unknown;
  try {
    payload = JSON.parse(textOf(record.value));
  } catch (thrown) {
    const reason = thrown instanceof Error ? thrown.message : String(thrown);
    return { ...base, kind: 'invalid',
      error: new RuntimeError('malformed-json', `the value is not JSON: ${reason}`) };
  }

  const resolution = resolveMessage(messages, payload, headerType);
  if (resolution.kind === 'unknown') {
    const eventId = envelopeId(payload) ?? headerId;
    return { ...base, eventId, kind: 'unknown-type', eventType: resolution.eventType };
  }
  if (resolution.kind === 'unresolved') {
    const code = resolution.matches === 0 ? 'no-matching-message' : 'ambiguous-message';
    const detail = resolution.matches === 0 ? 'matches no message' : 'matches several messages';
    return { ...base, kind: 'invalid', error: new RuntimeError(code,
      `the value has no event type, neither in an envelope nor a header, and ${detail} ` +
        `of the channel`) };
  }

  const { message } = resolution;
  const eventId = message.envelope ? envelopeId(payload) : headerId;
  const known = { ...base, eventType: message.eventType, eventId };

  if (message.envelope) {
    const missing = missingEnvelopeField(payload);
    if (missing !== undefined) {
      return { ...known, kind: 'invalid', error: new RuntimeError('missing-envelope-field',
        `the envelope of "${message.eventType}" has no ${missing}`) };
    }
  }
  if (validate) {
    const problem = checkPayload(message, payload);
    if (problem) return { ...known, kind: 'invalid', error: problem };
  }
  // Spelled out rather than spread: this is the path of every good message, and on Node 20
  // an object spread followed by more properties costs microseconds (see BENCHMARKS.md).
  return {
    kind: 'event',
    key,
    headers,
    eventType: message.eventType,
    eventId,
    message,
    payload,
    headerMismatch: resolution.headerMismatch,
  };
}

function decodeTombstone(
  base: Common,
  messages: readonly MessageDescriptor[],
  headerType: string | undefined,
): Decoded {
  const candidates = messages.filter((message) => message.tombstone);
  const message =
    candidates.find((candidate) => candidate.eventType === headerType) ?? candidates[0];
  if (!message) return { ...base, kind: 'tombstone' };
  return { ...base, kind: 'event', message, payload: null, eventType: message.eventType,
    headerMismatch: undefined };
}

// JSON on the wire is UTF-8 (RFC 8259). Buffer.toString would turn bad bytes into U+FFFD
// and hand the handler text that no producer wrote; a fatal decoder rejects them instead.
const utf8 = new TextDecoder('utf-8', { fatal: true });

function textOf(value: Buffer | string): string {
  if (typeof value === 'string') return value;
  try {
    return utf8.decode(value);
  } catch {
    throw new Error('its bytes are not valid UTF-8');
  }
}

function envelopeId(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const value = (payload as { event_id?: unknown }).event_id;
  return typeof value === 'string' ? value : undefined;
}
