/**
 * The parser hands every message its schema fully resolved, so an envelope or a data type
 * that 900 messages share arrives 900 times. Compiled as it comes, Ajv writes the same
 * code 900 times: most of codegen's time and memory, and megabytes of validators.cjs.
 * Here every subschema that occurs more than once, alike in every keyword, is taken out
 * once under an id of its own and replaced by a `$ref` to that id wherever it occurred.
 *
 * A part with `contains` is always taken out, even when it occurs once: Ajv 8 compiles
 * `contains` written inline inside a loop over properties or items so that one
 * iteration's result carries into the next, and accepts data it should refuse. In a
 * function of its own it is right.
 */
import type { ValidatorSchema } from '../model/model.js';
import { childSchemas, isSchemaObject, setAt, type SchemaObject } from '../model/schema-graph.js';

export interface SharedSchema {
  /** What the messages' schemas now name in `$ref`; also the Ajv key to add it under. */
  readonly id: string;
  readonly schema: SchemaObject;
}

export interface SharedSubschemas {
  /** The messages' schemas, in the order given, with shared parts replaced by `$ref`. */
  readonly schemas: ValidatorSchema[];
  /** Each shared part once. */
  readonly shared: SharedSchema[];
}

/** Keywords whose value is resolved against the root they sit in; such a part stays put. */
const REFERENCE_KEYWORDS = ['$ref', '$dynamicRef', '$recursiveRef'];
/** A part with one of these has code worth a function of its own; smaller parts are not. */
const COMPOUND_KEYWORDS = [
  'properties', 'patternProperties', 'items', 'prefixItems', 'allOf', 'anyOf', 'oneOf',
];

export function shareSubschemas(schemas: readonly ValidatorSchema[]): SharedSubschemas {
  const texts = new CanonicalTexts();
  const counts = new Map<string, number>();
  const count = (node: unknown, isRoot: boolean): void => {
    if (!isSchemaObject(node)) return;
    const text = texts.of(node);
    if (!isRoot && text !== undefined) counts.set(text, (counts.get(text) ?? 0) + 1);
    for (const [, child] of childSchemas(node)) count(child, false);
  };
  for (const { schema } of schemas) count(schema, true);

  const shared: SharedSchema[] = [];
  const ids = new Map<string, string>();
  const idFor = (node: SchemaObject, text: string, count: number): string => {
    let id = ids.get(text);
    if (id === undefined) {
      id = `shared${ids.size}`;
      // Claimed before its own parts are rewritten, so that ids follow the order in which
      // the parts are first met.
      ids.set(text, id);
      shared.push({ id, schema: rewriteChildren(node, count) });
    }
    return id;
  };
  // `enclosing` is how often the shared part around a node occurs (1 outside any): a part
  // met no more often than that occurs only inside it, and is compiled with it. Taken out
  // as well, each level of a deep part became a reference of its own, and Ajv's
  // compilation of the chain overflowed its stack at half the usual depth.
  const rewrite = (node: unknown, enclosing: number): unknown => {
    if (!isSchemaObject(node)) return node;
    const text = texts.of(node);
    const count = text === undefined ? 0 : counts.get(text) ?? 0;
    if (text !== undefined && ((count > enclosing && count > 1 && isCompound(node)) ||
      'contains' in node)) {
      return { $ref: idFor(node, text, count) };
    }
    return rewriteChildren(node, enclosing);
  };
  const rewriteChildren = (node: SchemaObject, enclosing: number): SchemaObject => {
    let result = node;
    for (const [steps, child] of childSchemas(node)) {
      const replaced = rewrite(child, enclosing);
      if (replaced === child) continue;
      if (result === node) result = { ...node };
      setAt(result, steps, replaced);
    }
    return result;
  };

  return {
    schemas: schemas.map(({ exportName, schema }) => ({
      exportName,
      schema: isSchemaObject(schema) ? rewriteChildren(schema, 1) : schema,
    })),
    shared,
  };
}

/**
 * Each schema object as JSON with its keys sorted, made once per object and built from its
 * parts' texts; undefined for a part that must stay where it is.
 */
class CanonicalTexts {
  readonly #texts = new Map<object, string | undefined>();

  of(node: SchemaObject): string | undefined {
    if (this.#texts.has(node)) return this.#texts.get(node);
    // Set first: a part that contains itself (schemaProblems refuses such a schema) then
    // reads as one to leave in place rather than recursing for ever.
    this.#texts.set(node, undefined);
    const text = this.#canonical(node);
    this.#texts.set(node, text);
    return text;
  }

  #canonical(value: unknown): string | undefined {
    if (Array.isArray(value)) {
      const items = value.map((item) => this.#canonical(item));
      return items.includes(undefined) ? undefined : `[${items.join(',')}]`;
    }
    if (!isSchemaObject(value)) return JSON.stringify(value) ?? 'null';
    const parts: string[] = [];
    for (const key of Object.keys(value).sort()) {
      if (REFERENCE_KEYWORDS.includes(key)) return undefined;
      const inner = value[key];
      if (inner === undefined) continue;
      const text = isSchemaObject(inner) ? this.of(inner) : this.#canonical(inner);
      if (text === undefined) return undefined;
      parts.push(`${JSON.stringify(key)}:${text}`);
    }
    return `{${parts.join(',')}}`;
  }
}

function isCompound(node: SchemaObject): boolean {
  return COMPOUND_KEYWORDS.some((keyword) => keyword in node) ||
    isSchemaObject(node['additionalProperties']);
}
