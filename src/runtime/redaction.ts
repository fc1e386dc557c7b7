import { parsePointer } from './json-pointer.js';

/**
 * Fields a document marks `x-sensitive: true` arrive as JSON pointers into the payload.
 * Log lines get them as pino redaction paths; values shown to operators (dead letters)
 * get a redacted copy.
 */
export const redactedText = '[Redacted]';

/**
 * Pino paths for a payload logged as `event` or `payload`, or merged into the line itself:
 * the three ways a handler is likely to log what it received.
 */
export function pinoRedactPaths(pointers: readonly string[]): string[] {
  const paths: string[] = [];
  for (const pointer of pointers) {
    const path = toPinoPath(parsePointer(pointer));
    if (path === '') continue;
    paths.push(path, `event${path.startsWith('[') ? '' : '.'}${path}`,
      `payload${path.startsWith('[') ? '' : '.'}${path}`);
  }
  return [...new Set(paths)];
}

function toPinoPath(segments: readonly string[]): string {
  return segments
    .map((segment, index) => {
      if (segment === '*') return '[*]';
      if (/^[0-9]+$/.test(segment)) return `[${segment}]`;
      if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment)) return index === 0 ? segment : `.${segment}`;
      return `[${JSON.stringify(segment)}]`;
    })
    .join('');
}

/** A copy of the value with every pointed-at field replaced; the input is not changed. */
export function redactValue(value: unknown, pointers: readonly string[]): unknown {
  let result = value;
  for (const pointer of pointers) result = redactAt(result, parsePointer(pointer));
  return result;
}

function redactAt(value: unknown, segments: readonly string[]): unknown {
  if (segments.length === 0) return redactedText;
  if (typeof value !== 'object' || value === null) return value;

  const [head, ...rest] = segments as [string, ...string[]];
  if (Array.isArray(value)) {
    return value.map((item, index) =>
      head === '*' || head === String(index) ? redactAt(item, rest) : item,
    );
  }

  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const key of Object.keys(copy)) {
    if (head === '*' || head === key) copy[key] = redactAt(copy[key], rest);
  }
  return copy;
}
