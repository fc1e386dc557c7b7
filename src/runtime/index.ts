/**
 * What generated code and services import. Each module holds one idea; this file only
 * gathers them.
 */
export type * from './descriptors.js';

export { EventPublisher, defaultLinger } from './event-publisher.js';
export type {
  BatchOptions,
  EventPublisherOptions,
  OutgoingEvent,
  Publisher,
} from './event-publisher.js';
export type { PublishOptions } from './outgoing-record.js';
export { prepareRecord, type OutgoingRecord } from './outgoing-record.js';
export { LingerQueue, type LingerLimits } from './linger-queue.js';
export { fillAddress, expandAddress, addressPattern, isLegalTopic } from './topic-address.js';
export { makeEnvelope, formatTimestamp, type Envelope } from './envelope.js';
export { headerNames } from './headers.js';

export { route, createHandlerContext } from './handler-context.js';
export type { Handler, HandlerContext, Route } from './handler-context.js';
export { createWorker } from './worker.js';
export type { RetryOptions, Worker, WorkerOptions, WorkerRuntime } from './worker.js';
export type { PartitionLag, WorkerStats } from './worker-stats.js';
export { decodeRecord, type Decoded, type IncomingRecord } from './incoming-record.js';
export { resolveMessage, type Resolution } from './event-type.js';

export { deadLetterHeaders, deadLetterTopicFor, readDeadLetterHeaders } from './dead-letter.js';
export type { DeadLetterInfo, Failure } from './dead-letter.js';
export { readDeadLetters, replayDeadLetters } from './dead-letter-replay.js';
export type {
  DeadLetterRecord,
  ReadOptions,
  ReplayOptions,
  ReplayResult,
} from './dead-letter-replay.js';

export { redactValue, pinoRedactPaths, redactedText } from './redaction.js';
export { deduplicate, InMemoryEventIdStore, type EventIdStore } from './deduplicate.js';

export { createHandlerHarness } from './handler-harness.js';
export type { Delivery, DeliverOptions, HandlerHarness } from './handler-harness.js';
export { RecordingPublisher, type PublishedEvent } from './recording-publisher.js';

export { renderMetrics, type PublisherStats } from './metrics.js';
export { startOpsServer, type OpsServer, type OpsServerOptions } from './ops-server.js';

export { loadRuntimeConfig } from './runtime-config.js';
export type { RuntimeConfig, SaslConfig, TlsConfig } from './runtime-config.js';
export { createKafka, waitForBrokers } from './kafka-client.js';
export { onShutdown } from './shutdown.js';
export type { ShutdownHandle, ShutdownOptions, SignalSource } from './shutdown.js';

export { RuntimeError, isRuntimeError, type RuntimeErrorCode } from './runtime-error.js';
