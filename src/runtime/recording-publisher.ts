import type { MessageDescriptor, SendOperationDescriptor } from './descriptors.js';
import type { BatchOptions, OutgoingEvent, Publisher } from './event-publisher.js';
import { batchEventOptions, prepareRecord, type PublishOptions } from './outgoing-record.js';

/** One event as it would have gone on the wire. */
export interface PublishedEvent {
  readonly operationId: string;
  readonly topic: string;
  readonly key: string | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly eventType: string;
  readonly eventId: string | undefined;
  /** The payload as sent: the envelope, for envelope messages. */
  readonly payload: unknown;
}

/**
 * A publisher that keeps what it is given instead of sending it. It prepares every event
 * exactly as `EventPublisher` does (envelope, key, headers, validation), so a handler test
 * sees what the broker would have received.
 */
export class RecordingPublisher implements Publisher {
  readonly published: PublishedEvent[] = [];
  readonly #validate: boolean;

  constructor(options: { validate?: boolean } = {}) {
    this.#validate = options.validate ?? true;
  }

  publish(
    operation: SendOperationDescriptor,
    message: MessageDescriptor,
    data: unknown,
    options: PublishOptions = {},
  ): Promise<void> {
    try {
      this.published.push(this.#record(operation, message, data, options));
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  publishBatch(
    operation: SendOperationDescriptor,
    events: ReadonlyArray<OutgoingEvent>,
    options: BatchOptions = {},
  ): Promise<void> {
    try {
      const records = events.map(({ message, data, options: own }) =>
        this.#record(operation, message, data, batchEventOptions(own, options.parameters)));
      this.published.push(...records);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** The payloads published for one message, in order. */
  payloadsOf<T>(message: MessageDescriptor<T>): T[] {
    return this.published
      .filter((event) => event.eventType === message.eventType)
      .map((event) => event.payload as T);
  }

  clear(): void {
    this.published.length = 0;
  }

  #record(
    operation: SendOperationDescriptor,
    message: MessageDescriptor,
    data: unknown,
    options: PublishOptions,
  ): PublishedEvent {
    const record = prepareRecord(operation, message, data, options, this.#validate);
    return {
      operationId: operation.id,
      topic: record.topic,
      key: record.key,
      headers: record.headers,
      eventType: record.eventType,
      eventId: record.eventId,
      payload: JSON.parse(record.value) as unknown,
    };
  }
}
