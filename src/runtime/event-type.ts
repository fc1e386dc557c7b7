import type { MessageDescriptor } from './descriptors.js';
import { matches } from './validation.js';

/**
 * Which message a payload is, in the order DESIGN.md fixes: the envelope's `event_type`,
 * the `event_type` header, the only message of the operation, the one message whose
 * schema the payload matches.
 */
export type Resolution =
  | {
      readonly kind: 'known';
      readonly message: MessageDescriptor;
      readonly source: 'envelope' | 'header' | 'only-message' | 'schema';
      /** The header's type when it disagrees with the envelope's, which wins. */
      readonly headerMismatch: string | undefined;
    }
  | { readonly kind: 'unknown'; readonly eventType: string; readonly source: 'envelope' | 'header' }
  | { readonly kind: 'unresolved'; readonly matches: number };

export function resolveMessage(
  messages: readonly MessageDescriptor[],
  payload: unknown,
  headerType: string | undefined,
): Resolution {
  const envelopeType = messages.some((message) => message.envelope)
    ? envelopeEventType(payload)
    : undefined;

  if (envelopeType !== undefined) {
    const mismatch = headerType !== undefined && headerType !== envelopeType ? headerType : undefined;
    return byType(messages, envelopeType, 'envelope', mismatch);
  }
  if (headerType !== undefined) return byType(messages, headerType, 'header', undefined);

  if (messages.length === 1) {
    return { kind: 'known', message: messages[0] as MessageDescriptor, source: 'only-message',
      headerMismatch: undefined };
  }

  const matching = messages.filter((message) => matches(message, payload) === true);
  if (matching.length === 1) {
    return { kind: 'known', message: matching[0] as MessageDescriptor, source: 'schema',
      headerMismatch: undefined };
  }
  return { kind: 'unresolved', matches: matching.length };
}

function byType(
  messages: readonly MessageDescriptor[],
  eventType: string,
  source: 'envelope' | 'header',
  headerMismatch: string | undefined,
): Resolution {
  const message = messages.find((candidate) => candidate.eventType === eventType);
  if (!message) return { kind: 'unknown', eventType, source };
  return { kind: 'known', message, source, headerMismatch };
}

function envelopeEventType(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return undefined;
  const value = (payload as { event_type?: unknown }).event_type;
  return typeof value === 'string' ? value : undefined;
}
