/**
 * Prepares a schema for Modelina. Mainly, merges `allOf` into one schema before Modelina sees it. Modelina merges `allOf` itself,
 * but the models it makes from the parts forget where they came from: a `const` in one
 * part is lost, and the merged properties point at the root schema, so their component
 * names are lost too. Merging here keeps both. Validators are compiled from the
 * unmerged schema, so what is valid does not depend on this.
 */
import { childSchemas, isSchemaObject, SCHEMA_ID_KEY, setAt, type SchemaObject } from './schema-graph.js';

/** Keywords that say nothing about shape; a part made only of them is weaker. */
const ANNOTATIONS = new Set(['description', 'title', 'examples', 'default', SCHEMA_ID_KEY]);

function isOnlyTypeAndAnnotations(schema: SchemaObject): boolean {
  return Object.keys(schema).every((key) => key === 'type' || ANNOTATIONS.has(key) || key.startsWith('x-'));
}

/**
 * Marks a tuple (`items` as a list) that allows more items than it lists. Modelina makes
 * a tuple only of closed lists (`additionalItems: false`), and an array of a union of
 * the items otherwise, which forgets their order; so Modelina sees every list closed, and
 * this mark tells the type builder to allow more.
 */
export const OPEN_TUPLE_KEY = 'x-codegen-open-tuple';

/**
 * Merges the `allOf` of an acyclic schema and of every schema inside it, and spreads an
 * object's shape into `anyOf`/`oneOf` branches that only add conditions to it.
 */
export function mergeAllOf(schema: unknown): unknown {
  if (!isSchemaObject(schema)) return schema;

  const result: SchemaObject = { ...schema };
  if (Array.isArray(schema.items) && schema.additionalItems !== false) {
    result.additionalItems = false;
    result[OPEN_TUPLE_KEY] = true;
  }
  for (const [steps, child] of childSchemas(schema)) {
    if (steps[0] === 'allOf') continue;
    setAt(result, steps, mergeAllOf(child));
  }

  const parts = Array.isArray(schema.allOf) ? schema.allOf.map(mergeAllOf) : undefined;
  if (parts === undefined) return distributeConditions(result);
  delete result.allOf;

  // A part that is a reference (a cycle) cannot be merged without resolving it.
  const mergeable = parts.filter((part): part is SchemaObject => isSchemaObject(part) && !('$ref' in part));
  const rest = parts.filter((part) => !mergeable.includes(part as SchemaObject));
  let merged = result;
  for (const part of mergeable) merged = mergeTwo(merged, part);
  if (rest.length > 0) merged.allOf = rest;
  return distributeConditions(merged);
}

/** What a branch of `anyOf` or `oneOf` may say to be only a further condition on an object. */
const OBJECT_CONDITIONS = new Set(['required', 'properties', 'minProperties', 'maxProperties',
  'dependentRequired']);

/**
 * An object whose `anyOf` or `oneOf` branches only add conditions (which keys are required,
 * say) becomes a choice of whole objects: `{ properties, anyOf: [{ required: [a] },
 * { required: [b] }] }` reads as "the object with `a`, or the object with `b`". Modelina
 * reads the original as any value, which admits every shape.
 */
function distributeConditions(schema: SchemaObject): SchemaObject {
  const keywords = ['anyOf', 'oneOf'].filter((keyword) => Array.isArray(schema[keyword]));
  if (keywords.length !== 1) return schema;
  const keyword = keywords[0] as string;
  const isObject = schema.type === 'object' || isSchemaObject(schema.properties);
  const branches = schema[keyword] as unknown[];
  const onlyConditions = branches.every((branch) => isSchemaObject(branch) &&
    Object.keys(branch).every((key) => OBJECT_CONDITIONS.has(key) || ANNOTATIONS.has(key) ||
      key.startsWith('x-')));
  if (!isObject || branches.length === 0 || !onlyConditions) return schema;

  const shape: SchemaObject = { ...schema };
  delete shape[keyword];
  const result: SchemaObject = {};
  for (const key of Object.keys(schema)) {
    if (ANNOTATIONS.has(key) || (key.startsWith('x-') && key !== OPEN_TUPLE_KEY)) result[key] = schema[key];
  }
  result[keyword] = branches.map((branch) => mergeTwo(shape, branch as SchemaObject));
  return result;
}

/** `b` is the later part of an `allOf`: where both say something, it is the more specific. */
function mergeTwo(a: SchemaObject, b: SchemaObject): SchemaObject {
  const result: SchemaObject = { ...a };

  for (const [key, value] of Object.entries(b)) {
    if (key === 'properties' && isSchemaObject(value) && isSchemaObject(a.properties)) {
      const properties: SchemaObject = { ...a.properties };
      for (const [name, schema] of Object.entries(value)) {
        const existing = properties[name];
        properties[name] =
          isSchemaObject(existing) && isSchemaObject(schema) ? mergeTwo(existing, schema) : schema;
      }
      result.properties = properties;
    } else if (key === 'required' && Array.isArray(value)) {
      const required = Array.isArray(a.required) ? a.required : [];
      result.required = [...new Set([...required, ...value])];
    } else if (key === 'additionalProperties') {
      result.additionalProperties = a.additionalProperties === false ? false : value;
    } else if (key === SCHEMA_ID_KEY) {
      // The merged schema is named after the part that gives it its shape.
      if (!isOnlyTypeAndAnnotations(b) || !(SCHEMA_ID_KEY in a)) result[key] = value;
    } else {
      result[key] = value;
    }
  }
  // A part that changes the shape makes another schema than `a`, which must not pass for
  // `a` by its id: a `kind` enum narrowed to one `const` in each `oneOf` branch would get
  // the first branch's type in all of them.
  if (!isOnlyTypeAndAnnotations(b) && !(SCHEMA_ID_KEY in b)) delete result[SCHEMA_ID_KEY];
  return result;
}
