/**
 * The one error type of the runtime. Callers branch on `code`, never on the class, so that
 * errors that crossed a worker thread or were serialised into a log still compare equal.
 */
export type RuntimeErrorCode =
  | 'invalid-payload'
  | 'missing-key'
  | 'missing-parameter'
  | 'illegal-topic'
  | 'unknown-message'
  | 'missing-route'
  | 'publisher-not-connected'
  | 'publisher-closed'
  | 'delivery-failed'
  | 'invalid-config'
  | 'brokers-unreachable'
  | 'malformed-json'
  | 'missing-envelope-field'
  | 'no-matching-message'
  | 'ambiguous-message'
  | 'handler-failed'
  | 'shutdown-deadline';

export class RuntimeError extends Error {
  override readonly name = 'RuntimeError';
  readonly code: RuntimeErrorCode;

  constructor(code: RuntimeErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message };
  }
}

export function isRuntimeError(error: unknown, code?: RuntimeErrorCode): error is RuntimeError {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { name?: unknown; code?: unknown };
  if (candidate.name !== 'RuntimeError' || typeof candidate.code !== 'string') return false;
  return code === undefined || candidate.code === code;
}

/** Whatever was thrown, as an Error: handlers may throw strings or plain objects. */
export function asError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  return new Error(typeof thrown === 'string' ? thrown : JSON.stringify(thrown));
}
