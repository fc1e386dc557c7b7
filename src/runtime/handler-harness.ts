import { Writable } from 'node:stream';

import pino from 'pino';

import type { MessageDescriptor } from './descriptors.js';
import { makeEnvelope, type Envelope, type EnvelopeOptions } from './envelope.js';
import { createHandlerContext, type Handler } from './handler-context.js';
import { headerNames } from './headers.js';
import { decodeRecord } from './incoming-record.js';
import { parsePointer, valueAt } from './json-pointer.js';
import { RecordingPublisher, type PublishedEvent } from './recording-publisher.js';
import { pinoRedactPaths } from './redaction.js';

/**
 * Unit tests for handlers, without a broker. The harness sends an event through the same
 * decoding and validation a worker uses, calls the handler with a real context (its logger
 * writes into `logs`), and records what the handler published through `publisher`.
 *
 *   const harness = createHandlerHarness();
 *   const handlers = createFeatureHandlers({ publisher: harness.publisher });
 *   await harness.deliver(featureCreated, harness.event(featureCreated, { ... }),
 *     handlers.onFeatureCreated);
 *   expect(harness.publisher.published).toHaveLength(1);
 */
export interface DeliverOptions {
  readonly topic?: string;
  readonly partition?: number;
  readonly offset?: string;
  /** The Kafka key; by default the one the message's `x-key` gives. */
  readonly key?: string | null;
  readonly headers?: Readonly<Record<string, string>>;
  readonly attempt?: number;
}

export interface Delivery {
  /** What the handler published during this delivery. */
  readonly published: readonly PublishedEvent[];
  /** What was logged during this delivery. */
  readonly logs: ReadonlyArray<Record<string, unknown>>;
}

export interface HandlerHarness {
  readonly publisher: RecordingPublisher;
  /** Every line logged through handler contexts, parsed. */
  readonly logs: ReadonlyArray<Record<string, unknown>>;
  /** An envelope around `data`, as a producer would fill it. */
  event<T extends Envelope>(
    message: MessageDescriptor<T>,
    data: T['data'],
    options?: EnvelopeOptions,
  ): T;
  /** Rejects with the handler's error, or with the validation error of a bad payload. */
  deliver<T>(
    message: MessageDescriptor<T>,
    payload: T,
    handler: Handler<T>,
    options?: DeliverOptions,
  ): Promise<Delivery>;
}

export function createHandlerHarness(options: { validate?: boolean; logLevel?: pino.Level } = {}):
HandlerHarness {
  const validate = options.validate ?? true;
  const publisher = new RecordingPublisher({ validate });
  const logs: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const text of chunk.toString().split('\n')) {
        if (text.trim() !== '') logs.push(JSON.parse(text) as Record<string, unknown>);
      }
      callback();
    },
  });
  const logger = pino({ level: options.logLevel ?? 'debug' }, stream);
  const loggers = new Map<MessageDescriptor, pino.Logger>();

  const loggerFor = (message: MessageDescriptor) => {
    let found = loggers.get(message);
    if (!found) {
      found = message.sensitivePaths.length === 0 ? logger
        : logger.child({}, { redact: { paths: pinoRedactPaths(message.sensitivePaths) } });
      loggers.set(message, found);
    }
    return found;
  };

  return {
    publisher,
    logs,
    event<T extends Envelope>(message: MessageDescriptor<T>, data: T['data'],
      envelopeOptions?: EnvelopeOptions): T {
      // The envelope's event_type is the message's, which is what T says it is.
      return makeEnvelope(message.eventType, data, envelopeOptions) as T;
    },
    async deliver(message, payload, handler, deliverOptions = {}) {
      const publishedBefore = publisher.published.length;
      const logsBefore = logs.length;
      const key = deliverOptions.key !== undefined ? deliverOptions.key
        : keyOf(message, payload);
      const headers = {
        [headerNames.eventType]: message.eventType,
        [headerNames.contentType]: message.contentType,
        ...deliverOptions.headers,
      };
      const record = {
        topic: deliverOptions.topic ?? 'test-topic',
        partition: deliverOptions.partition ?? 0,
        offset: deliverOptions.offset ?? '0',
        key,
        value: payload === null && message.tombstone ? null : JSON.stringify(payload),
        headers,
      };

      const decoded = decodeRecord(record, [message], validate);
      if (decoded.kind === 'invalid') throw decoded.error;
      if (decoded.kind !== 'event') {
        throw new Error(`the harness cannot deliver a ${decoded.kind} to a handler`);
      }

      const context = createHandlerContext({
        baseLogger: loggerFor(message),
        topic: record.topic,
        partition: record.partition,
        offset: record.offset,
        key,
        eventType: decoded.eventType,
        eventId: decoded.eventId,
        headers: decoded.headers,
        attempt: deliverOptions.attempt ?? 1,
      });
      await handler(decoded.payload as typeof payload, context);
      await new Promise((resolve) => setImmediate(resolve));
      return {
        published: publisher.published.slice(publishedBefore),
        logs: logs.slice(logsBefore),
      };
    },
  };
}

function keyOf(message: MessageDescriptor, payload: unknown): string | null {
  if (message.keyPointer === undefined) return null;
  const value = valueAt(payload, parsePointer(message.keyPointer));
  return value === undefined || value === null ? null : String(value);
}
