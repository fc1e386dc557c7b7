/**
 * Property names that every JavaScript object already answers to: `toString`,
 * `constructor`, `valueOf`, `__proto__` and the other members of `Object.prototype`. A
 * document may use them as ordinary JSON keys, but code that asks `object[key]` finds the
 * inherited member when the key is absent. Modelina does, and throws; Ajv does, and then
 * calls `{}` invalid when a property `toString` must be an object, or valid when it must
 * have a `valueOf`. So the schemas are escaped for Modelina, and validators of a document
 * that uses such names check own properties (Ajv's `ownProperties`, which is otherwise off
 * because it makes every property check several times slower).
 */
import { childSchemas, isSchemaObject, type SchemaObject } from './schema-graph.js';

const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

// A private-use character cannot start a key that Modelina or a document would make up.
const ESCAPE = '\u{F8FF}';

function isPrototypeKey(key: string): boolean {
  return PROTOTYPE_KEYS.has(key);
}

/** The names a schema gives properties: declared, required, or required by another. */
function namedKeys(schema: SchemaObject): string[] {
  const names: string[] = [];
  if (isSchemaObject(schema.properties)) names.push(...Object.keys(schema.properties));
  if (Array.isArray(schema.required)) names.push(...schema.required.filter((key) => typeof key === 'string'));
  for (const keyword of ['dependentRequired', 'dependencies', 'dependentSchemas']) {
    const map = schema[keyword];
    if (!isSchemaObject(map)) continue;
    for (const [key, value] of Object.entries(map)) {
      names.push(key);
      if (Array.isArray(value)) names.push(...value.filter((item) => typeof item === 'string'));
    }
  }
  return names;
}

/** Whether the schema, or any schema inside it, names a property like an `Object.prototype` member. */
export function usesPrototypeKeys(schema: unknown, seen = new Set<unknown>()): boolean {
  if (!isSchemaObject(schema) || seen.has(schema)) return false;
  seen.add(schema);
  if (namedKeys(schema).some(isPrototypeKey)) return true;
  return childSchemas(schema).some(([, child]) => usesPrototypeKeys(child, seen));
}

/**
 * A copy of the schema in which `properties` and `required` spell such names with a prefix
 * that `unescapePropertyKey` takes off again; the schema itself when it has none. Shared
 * parts stay shared, so that a recursive or reused schema is still one schema.
 */
export function escapePrototypeKeys(schema: unknown): unknown {
  if (!usesPrototypeKeys(schema)) return schema;
  const copies = new Map<SchemaObject, SchemaObject>();

  const escapeKey = (key: unknown) =>
    typeof key === 'string' && isPrototypeKey(key) ? `${ESCAPE}${key}` : key;
  const copy = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(copy);
    if (!isSchemaObject(node)) return node;
    const done = copies.get(node);
    if (done !== undefined) return done;
    const result: SchemaObject = {};
    copies.set(node, result);
    for (const [keyword, value] of Object.entries(node)) {
      if (keyword === 'properties' && isSchemaObject(value)) {
        const properties: SchemaObject = {};
        for (const [key, child] of Object.entries(value)) setOwn(properties, escapeKey(key) as string, copy(child));
        setOwn(result, keyword, properties);
      } else if (keyword === 'required' && Array.isArray(value)) {
        setOwn(result, keyword, value.map(escapeKey));
      } else {
        setOwn(result, keyword, copy(value));
      }
    }
    return result;
  };
  return copy(schema);
}

/** Assignment would run the `__proto__` setter for a key of that name; this makes a key. */
function setOwn(target: SchemaObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The JSON key of a property name that `escapePrototypeKeys` wrote. */
export function unescapePropertyKey(key: string): string {
  return key.startsWith(ESCAPE) ? key.slice(ESCAPE.length) : key;
}
