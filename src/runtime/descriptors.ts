/**
 * The contract between generated code and the runtime: plain, frozen data that codegen
 * writes for every message, channel and operation of a document. The runtime reads
 * only these descriptors, never the AsyncAPI document itself, so a worker starts
 * without parsing YAML or compiling schemas.
 */

/** A compiled validator, as Ajv's standalone code exports it. */
export interface ValidateFunction {
  (value: unknown): boolean;
  errors?: ReadonlyArray<ValidationIssue> | null | undefined;
}

/** The parts of an Ajv error object that the runtime reports. */
export interface ValidationIssue {
  readonly instancePath: string;
  readonly message?: string | undefined;
  readonly keyword: string;
}

export interface MessageDescriptor<TPayload = unknown> {
  /** The event type on the wire: the message `name`, or its id when it has none. */
  readonly eventType: string;
  /** The key of the message in the document's `messages`. */
  readonly messageId: string;
  readonly contentType: string;
  /**
   * True when the payload is the house envelope (`event_type`, `event_id`, `timestamp`,
   * `data`): producers then fill everything but `data`.
   */
  readonly envelope: boolean;
  /** JSON pointer into the payload that gives the Kafka key (from `x-key`), if any. */
  readonly keyPointer: string | undefined;
  /** Validates the whole payload as it travels (the envelope, when there is one). */
  readonly validate: ValidateFunction;
  /** JSON pointers of payload fields marked `x-sensitive: true`, redacted from logs. */
  readonly sensitivePaths: readonly string[];
  /** Set when the document declares this message for null values (tombstones). */
  readonly tombstone: boolean;
  /** Phantom member that carries the payload type; never present at run time. */
  readonly __payload?: TPayload;
}

export interface ChannelParameterDescriptor {
  readonly name: string;
  /** Enumerated values, when the document lists them; workers then read those topics. */
  readonly values: readonly string[] | undefined;
}

export interface ChannelDescriptor {
  readonly id: string;
  /** The topic, with `{parameter}` placeholders where the channel has parameters. */
  readonly address: string;
  readonly parameters: readonly ChannelParameterDescriptor[];
  readonly messages: readonly MessageDescriptor[];
  /** Partitions and replicas from the channel's Kafka binding, when declared. */
  readonly partitions: number | undefined;
  readonly replicas: number | undefined;
  readonly topicConfig: Readonly<Record<string, string>>;
}

export interface SendOperationDescriptor {
  readonly id: string;
  readonly channel: ChannelDescriptor;
  readonly messages: readonly MessageDescriptor[];
}

export interface ReceiveOperationDescriptor {
  readonly id: string;
  readonly channel: ChannelDescriptor;
  readonly messages: readonly MessageDescriptor[];
  /** From the operation's Kafka binding, or made from the service and operation id. */
  readonly groupId: string;
  /** A dead-letter topic that the document names; otherwise `<topic>.<group>.dlq`. */
  readonly deadLetterTopic: string | undefined;
}
