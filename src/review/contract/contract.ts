/**
 * What a version of the documents promises on the wire, per document: topics, their
 * messages with normalised schemas, keys, partitions, groups and compatibility modes.
 * The diff and the shared-topic checks compare these, never the parser's objects.
 */
import type { SourceLocation } from '../../codegen/diagnostics.js';
import type { ParsedDocument } from '../../codegen/load/parse-documents.js';
import type { Mode } from '../compatibility/modes.js';

export interface ContractSet {
  readonly documents: readonly DocumentContract[];
}

export interface DocumentContract {
  /** As shown to users. */
  readonly path: string;
  /** What matches it with its other version: the path below the version's root. */
  readonly key: string;
  readonly parsed: ParsedDocument;
  /** `x-compatibility` at the document's root, if any. */
  readonly mode: Mode | undefined;
  readonly channels: readonly ChannelContract[];
  readonly operations: readonly OperationContract[];
}

export interface ChannelContract {
  readonly id: string;
  readonly topic: string;
  readonly partitions: number | undefined;
  /** Replicas and topic configuration, as one comparable text. */
  readonly otherBindings: string;
  /** `x-compatibility` on the channel, if any. */
  readonly mode: Mode | undefined;
  readonly messages: readonly MessageContract[];
  readonly location: SourceLocation;
}

export interface MessageContract {
  /** The key in the channel's `messages`. */
  readonly id: string;
  readonly eventType: string;
  /** Normalised: acyclic, `allOf` merged, annotations dropped. */
  readonly payload: unknown;
  readonly headers: unknown;
  /** The Kafka binding's key schema, normalised. */
  readonly keySchema: unknown;
  readonly keyExpression: string | undefined;
  /** The absolute path of the file that defines it: this document, or the one it refers to. */
  readonly definedIn: string;
  /** Where the message is defined, following a `$ref` inside the same document. */
  readonly pointer: string;
  readonly location: SourceLocation;
  readonly keyLocation: SourceLocation;
  /** The line of a JSON pointer into the payload, headers or key schema. */
  locateSchema(part: 'payload' | 'headers' | 'key', pointer: string): SourceLocation;
}

export interface OperationContract {
  readonly id: string;
  readonly action: 'send' | 'receive';
  readonly channelId: string | undefined;
  readonly groupId: string | undefined;
  readonly location: SourceLocation;
}
