import type pino from 'pino';

import type { MessageDescriptor, ReceiveOperationDescriptor } from './descriptors.js';
import type { Route } from './handler-context.js';
import { pinoRedactPaths } from './redaction.js';
import { RuntimeError } from './runtime-error.js';

export interface RouteEntry {
  readonly route: Route;
  /** The worker's logger, redacting the message's sensitive fields; made once. */
  readonly logger: pino.Logger;
}

export interface RouteTable {
  /** The messages the operation receives, in the order of the document. */
  readonly messages: readonly MessageDescriptor[];
  entryFor(message: MessageDescriptor): RouteEntry;
}

/** The messages an operation receives: those it lists, or every message of its channel. */
export function receivedMessages(operation: ReceiveOperationDescriptor): MessageDescriptor[] {
  return [...(operation.messages.length > 0 ? operation.messages : operation.channel.messages)];
}

/**
 * Checks that every message the operation receives has exactly one handler, before any
 * message arrives: a missing handler is a wiring mistake, not an unknown event type.
 */
export function buildRouteTable(
  operation: ReceiveOperationDescriptor,
  routes: readonly Route[],
  logger: pino.Logger,
): RouteTable {
  const messages = receivedMessages(operation);
  const entries = new Map<string, RouteEntry>();

  for (const route of routes) {
    const eventType = route.message.eventType;
    if (!messages.some((message) => message.eventType === eventType)) {
      throw new RuntimeError('unknown-message',
        `operation "${operation.id}" does not receive "${eventType}", but a handler is given for it`);
    }
    if (entries.has(eventType)) {
      throw new RuntimeError('missing-route',
        `operation "${operation.id}" has two handlers for "${eventType}"`);
    }
    entries.set(eventType, { route, logger: redactingLogger(logger, route.message) });
  }

  const unhandled = messages.filter((message) => !entries.has(message.eventType));
  if (unhandled.length > 0) {
    const names = unhandled.map((message) => `"${message.eventType}"`).join(', ');
    throw new RuntimeError('missing-route',
      `operation "${operation.id}" has no handler for ${names}`);
  }

  return {
    messages,
    entryFor(message) {
      return entries.get(message.eventType) as RouteEntry;
    },
  };
}

// Not yet: a child's redaction replaces the parent's, so a message with sensitive fields
// loses any redaction the caller configured on its own logger.
function redactingLogger(logger: pino.Logger, message: MessageDescriptor): pino.Logger {
  if (message.sensitivePaths.length === 0) return logger;
  return logger.child({}, { redact: { paths: pinoRedactPaths(message.sensitivePaths) } });
}
