import type { IHeaders } from 'kafkajs';

/** Header names the runtime writes and reads. Kafka headers are free text; these are ours. */
export const headerNames = {
  eventType: 'event_type',
  eventId: 'event_id',
  contentType: 'content-type',
  traceparent: 'traceparent',
} as const;

/**
 * Kafka headers as text. A header sent more than once keeps its last value, which is the
 * one a later writer meant. A header may have no value at all: Kafka allows it, kafkajs
 * then gives null although its types say otherwise, and it reads here as undefined.
 */
export function decodeHeaders(headers: IHeaders | undefined): Record<string, string | undefined> {
  const decoded: Record<string, string | undefined> = {};
  if (headers === undefined) return decoded;
  // A for-in loop and Buffer's own toString: this runs for every record, and
  // Object.entries with String() took three times as long.
  for (const name in headers) {
    const raw = headers[name];
    const value: unknown = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    decoded[name] = value === undefined || value === null ? undefined
      : Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
  }
  return decoded;
}

/**
 * The headers as kafkajs can write them again. It cannot write a header without a value
 * (it throws while encoding), so such a header travels on with an empty one.
 */
export function writableHeaders(headers: IHeaders | undefined): IHeaders {
  const writable: IHeaders = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const values: unknown[] = Array.isArray(raw) ? raw : [raw];
    const kept = values.map((value) =>
      value === null || value === undefined ? Buffer.alloc(0) : (value as Buffer | string));
    writable[name] = Array.isArray(raw) ? kept : kept[0];
  }
  return writable;
}
