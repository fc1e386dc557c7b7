/**
 * Diagnostics are how every stage reports a problem in the input: a located sentence.
 * Errors stop the run before anything is written; warnings and notes are printed.
 */
export type Severity = 'error' | 'warning' | 'note';

export interface SourceLocation {
  /** Path as the user should see it: relative to the working folder when inside it. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

export interface Diagnostic {
  readonly severity: Severity;
  readonly location: SourceLocation;
  readonly message: string;
}

export function formatDiagnostic(diagnostic: Diagnostic): string {
  const { file, line, column } = diagnostic.location;
  return `${file}:${line}:${column}: ${diagnostic.severity}: ${diagnostic.message}`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((diagnostic) => diagnostic.severity === 'error');
}

/** Diagnostics in file, line, column order, so that output is stable across runs. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compareText(a.location.file, b.location.file) ||
      a.location.line - b.location.line ||
      a.location.column - b.location.column ||
      compareText(a.message, b.message),
  );
}

export function compareText(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
