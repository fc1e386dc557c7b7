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
