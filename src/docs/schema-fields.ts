/**
 * A payload or header schema as a tree of fields, the way a reader walks it: properties,
 * array items, other keys and alternatives, each with its type, required mark,
 * constraints, description and sensitivity. Pages render it; the search index reads
 * the field names from it.
 */
import { mergeAllOf } from '../codegen/model/merge-all-of.js';
import { SCHEMA_ID_KEY, toAcyclicSchema } from '../codegen/model/schema-graph.js';
import { fieldAnchor } from './site-paths.js';

type SchemaObject = Record<string, unknown>;

export interface FieldNode {
  /** The property key, or a label such as `[]` for the items of an array. */
  readonly name: string;
  readonly kind: 'property' | 'items' | 'other-keys' | 'option';
  /** Property keys and labels from the root; the anchor is made from them. */
  readonly path: readonly string[];
  readonly anchor: string;
  readonly type: string;
  readonly required: boolean;
  readonly constraints: readonly string[];
  readonly description: string | undefined;
  readonly sensitive: boolean;
  readonly deprecated: boolean;
  /** The schema this field refers back to, when it is part of a cycle. */
  readonly recursiveOf: string | undefined;
  readonly children: readonly FieldNode[];
}

export interface FieldTree {
  readonly type: string;
  readonly description: string | undefined;
  readonly constraints: readonly string[];
  readonly fields: readonly FieldNode[];
}

