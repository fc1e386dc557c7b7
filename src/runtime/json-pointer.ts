/**
 * RFC 6901 JSON pointers, as the descriptors carry them for keys (`x-key`) and for
 * sensitive fields. A `*` segment stands for every member of an array or object; it is
 * used only for redaction, never for keys.
 */

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) {
    throw new Error(`JSON pointer "${pointer}" must be empty or start with "/"`);
  }
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value the pointer names, or undefined when any step of the way is missing. */
export function valueAt(document: unknown, segments: readonly string[]): unknown {
  let current: unknown = document;
  for (const segment of segments) {
    if (typeof current !== 'object' || current === null) return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
