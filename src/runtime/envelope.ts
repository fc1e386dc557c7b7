import { randomUUID } from 'node:crypto';

/**
 * The house envelope: `event_type`, `event_id`, `timestamp` and `data`. Producers fill
 * everything but `data`; workers check that all four are there before anything else.
 */
export interface Envelope<TData = unknown> {
  readonly event_type: string;
  readonly event_id: string;
  readonly timestamp: string;
  readonly data: TData;
}

export const envelopeFields = ['event_type', 'event_id', 'timestamp', 'data'] as const;

export interface EnvelopeOptions {
  readonly eventId?: string | undefined;
  readonly timestamp?: Date | undefined;
}

export function makeEnvelope<TData>(
  eventType: string,
  data: TData,
  options: EnvelopeOptions = {},
): Envelope<TData> {
  return {
    event_type: eventType,
    event_id: options.eventId ?? randomUUID(),
    timestamp: formatTimestamp(options.timestamp ?? new Date()),
    data,
  };
}

/** RFC 3339 in UTC with milliseconds, as `Date.prototype.toISOString` writes it. */
export function formatTimestamp(date: Date): string {
  return date.toISOString();
}

/** The first envelope field that the value lacks, or undefined when it has all four. */
export function missingEnvelopeField(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'event_type';
  const record = value as Record<string, unknown>;
  for (const field of envelopeFields) {
    if (field === 'data') {
      if (!('data' in record)) return field;
    } else if (typeof record[field] !== 'string') {
      return field;
    }
  }
  return undefined;
}
