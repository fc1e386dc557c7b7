/**
 * What `npm run dlq` needs from a service to show its dead letters with sensitive fields
 * redacted and to replay them: its receive operations, and its handlers on demand. A
 * service module exports one as `deadLetterService`; src/dead-letters.ts is the example's.
 */
import type {
  ReceiveOperationDescriptor,
  Route,
  WorkerRuntime,
} from '../runtime/index.js';
import { addressPattern, expandAddress } from '../runtime/topic-address.js';

export interface ReplayHandlers {
  /** The routes of one of the service's operations, as its worker has them. */
  routesFor(operation: ReceiveOperationDescriptor): readonly Route[];
  /** Flushes and disconnects what the handlers publish with. */
  close(): Promise<void>;
}

export interface DeadLetterService {
  readonly operations: readonly ReceiveOperationDescriptor[];
  /** Connects what the handlers need (a publisher, say); called only to replay. */
  openHandlers(runtime: WorkerRuntime): Promise<ReplayHandlers>;
}

/**
 * The operations whose dead letters can be in `topic` for `group` (the operation's own
 * group when undefined): the topic the document names, or `<source>.<group>.dlq` for a
 * source topic of the operation's channel.
 */
export function operationsForDeadLetterTopic(
  operations: readonly ReceiveOperationDescriptor[],
  topic: string,
  group: string | undefined,
): ReceiveOperationDescriptor[] {
  return operations.filter((operation) => {
    const groupId = group ?? operation.groupId;
    if (operation.deadLetterTopic !== undefined) return operation.deadLetterTopic === topic;
    const suffix = `.${groupId}.dlq`;
    if (!topic.endsWith(suffix)) return false;
    const source = topic.slice(0, -suffix.length);

    const values: Record<string, readonly string[] | undefined> = {};
    for (const parameter of operation.channel.parameters) {
      values[parameter.name] = parameter.values;
    }
    const concrete = expandAddress(operation.channel.address, values);
    return concrete === undefined
      ? addressPattern(operation.channel.address).test(source)
      : concrete.includes(source);
  });
}
