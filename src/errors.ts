/**
 * The one error base of the project. Every failure that a user can cause carries a
 * code from a closed list, so that the CLI can choose an exit code and tests can
 * check what went wrong without matching on message text.
 */
export type ErrorCode =
  | 'INVALID_DOCUMENT'
  | 'UNRESOLVED_REFERENCE'
  | 'INVALID_KEY'
  | 'INVALID_OPTION'
  | 'OUTPUT_OUTSIDE_PROJECT'
  | 'NO_DOCUMENTS'
  | 'INVALID_ADDRESS';

export class ToolError extends Error {
  override readonly name = 'ToolError';
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** Checks by name rather than `instanceof`, which breaks across duplicated modules. */
export function isToolError(value: unknown): value is ToolError {
  return value instanceof Error && value.name === 'ToolError' && 'code' in value;
}
