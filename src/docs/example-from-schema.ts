/**
 * An example value made from a schema, for messages that declare none. It prefers what
 * the document says (`examples`, `default`, `const`, the first `enum` value) and falls
 * back to a plain value of the type, so that it shows the shape rather than real data.
 */
import { mergeAllOf } from '../codegen/model/merge-all-of.js';
import { toAcyclicSchema } from '../codegen/model/schema-graph.js';

type SchemaObject = Record<string, unknown>;

/** Nesting deeper than this is cut off; recursive schemas would otherwise never end. */
const MAX_DEPTH = 8;
/** Bounds on what `minItems` and `minLength` may ask of a made-up value shown on a page. */
const MAX_ITEMS = 3;
const MAX_STRING = 64;

const FORMAT_SAMPLES: Record<string, string> = {
  uuid: '00000000-0000-4000-8000-000000000000',
  'date-time': '2026-01-01T00:00:00Z',
  date: '2026-01-01',
  time: '00:00:00Z',
  email: 'someone@example.com',
  uri: 'https://example.com/',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
};

function isSchemaObject(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function exampleFromSchema(schema: unknown): unknown {
  const root = mergeAllOf(toAcyclicSchema(schema, { stripAnnotations: false }));
  const definitions =
    isSchemaObject(root) && isSchemaObject(root.definitions) ? root.definitions : {};

  const make = (node: unknown, depth: number): unknown => {
    if (!isSchemaObject(node) || depth > MAX_DEPTH) return null;
    if (typeof node.$ref === 'string') {
      return make(definitions[node.$ref.replace(/^#\/definitions\//, '')], depth + 1);
    }
    if ('const' in node) return node.const;
    if (Array.isArray(node.examples) && node.examples.length > 0) return node.examples[0];
    if ('example' in node) return node.example;
    if ('default' in node) return node.default;
    if (Array.isArray(node.enum) && node.enum.length > 0) return node.enum[0];
    for (const keyword of ['oneOf', 'anyOf', 'allOf']) {
      const options = node[keyword];
      if (Array.isArray(options) && options.length > 0) return make(options[0], depth + 1);
    }

    const types = Array.isArray(node.type) ? node.type : [node.type];
    const type = types.find((t) => t !== 'null') ?? types[0];
    if (type === 'object' || (type === undefined && isSchemaObject(node.properties))) {
      const value: Record<string, unknown> = {};
      const properties = isSchemaObject(node.properties) ? node.properties : {};
      for (const [key, child] of Object.entries(properties)) value[key] = make(child, depth + 1);
      return value;
    }
    if (type === 'array') {
      if (!isSchemaObject(node.items)) return [];
      const item = make(node.items, depth + 1);
      const count = Math.min(Math.max(numberOr(node.minItems, 1), 1), MAX_ITEMS);
      return Array.from({ length: count }, () => item);
    }
    if (type === 'string') {
      const format = typeof node.format === 'string' ? FORMAT_SAMPLES[node.format] : undefined;
      if (format !== undefined) return format;
      // Within the declared lengths, so that the example is one the schema accepts.
      const longEnough = 'string'.padEnd(Math.min(numberOr(node.minLength, 0), MAX_STRING), 'x');
      return longEnough.slice(0, Math.max(numberOr(node.maxLength, longEnough.length), 0));
    }
    if (type === 'integer' || type === 'number') return numberWithin(node, type === 'integer');
    if (type === 'boolean') return false;
    return null;
  };

  return make(root, 0);
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** 0 where the bounds allow it, else the nearest bound that they do. */
function numberWithin(node: SchemaObject, integer: boolean): number {
  const step = integer ? 1 : 0.5;
  const low = typeof node.minimum === 'number' ? node.minimum
    : typeof node.exclusiveMinimum === 'number' ? node.exclusiveMinimum + step : undefined;
  const high = typeof node.maximum === 'number' ? node.maximum
    : typeof node.exclusiveMaximum === 'number' ? node.exclusiveMaximum - step : undefined;
  let value = 0;
  if (low !== undefined && value < low) value = integer ? Math.ceil(low) : low;
  if (high !== undefined && value > high) value = integer ? Math.floor(high) : high;
  return value;
}
