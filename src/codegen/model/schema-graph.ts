/**
 * The parser hands over schemas fully resolved: shared parts are shared objects and
 * circular references are cycles in the object graph. Neither Ajv nor Modelina takes
 * cycles, and AsyncAPI 2.x spells nullability in a way JSON Schema does not, so schemas
 * pass through here first: copied, normalised, and made acyclic with `definitions`.
 */

/** A schema written as an object, as opposed to `true` or `false`. */
export type SchemaObject = Record<string, unknown>;

/** Keywords that hold one subschema. */
const SCHEMA_KEYWORDS = [
  'additionalItems', 'additionalProperties', 'contains', 'else', 'if', 'items', 'not',
  'propertyNames', 'then', 'unevaluatedItems', 'unevaluatedProperties',
] as const;
/** Keywords that hold a list of subschemas. */
const SCHEMA_LIST_KEYWORDS = ['allOf', 'anyOf', 'oneOf', 'items', 'prefixItems'] as const;
/** Keywords that hold a map of subschemas. */
const SCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties', 'definitions', '$defs', 'dependencies'] as const;

/** Annotations that change nothing about which values are valid. */
const ANNOTATION_KEYWORDS = new Set([
  'description', 'title', 'examples', 'example', '$comment', 'deprecated', 'readOnly',
  'writeOnly', 'externalDocs', 'discriminator', 'default', '$id', '$schema', 'xml',
  // Targets for references, which the parser has already resolved; Ajv would refuse an
  // anchor that is not a plain name, or the same anchor twice in one message.
  '$anchor', '$dynamicAnchor', '$recursiveAnchor',
]);

export const SCHEMA_ID_KEY = 'x-parser-schema-id';

export interface AcyclicOptions {
  /** Drop annotations and extensions, for validators that embed the schema. */
  readonly stripAnnotations: boolean;
}

export function isSchemaObject(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The subschemas of a schema, each with the path step that leads to it. */
export function childSchemas(schema: SchemaObject): Array<[string[], unknown]> {
  const children: Array<[string[], unknown]> = [];
  for (const keyword of SCHEMA_KEYWORDS) {
    const value = schema[keyword];
    if (isSchemaObject(value) || typeof value === 'boolean') children.push([[keyword], value]);
  }
  for (const keyword of SCHEMA_LIST_KEYWORDS) {
    const value = schema[keyword];
    if (Array.isArray(value)) value.forEach((item, index) => children.push([[keyword, String(index)], item]));
  }
  for (const keyword of SCHEMA_MAP_KEYWORDS) {
    const value = schema[keyword];
    if (!isSchemaObject(value)) continue;
    for (const [name, item] of Object.entries(value)) {
      if (isSchemaObject(item) || typeof item === 'boolean') children.push([[keyword, name], item]);
    }
  }
  return children;
}

/** Finds the schemas that are entered again while inside themselves. */
function findCycleEntries(root: unknown): Set<SchemaObject> {
  const entries = new Set<SchemaObject>();
  const onPath = new Set<SchemaObject>();
  const done = new Set<SchemaObject>();

  const visit = (node: unknown): void => {
    if (!isSchemaObject(node)) return;
    if (onPath.has(node)) {
      entries.add(node);
      return;
    }
    if (done.has(node)) return;
    onPath.add(node);
    for (const [, child] of childSchemas(node)) visit(child);
    onPath.delete(node);
    done.add(node);
  };

  visit(root);
  return entries;
}

/**
 * Copies a resolved schema into an acyclic one. Every schema that takes part in a cycle
 * becomes an entry of `definitions`, referenced by `$ref` wherever it appears.
 */
export function toAcyclicSchema(root: unknown, options: AcyclicOptions): unknown {
  const entries = findCycleEntries(root);
  const definitionNames = new Map<SchemaObject, string>();
  const definitions: SchemaObject = {};

  const definitionName = (node: SchemaObject): string => {
    const known = definitionNames.get(node);
    if (known !== undefined) return known;
    const id = typeof node[SCHEMA_ID_KEY] === 'string' ? (node[SCHEMA_ID_KEY] as string) : 'schema';
    const name = `${id.replace(/[^A-Za-z0-9_.-]/g, '_')}_${definitionNames.size}`;
    definitionNames.set(node, name);
    definitions[name] = copy(node, true);
    return name;
  };

  function copy(node: unknown, asDefinition = false): unknown {
    if (!isSchemaObject(node)) return node;
    if (entries.has(node) && !asDefinition) {
      return { $ref: `#/definitions/${definitionName(node)}` };
    }

    const result: SchemaObject = {};
    for (const [key, value] of Object.entries(node)) {
      if (options.stripAnnotations && (ANNOTATION_KEYWORDS.has(key) || key.startsWith('x-'))) {
        continue;
      }
      result[key] = value;
    }
    for (const [steps, child] of childSchemas(node)) {
      setAt(result, steps, copy(child));
    }
    normaliseNullable(result);
    normaliseExclusiveBounds(result);
    return result;
  }

  const body = copy(root);
  if (Object.keys(definitions).length === 0) return body;
  // A root that is itself part of a cycle is only a reference; keep it one, so that the
  // type is named after the schema rather than after a wrapper.
  if (isSchemaObject(body) && Object.keys(body).length === 1 && '$ref' in body) {
    return { ...body, definitions };
  }
  return { allOf: [body], definitions };
}

/** Replaces the subschema that `childSchemas` reached by `steps`, copying its container. */
export function setAt(target: SchemaObject, steps: readonly string[], value: unknown): void {
  const [first, second] = steps;
  if (first === undefined) return;
  if (second === undefined) {
    target[first] = value;
    return;
  }
  const container = target[first];
  if (Array.isArray(container)) {
    const copied = [...container];
    copied[Number(second)] = value;
    target[first] = copied;
  } else if (isSchemaObject(container)) {
    target[first] = { ...container, [second]: value };
  }
}

/**
 * AsyncAPI 2.x (after OpenAPI) writes `nullable: true`; JSON Schema wants `null` among the
 * types. Both spellings must validate and type alike.
 */
/**
 * OpenAPI 3.0 (and JSON Schema draft 4) write an exclusive bound as a flag beside
 * `minimum`/`maximum`; draft 7, which the validators compile, writes the bound itself.
 * The OpenAPI schema parser converts `nullable` but leaves these.
 */
function normaliseExclusiveBounds(schema: SchemaObject): void {
  for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (typeof schema[flag] !== 'boolean') continue;
    if (schema[flag] === true && typeof schema[bound] === 'number') {
      schema[flag] = schema[bound];
      delete schema[bound];
    } else {
      delete schema[flag];
    }
  }
}

function normaliseNullable(schema: SchemaObject): void {
  if (schema.nullable !== true) {
    if ('nullable' in schema) delete schema.nullable;
    return;
  }
  delete schema.nullable;

  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) {
    schema.enum = [...schema.enum, null];
  }
  if (typeof schema.type === 'string') {
    if (schema.type !== 'null') schema.type = [schema.type, 'null'];
  } else if (Array.isArray(schema.type)) {
    if (!schema.type.includes('null')) schema.type = [...schema.type, 'null'];
  } else if (!Array.isArray(schema.enum)) {
    const rest = { ...schema };
    for (const key of Object.keys(schema)) delete schema[key];
    schema.anyOf = [rest, { type: 'null' }];
  }
}
