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
 * one a later writer meant.
 */
export function decodeHeaders(headers: IHeaders | undefined): Record<string, string | undefined> {
  const decoded: Record<string, string | undefined> = {};
  if (headers === undefined) return decoded;
  for (const [name, raw] of Object.entries(headers)) {
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    decoded[name] = value === undefined ? undefined : value.toString();
  }
  return decoded;
}
