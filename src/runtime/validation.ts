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
  const verdict = matches(message, payload);
  if (verdict === true) return null;
  return new RuntimeError(
    'invalid-payload',
    `payload of "${message.eventType}" is invalid: ${
      verdict === false ? describeIssues(message.validate.errors) : verdict}`,
  );
}

/**
 * Whether the payload matches the message's schema, or why it could not be checked. Ajv's
 * equality check (for `uniqueItems`, and `enum` or `const` of objects) calls `valueOf` and
 * `toString` on the values it compares, and throws when a payload has such a key that is
 * no function: such a payload is invalid, and must not stop the worker that reads it.
 */
export function matches(message: MessageDescriptor, payload: unknown): boolean | string {
  try {
    return message.validate(payload);
  } catch (thrown) {
    const reason = thrown instanceof Error ? thrown.message : String(thrown);
    return `the validator could not check it (${reason})`;
  }
}