function isSchemaObject(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * Reads a resolved schema. `anchorPrefix` keeps the anchors of two trees on one page
 * apart; `sensitivePaths` are the JSON pointers the model found marked sensitive.
 */
export function fieldTree(
  schema: unknown,
  anchorPrefix: string,
  sensitivePaths: readonly string[] = [],
): FieldTree {
  const root = mergeAllOf(toAcyclicSchema(schema, { stripAnnotations: false }));
  const definitions =
    isSchemaObject(root) && isSchemaObject(root.definitions) ? root.definitions : {};
  const sensitive = new Set(sensitivePaths);

  const children = (
    node: SchemaObject,
    path: readonly string[],
    pointer: string | undefined,
  ): FieldNode[] => {
    const found: FieldNode[] = [];
    const required = new Set(Array.isArray(node.required) ? node.required : []);
    const add = (
      name: string,
      kind: FieldNode['kind'],
      child: unknown,
      isRequired: boolean,
      childPointer: string | undefined,
    ): void => {
      const childPath = [...path, name];
      const childSchema = isSchemaObject(child) ? child : {};
      const recursiveOf = referencedDefinition(childSchema, definitions);
      found.push({
        name,
        kind,
        path: childPath,
        anchor: fieldAnchor(anchorPrefix, childPath),
        type: typeLabel(childSchema, definitions),
        required: isRequired,
        constraints: constraints(childSchema),
        description: text(childSchema.description) ?? text(childSchema.title),
        sensitive:
          childSchema['x-sensitive'] === true ||
          (childPointer !== undefined && sensitive.has(childPointer)),
        deprecated: childSchema.deprecated === true,
        recursiveOf,
        children: recursiveOf === undefined ? children(childSchema, childPath, childPointer) : [],
      });
    };

    if (isSchemaObject(node.properties)) {
      for (const [key, child] of Object.entries(node.properties)) {
        const childPointer =
          pointer === undefined ? undefined : `${pointer}/${escapePointer(key)}`;
        add(key, 'property', child, required.has(key), childPointer);
      }
    }
    if (isSchemaObject(node.patternProperties)) {
      for (const [pattern, child] of Object.entries(node.patternProperties)) {
        add(`/${pattern}/`, 'other-keys', child, false, undefined);
      }
    }
    if (
      isSchemaObject(node.additionalProperties) &&
      Object.keys(node.additionalProperties).length > 0
    ) {
      add('*', 'other-keys', node.additionalProperties, false, undefined);
    }
    if (isSchemaObject(node.items)) add('[]', 'items', node.items, false, undefined);
    const tuple = Array.isArray(node.prefixItems)
      ? node.prefixItems
      : Array.isArray(node.items)
        ? node.items
        : [];
    tuple.forEach((item, index) => add(`[${index}]`, 'items', item, false, undefined));
    for (const keyword of ['oneOf', 'anyOf', 'allOf'] as const) {
      const options = node[keyword];
      if (!Array.isArray(options)) continue;
      options.forEach((option, index) =>
        add(`${keyword} ${index + 1}`, 'option', option, false, undefined),
      );
    }
    return found;
  };

  const rootSchema = isSchemaObject(root) ? root : {};
  return {
    type: typeLabel(rootSchema, definitions),
    description: text(rootSchema.description),
    constraints: constraints(rootSchema),
    fields: children(rootSchema, [], ''),
  };
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function referencedDefinition(
  schema: SchemaObject,
  definitions: SchemaObject,
): string | undefined {
  const ref = text(schema.$ref);
  if (ref === undefined) return undefined;
  const target = definitions[ref.replace(/^#\/definitions\//, '')];
  return (
    (isSchemaObject(target) ? schemaName(target) : undefined) ??
    ref.replace(/^#\/definitions\//, '')
  );
}

/** A schema's own name, when the document gave it one (a component name). */
function schemaName(schema: SchemaObject): string | undefined {
  const id = text(schema[SCHEMA_ID_KEY]) ?? text(schema.title);
  return id === undefined || id.startsWith('<anonymous') ? undefined : id;
}

/** A short type as a reader says it: `string`, `string | null`, `FeatureChange`, `string[]`. */
export function typeLabel(schema: SchemaObject, definitions: SchemaObject = {}): string {
  if ('const' in schema) return JSON.stringify(schema.const) ?? 'unknown';
  const recursive = referencedDefinition(schema, definitions);
  if (recursive !== undefined) return recursive;

  let types: string[] = [];
  if (typeof schema.type === 'string') types = [schema.type];
  else if (Array.isArray(schema.type))
    types = schema.type.filter((t): t is string => typeof t === 'string');
  else if (isSchemaObject(schema.properties)) types = ['object'];
  else if ('items' in schema || 'prefixItems' in schema) types = ['array'];
  else if (Array.isArray(schema.enum)) types = ['enum'];
  else if (Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf)) types = ['one of'];

  const labels = types.map((type) => {
    if (type === 'object') return schemaName(schema) ?? 'object';
    if (type !== 'array' || !isSchemaObject(schema.items)) return type;
    const item = typeLabel(schema.items, definitions);
    return /^[\w.-]+$/.test(item) ? `${item}[]` : `array of ${item}`;
  });
  return labels.length === 0 ? 'any' : labels.join(' | ');
}

const CONSTRAINT_LABELS: ReadonlyArray<[string, string]> = [
  ['format', 'format'],
  ['pattern', 'pattern'],
  ['minLength', 'min length'],
  ['maxLength', 'max length'],
  ['minimum', '≥'],
  ['exclusiveMinimum', '>'],
  ['maximum', '≤'],
  ['exclusiveMaximum', '<'],
  ['multipleOf', 'multiple of'],
  ['minItems', 'min items'],
  ['maxItems', 'max items'],
  ['minProperties', 'min keys'],
  ['maxProperties', 'max keys'],
  ['default', 'default'],
];

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** What a value must be beyond its type, each as a short phrase. */
export function constraints(schema: SchemaObject): string[] {
  const found: string[] = [];
  for (const [keyword, label] of CONSTRAINT_LABELS) {
    const value = schema[keyword];
    if (value === undefined || typeof value === 'boolean' || isSchemaObject(value)) continue;
    found.push(
      `${label} ${typeof value === 'string' && keyword !== 'default' ? value : show(value)}`,
    );
  }
  if (Array.isArray(schema.enum)) {
    found.push(`one of ${schema.enum.map((value) => JSON.stringify(value)).join(', ')}`);
  }
  if (schema.uniqueItems === true) found.push('unique items');
  if (schema.additionalProperties === false) found.push('no other keys');
  if (schema.readOnly === true) found.push('read only');
  if (schema.writeOnly === true) found.push('write only');
  return found;
}

/** Every field of a tree, depth first, for the search index. */
export function allFields(fields: readonly FieldNode[]): FieldNode[] {
  return fields.flatMap((field) => [field, ...allFields(field.children)]);
}
