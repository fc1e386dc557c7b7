import type pino from 'pino';

import type { MessageDescriptor } from './descriptors.js';

/** What a handler knows about the message in hand, besides the event itself. */
export interface HandlerContext {
  /** Carries topic, partition, offset, key, event_type and event_id on every line. */
  readonly logger: pino.Logger;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly eventType: string;
  readonly eventId: string | undefined;
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** 1 on first delivery, counting up on each retry of a handler that threw. */
  readonly attempt: number;
}

export type Handler<T> = (event: T, context: HandlerContext) => void | Promise<void>;

export interface Route {
  readonly message: MessageDescriptor;
  readonly handle: Handler<unknown>;
}

/** Pairs a message with its handler; the type parameter ties the handler to the payload. */
export function route<T>(message: MessageDescriptor<T>, handle: Handler<T>): Route {
  return { message, handle: handle as Handler<unknown> };
}

/** The fields every log line about one message carries. */
export interface MessageBindings {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly event_type: string | null;
  readonly event_id: string | null;
}

export interface ContextInput {
  readonly baseLogger: pino.Logger;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly eventType: string;
  readonly eventId: string | undefined;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly attempt: number;
}

export function messageBindings(input: {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  eventType: string | undefined;
  eventId: string | undefined;
}): MessageBindings {
  return {
    topic: input.topic,
    partition: input.partition,
    offset: input.offset,
    key: input.key,
    event_type: input.eventType ?? null,
    event_id: input.eventId ?? null,
  };
}

/**
 * A context whose logger is made on first use: most handlers never log, and a pino child
 * per message is the largest cost the runtime would otherwise add.
 */
export function createHandlerContext(input: ContextInput): HandlerContext {
  let logger: pino.Logger | undefined;
  return {
    get logger() {
      logger ??= input.baseLogger.child(messageBindings(input));
      return logger;
    },
    topic: input.topic,
    partition: input.partition,
    offset: input.offset,
    key: input.key,
    eventType: input.eventType,
    eventId: input.eventId,
    headers: input.headers,
    attempt: input.attempt,
  };
}
