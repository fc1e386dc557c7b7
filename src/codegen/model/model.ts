/**
 * The one plain data model of the whole input. Every stage after `load` reads only this;
 * every name that appears in generated code is decided while building it.
 */
import type { SourceLocation } from '../diagnostics.js';
import type { TypeDeclaration, TypeExpression } from './types.js';

export interface CodegenModel {
  readonly services: readonly ServiceModel[];
}

/** One document. */
export interface ServiceModel {
  /** The document's path as written into preambles, POSIX and relative. */
  readonly documentPath: string;
  /** Folder name under the output folder; unique among services. */
  readonly folder: string;
  readonly title: string;
  readonly version: string;
  readonly asyncapiVersion: string;
  readonly description: string | undefined;
  readonly servers: readonly ServerModel[];
  readonly channels: readonly ChannelModel[];
  readonly messages: readonly MessageModel[];
  readonly operations: readonly OperationModel[];
  /** Named types of payloads and headers, in a stable order. */
  readonly types: readonly TypeDeclaration[];
  /** Schemas the validators are compiled from, one per payload and header schema. */
  readonly schemas: readonly ValidatorSchema[];
}

export interface ServerModel {
  readonly name: string;
  readonly protocol: string;
  readonly host: string;
  readonly description: string | undefined;
}

export interface ChannelParameterModel {
  readonly name: string;
  /** A valid identifier for the generated argument. */
  readonly propertyName: string;
  readonly values: readonly string[] | undefined;
  readonly description: string | undefined;
}

export interface KafkaChannelBinding {
  readonly topic: string | undefined;
  readonly partitions: number | undefined;
  readonly replicas: number | undefined;
  readonly topicConfig: Readonly<Record<string, string>>;
}

export interface ChannelModel {
  readonly id: string;
  /** The address as declared, with `{parameter}` placeholders. */
  readonly address: string;
  /** The topic: the Kafka binding's `topic`, else the address. */
  readonly topic: string;
  readonly description: string | undefined;
  readonly parameters: readonly ChannelParameterModel[];
  readonly kafka: KafkaChannelBinding;
  /** Ids of the messages of this channel, in document order. */
  readonly messageIds: readonly string[];
  /** Why this channel gets types only, or undefined when it gets producers and workers. */
  readonly noKafkaReason: string | undefined;
  /** Identifier base for generated constants of this channel. */
  readonly constantName: string;
  readonly location: SourceLocation;
}

/** An example of the message as the document declares it. */
export interface MessageExample {
  readonly name: string | undefined;
  readonly summary: string | undefined;
  /** Undefined when the example gives headers only. */
  readonly payload: unknown;
  readonly headers: unknown;
}

export interface MessageKey {
  /** As written in the document, such as `$message.payload#/data/feature_id`. */
  readonly expression: string;
  /** JSON pointer into the payload. */
  readonly pointer: string;
}

export interface MessageModel {
  /** The key in `messages`; unique in the service. */
  readonly id: string;
  /** The event type on the wire. */
  readonly eventType: string;
  readonly title: string | undefined;
  readonly summary: string | undefined;
  readonly description: string | undefined;
  readonly contentType: string;
  /** The JSON schema of the payload, resolved, as the document declares it. */
  readonly payloadSchema: unknown;
  readonly payloadType: TypeExpression;
  readonly headersType: TypeExpression | undefined;
  /** The JSON schema of the headers, resolved, as declared; for the docs site. */
  readonly headersSchema: unknown;
  /** Set when the payload is the house envelope; the type of its `data`. */
  readonly envelopeDataType: TypeExpression | undefined;
  readonly key: MessageKey | undefined;
  readonly sensitivePaths: readonly string[];
  readonly examples: readonly MessageExample[];
  /** Identifier base: `FeatureCreated` for `feature.created`. */
  readonly typeName: string;
  /** Name of the compiled payload validator export. */
  readonly validatorName: string;
  readonly headersValidatorName: string | undefined;
  /** Name of the generated message descriptor constant. */
  readonly descriptorName: string;
  readonly location: SourceLocation;
}

/** A message as an operation handles it: the event type may be the id on that channel. */
export interface OperationMessage {
  readonly messageId: string;
  /** Method name in producers (`publishFeatureCreated`) and handlers (`onFeatureCreated`). */
  readonly methodSuffix: string;
}

export interface OperationModel {
  readonly id: string;
  readonly action: 'send' | 'receive';
  readonly channelId: string;
  readonly messages: readonly OperationMessage[];
  readonly summary: string | undefined;
  readonly description: string | undefined;
  /** Consumer group: the Kafka binding's `groupId`, else `<service>.<operation>`. */
  readonly groupId: string;
  /** A dead-letter topic the document names (`x-dead-letter-channel`), if any. */
  readonly deadLetterTopic: string | undefined;
  /** `FeaturesProducer` for send, `AuditFeaturesWorker`'s base for receive. */
  readonly className: string;
  /** For send: the union type of the events its `publishBatch` takes. */
  readonly batchEventTypeName: string | undefined;
  /** Name of the generated operation descriptor constant. */
  readonly descriptorName: string;
  readonly location: SourceLocation;
}

export interface ValidatorSchema {
  readonly exportName: string;
  /** Acyclic JSON Schema (cycles as `$ref` into `definitions`), ready for Ajv. */
  readonly schema: unknown;
}
