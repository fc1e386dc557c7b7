import type { MessageDescriptor, ValidationIssue } from './descriptors.js';
import { RuntimeError } from './runtime-error.js';

/**
 * Ajv's issues as one sentence. Only paths and messages go in, never values, so that a
 * sensitive field cannot leak through an error message into a log or a dead letter.
 */
export function describeIssues(issues: ReadonlyArray<ValidationIssue> | null | undefined): string {
  if (!issues || issues.length === 0) return 'the payload does not match its schema';
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.instancePath || '(root)'} ${issue.message ?? issue.keyword}`)
    .join('; ');
}

/** Null when the payload is valid, otherwise the error to throw or dead-letter with. */
export function checkPayload(message: MessageDescriptor, payload: unknown): RuntimeError | null {
  if (message.validate(payload)) return null;
  return new RuntimeError(
    'invalid-payload',
    `payload of "${message.eventType}" is invalid: ${describeIssues(message.validate.errors)}`,
  );
}
