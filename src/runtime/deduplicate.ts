import type { Handler } from './handler-context.js';

/**
 * Delivery is at least once: after a crash or a rebalance a message may come again. The
 * envelope's `event_id` lets a handler notice. This in-process store catches redeliveries
 * to the same process; a store shared between processes (a database table keyed by
 * event id, written in the handler's own transaction) catches the rest.
 */
export interface EventIdStore {
  has(eventId: string): boolean | Promise<boolean>;
  add(eventId: string): void | Promise<void>;
}

/** Remembers the most recent `capacity` event ids, forgetting the oldest first. */
export class InMemoryEventIdStore implements EventIdStore {
  readonly #capacity: number;
  readonly #ids = new Set<string>();

  constructor(capacity = 10_000) {
    this.#capacity = capacity;
  }

  has(eventId: string): boolean {
    return this.#ids.has(eventId);
  }

  add(eventId: string): void {
    this.#ids.delete(eventId);
    this.#ids.add(eventId);
    if (this.#ids.size > this.#capacity) {
      const oldest = this.#ids.values().next().value as string;
      this.#ids.delete(oldest);
    }
  }
}

/**
 * Wraps a handler so that an event whose id was handled before is skipped. The id is
 * remembered only after the handler succeeded, so a failed attempt is retried.
 * Events without an id always run.
 */
export function deduplicate<T>(
  handler: Handler<T>,
  store: EventIdStore = new InMemoryEventIdStore(),
): Handler<T> {
  return async (event, context) => {
    const { eventId } = context;
    if (eventId === undefined) return handler(event, context);
    if (await store.has(eventId)) {
      context.logger.info('duplicate event skipped: this event id was handled before');
      return;
    }
    await handler(event, context);
    await store.add(eventId);
  };
}
