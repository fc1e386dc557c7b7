/**
 * Questions about a resolved payload schema that do not need the type model: does a JSON
 * pointer lead somewhere, and which fields are marked sensitive.
 */
import { pointerSegments } from '../load/parse-documents.js';
import { isSchemaObject, type SchemaObject } from './schema-graph.js';

/** The schema and every schema it is composed of, which all describe the same value. */
function alternatives(schema: unknown, seen = new Set<unknown>()): SchemaObject[] {
  if (!isSchemaObject(schema) || seen.has(schema)) return [];
  seen.add(schema);
  const found = [schema];
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    const parts = schema[keyword];
    if (Array.isArray(parts)) for (const part of parts) found.push(...alternatives(part, seen));
  }
  return found;
}

function propertySchemas(schema: unknown, key: string): unknown[] {
  return alternatives(schema).flatMap((part) => {
    const properties = part.properties;
    return isSchemaObject(properties) && Object.hasOwn(properties, key) ? [properties[key]] : [];
  });
}

/**
 * The first segment of `pointer` that no schema along the way declares, with the pointer
 * of its parent, or undefined when the whole pointer leads to declared properties.
 */
export function missingPointerSegment(
  schema: unknown,
  pointer: string,
): { segment: string; parent: string } | undefined {
  let current: unknown[] = [schema];
  const walked: string[] = [];
  for (const segment of pointerSegments(pointer)) {
    const next = current.flatMap((candidate) => propertySchemas(candidate, segment));
    if (next.length === 0) {
      return { segment, parent: walked.length === 0 ? '/' : `/${walked.join('/')}` };
    }
    walked.push(segment);
    current = next;
  }
  return undefined;
}

/** JSON pointers of properties marked `x-sensitive: true`, in document order. */
export function sensitivePointers(schema: unknown): string[] {
  const found = new Set<string>();
  const onPath = new Set<unknown>();

  const visit = (node: unknown, pointer: string): void => {
    if (onPath.has(node)) return;
    onPath.add(node);
    for (const part of alternatives(node)) {
      if (!isSchemaObject(part.properties)) continue;
      for (const [key, child] of Object.entries(part.properties)) {
        const childPointer = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (isSchemaObject(child) && child['x-sensitive'] === true) found.add(childPointer);
        visit(child, childPointer);
      }
    }
    onPath.delete(node);
  };

  visit(schema, '');
  return [...found];
}

/**
 * The `pattern`s (and `patternProperties` keys) that are no valid regular expression, as
 * validators compile them (Unicode mode). Each with the reason.
 */
export function invalidPatterns(schema: unknown): Array<{ pattern: string; reason: string }> {
  const found: Array<{ pattern: string; reason: string }> = [];
  const seen = new Set<unknown>();
  const check = (pattern: string): void => {
    try {
      new RegExp(pattern, 'u');
    } catch (error) {
      found.push({ pattern, reason: (error as Error).message });
    }
  };
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    const record = node as Record<string, unknown>;
    if (typeof record.pattern === 'string') check(record.pattern);
    if (isSchemaObject(record.patternProperties)) Object.keys(record.patternProperties).forEach(check);
    for (const [key, value] of Object.entries(record)) {
      if (key !== 'examples' && key !== 'example' && key !== 'default' && key !== 'enum' && key !== 'const') visit(value);
    }
  };
  visit(schema);
  return found;
}
