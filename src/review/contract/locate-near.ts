/**
 * The line of a JSON pointer, or of its nearest parent that the text has: rules point at
 * what is missing (an absent `x-key`), and the parser answers 1:1 for some such pointers.
 */
import type { SourceLocation } from '../../codegen/diagnostics.js';
import type { ParsedDocument } from '../../codegen/load/parse-documents.js';

export function locateNear(parsed: ParsedDocument, pointer: string): SourceLocation {
  let current = pointer;
  for (;;) {
    const location = parsed.locate(current);
    const isStart = location.line === 1 && location.column === 1;
    if (!isStart || current === '') return location;
    current = current.slice(0, Math.max(0, current.lastIndexOf('/')));
  }
}
