/**
 * The document as written, before the parser resolves references: needed to tell where
 * a message is defined and which components are referenced at all.
 */
import { parse } from 'yaml';

import { pointerSegments } from '../../codegen/load/parse-documents.js';
import { isRecord } from './normalise-schema.js';

const cache = new WeakMap<object, unknown>();

/** The raw tree of a document text; YAML reads JSON too. */
export function rawTree(file: { readonly text: string }): unknown {
  const known = cache.get(file);
  if (known !== undefined) return known;
  let tree: unknown;
  try {
    tree = parse(file.text) as unknown;
  } catch {
    tree = undefined;
  }
  cache.set(file, tree ?? null);
  return tree;
}

export function valueAt(tree: unknown, pointer: string): unknown {
  let node = tree;
  for (const segment of pointerSegments(pointer)) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isRecord(node)) node = node[segment];
    else return undefined;
  }
  return node;
}

/** Follows `$ref`s that stay inside the document, to the pointer they end at. */
export function definitionPointer(tree: unknown, pointer: string): string {
  let current = pointer;
  for (let hops = 0; hops < 10; hops += 1) {
    const node = valueAt(tree, current);
    const ref = isRecord(node) ? node.$ref : undefined;
    if (typeof ref !== 'string' || !ref.startsWith('#/')) return current;
    current = ref.slice(1);
  }
  return current;
}

/** Every `$ref` string in a tree. */
export function referencesIn(tree: unknown): string[] {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (isRecord(node)) {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string') found.push(value);
        else visit(value);
      }
    }
  };
  visit(tree);
  return found;
}

/**
 * The pointer of the schema that a path of property names leads to, starting at the
 * schema at `pointer`, following `$ref`s inside the document and the parts of `allOf`,
 * `anyOf` and `oneOf`: so that a change deep in a payload points at its own line. Where
 * the path leaves the document, the deepest schema reached is returned.
 */
export function schemaPointer(tree: unknown, pointer: string, path: readonly string[]): string {
  const visit = (at: string, rest: readonly string[], depth: number): string | undefined => {
    if (depth > 32) return undefined;
    const node = valueAt(tree, at);
    if (!isRecord(node)) return undefined;
    if (typeof node.$ref === 'string') {
      return node.$ref.startsWith('#/') ? visit(node.$ref.slice(1), rest, depth + 1) : undefined;
    }
    const [first, ...others] = rest;
    if (first === undefined) return at;
    const properties = node.properties;
    if (first === 'items' && isRecord(node.items))
      return visit(`${at}/items`, others, depth + 1) ?? `${at}/items`;
    if (isRecord(properties) && Object.hasOwn(properties, first)) {
      const child = `${at}/properties/${first.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      return visit(child, others, depth + 1) ?? child;
    }
    for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
      const parts = node[keyword];
      if (!Array.isArray(parts)) continue;
      for (let index = 0; index < parts.length; index += 1) {
        const found = visit(`${at}/${keyword}/${index}`, rest, depth + 1);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  };
  return visit(pointer, path, 0) ?? pointer;
}
