/**
 * Payload and header types. Modelina does the modelling: it reads each JSON Schema into
 * its meta model, merging `allOf`, turning `oneOf`/`anyOf` into unions, finding
 * dictionaries, enums and nullability. Its TypeScript renderer is not used, because its
 * output is not exact for wire types: it renames keys that are reserved words, drops keys
 * that differ only in case, leaks the quotes of string enums, stringifies `true` in enums,
 * adds an `additionalProperties` member and names types `AnonymousSchema_N`. Instead the
 * meta model is read here into declarations with names of our own, and where the meta
 * model has lost something (`const`, `type: "null"`), the schema it came from says what.
 */
import { createRequire } from 'node:module';

import type * as Modelina from '@asyncapi/modelina';

import { NameRegistry, componentTypeName } from './naming.js';
import { OPEN_TUPLE_KEY } from './merge-all-of.js';
import { escapePrototypeKeys, unescapePropertyKey } from './prototype-keys.js';
import { SCHEMA_ID_KEY } from './schema-graph.js';
import {
  NULL,
  UNKNOWN,
  unionOf,
  type PropertyModel,
  type TypeDeclaration,
  type TypeExpression,
} from './types.js';

// Modelina's JSON Schema reader and meta model only, by their own paths: its index loads
// every generator and input format, two more copies of the AsyncAPI parser among them,
// which cost codegen a second and 100 MiB before it had read a document. The paths have
// no declarations of their own; they are the same modules the index re-exports.
const require = createRequire(import.meta.url);
const {
  AnyModel,
  ArrayModel,
  BooleanModel,
  DictionaryModel,
  EnumModel,
  FloatModel,
  IntegerModel,
  ObjectModel,
  ReferenceModel,
  StringModel,
  TupleModel,
  UnionModel,
} = require('@asyncapi/modelina/lib/cjs/models') as typeof Modelina;
const { JsonSchemaInputProcessor } =
  require('@asyncapi/modelina/lib/cjs/processors/JsonSchemaInputProcessor') as typeof Modelina;
type MetaModel = Modelina.MetaModel;
type ObjectModel = Modelina.ObjectModel;

const ANONYMOUS_SCHEMA_ID = /^<anonymous-schema-\d+>$/;

/**
 * Modelina's processing stage only. Its generators would first offer every schema to the
 * AsyncAPI, OpenAPI, Avro and other readers, and the Avro reader claims a JSON Schema that
 * happens to have a `name` beside a `type` it knows.
 */
const modelina = new JsonSchemaInputProcessor();

export interface NameCollision {
  readonly name: string;
  readonly given: string;
}

/**
 * Builds the named types of one service. Schemas shared between messages (by the
 * parser's schema id) are declared once.
 */
export class PayloadTypeBuilder {
  readonly #names: NameRegistry;
  readonly #declarations: TypeDeclaration[] = [];
  readonly #declared = new Map<MetaModel, string>();
  /** Declared names by schema id, so that a schema shared by two messages is one type. */
  readonly #bySchemaId = new Map<string, string>();
  readonly #idsInProgress = new Set<string>();
  /** Models a cycle re-enters; they must be declared by name to refer to themselves. */
  readonly #cycleEntries = new Set<MetaModel>();

  constructor(names: NameRegistry) {
    this.#names = names;
  }

  get declarations(): readonly TypeDeclaration[] {
    return this.#declarations;
  }

  /**
   * The type of a schema (acyclic, as `toAcyclicSchema` makes it), declared under
   * `suggestedName` unless it is a component, which keeps its component key.
   */
  async typeOf(schema: unknown, suggestedName: string): Promise<TypeExpression> {
    if (schema === true || schema === undefined) return UNKNOWN;
    if (schema === false) return { kind: 'primitive', name: 'unknown' };

    const input = await modelina.process(escapePrototypeKeys(schema) as Record<string, unknown>);
    const root = Object.values(input.models)[0];
    if (root === undefined) return UNKNOWN;
    for (const meta of cycleEntries(root)) this.#cycleEntries.add(meta);
    return this.#convert(root, suggestedName, true);
  }

  /**
   * `schema` is the schema the meta model was made from, when the caller knows it better
   * than Modelina: a property's own schema, as its object declares it.
   */
  #convert(
    meta: MetaModel,
    suggestedName: string,
    declareAlways = false,
    schema: unknown = meta.originalInput,
  ): TypeExpression {
    // An interface cannot say it is nullable; where its schema is, each use says so.
    const declared = this.#declared.get(meta);
    if (declared !== undefined) return this.#nullableAtUse(meta, { kind: 'reference', name: declared });
    // Modelina splits one schema into several models (a union of `type: string` and an
    // object, say) that all claim to come from it; while it is being declared, those
    // parts are anonymous, or the declaration would be made of itself.
    const declaredId = schemaIdOf(schema);
    const schemaId = declaredId !== undefined && this.#idsInProgress.has(declaredId) ? undefined : declaredId;
    const shared = schemaId === undefined ? undefined : this.#bySchemaId.get(schemaId);
    if (shared !== undefined) return this.#nullableAtUse(meta, { kind: 'reference', name: shared });

    if (meta instanceof ReferenceModel) return this.#convert(meta.ref, suggestedName, declareAlways);

    const isComponent = schemaId !== undefined && !ANONYMOUS_SCHEMA_ID.test(schemaId);
    const name = isComponent ? componentTypeName(schemaId) : suggestedName;

    // Modelina makes an object `const` an object of no known keys.
    const isConstant = isRecord(schema) && 'const' in schema;
    if (meta instanceof ObjectModel && !isConstant) return this.#declareInterface(meta, name, schemaId);

    // A schema that a cycle through no object enters again must be a named alias: only a
    // name can refer to itself.
    const recursive = this.#cycleEntries.has(meta);
    const worthDeclaring =
      declareAlways || isComponent || recursive ||
      (meta instanceof EnumModel && meta.values.length > 1);
    if (!worthDeclaring) return this.#expression(meta, name, schema);

    const given = this.#claim(meta, name, schemaId);
    if (schemaId !== undefined) this.#idsInProgress.add(schemaId);
    const type = this.#expression(meta, given, schema);
    if (schemaId !== undefined) this.#idsInProgress.delete(schemaId);
    this.#declarations.push({
      kind: 'alias',
      name: given,
      description: descriptionOf(schema),
      type,
    });
    return { kind: 'reference', name: given };
  }

  #claim(meta: MetaModel, name: string, schemaId: string | undefined): string {
    const given = this.#names.claim(name, schemaId ?? `meta:${name}:${this.#declared.size}`);
    this.#declared.set(meta, given);
    if (schemaId !== undefined) this.#bySchemaId.set(schemaId, given);
    return given;
  }

  #declareInterface(meta: ObjectModel, name: string, schemaId: string | undefined): TypeExpression {
    const given = this.#claim(meta, name, schemaId);
    const properties: PropertyModel[] = [];
    const extraValueTypes: TypeExpression[] = [];
    let allowsOtherKeys = false;

    const declaredProperties = isRecord(meta.originalInput) && isRecord(meta.originalInput.properties)
      ? meta.originalInput.properties
      : {};
    for (const property of Object.values(meta.properties)) {
      const value = property.property;
      const schema = Object.hasOwn(declaredProperties, property.propertyName)
        ? declaredProperties[property.propertyName]
        : value.originalInput;
      if (value instanceof DictionaryModel && value.serializationType === 'unwrap') {
        allowsOtherKeys = true;
        if (!(value.value instanceof AnyModel)) {
          extraValueTypes.push(this.#convert(value.value, `${given}Value`));
        }
        continue;
      }
      const key = unescapePropertyKey(property.propertyName);
      properties.push({
        key,
        required: property.required,
        type: this.#convert(value, `${given}${componentTypeName(key)}`, false, schema),
        description: descriptionOf(schema),
        deprecated: isRecord(schema) && schema.deprecated === true,
      });
    }

    // A key the schema requires without declaring it is still there: typed as the other
    // keys are, or as any value.
    const requiredKeys = isRecord(meta.originalInput) && Array.isArray(meta.originalInput.required)
      ? meta.originalInput.required.filter((key): key is string => typeof key === 'string')
      : [];
    for (const key of requiredKeys.map(unescapePropertyKey)) {
      if (properties.some((property) => property.key === key)) continue;
      properties.push({ key, required: true,
        type: extraValueTypes.length > 0 ? unionOf(extraValueTypes) : UNKNOWN,
        description: undefined, deprecated: false });
    }

    // Other keys get an index signature only where it says something: a value schema of
    // their own (from `additionalProperties` or `patternProperties`, which Modelina joins
    // into one), or an object that declares no keys at all (any JSON object).
    const additional = isRecord(meta.originalInput) ? meta.originalInput.additionalProperties : undefined;
    let indexSignature: TypeExpression | undefined;
    if (extraValueTypes.length > 0) {
      indexSignature = unionOf([...extraValueTypes, ...properties.map((p) => p.type)]);
    } else if (additional !== false && allowsOtherKeys && properties.length === 0) {
      indexSignature = UNKNOWN;
    } else if (additional === false && properties.length === 0) {
      // `{}` would admit any value but null; the schema admits only the empty object.
      indexSignature = { kind: 'primitive', name: 'never' };
    }

    this.#declarations.push({
      kind: 'interface',
      name: given,
      description: descriptionOf(meta.originalInput),
      properties,
      indexSignature,
    });
    return this.#nullable(meta, { kind: 'reference', name: given });
  }

  /** The type of a meta model that is not declared on its own. */
  #expression(meta: MetaModel, name: string, origin: unknown = meta.originalInput): TypeExpression {
    const schema = isRecord(origin) ? origin : {};

    // Modelina reads `const` into its options and `type: "null"` as "any", and an enum
    // with an object or array among its values as any value.
    if ('const' in schema) return literalOf(schema.const);
    if (Array.isArray(schema.enum) && schema.enum.some((value) => typeof value === 'object' && value !== null)) {
      return unionOf(schema.enum.map(literalOf));
    }
    if (schema.type === 'null') return NULL;
    if (Array.isArray(schema.type) && schema.type.length > 0 && schema.type.every((t) => t === 'null')) {
      return NULL;
    }

    let type: TypeExpression;
    if (meta instanceof StringModel) type = { kind: 'primitive', name: 'string' };
    else if (meta instanceof IntegerModel || meta instanceof FloatModel) {
      type = { kind: 'primitive', name: 'number' };
    } else if (meta instanceof BooleanModel) type = { kind: 'primitive', name: 'boolean' };
    else if (meta instanceof AnyModel) return UNKNOWN;
    else if (meta instanceof EnumModel) {
      type = unionOf(meta.values.map((entry) => literalOf(entry.value)));
    } else if (meta instanceof ArrayModel) {
      type = { kind: 'array', item: this.#convert(meta.valueModel, `${name}Item`) };
    } else if (meta instanceof TupleModel) {
      // Items are optional unless `minItems` says otherwise; more items are allowed unless
      // the schema forbids them (see OPEN_TUPLE_KEY).
      const items = meta.tuple.map((entry) => this.#convert(entry.value, `${name}Item${entry.index + 1}`));
      type = {
        kind: 'tuple',
        items,
        required: Math.min(typeof schema.minItems === 'number' ? schema.minItems : 0, items.length),
        rest: schema[OPEN_TUPLE_KEY] === true ? UNKNOWN : undefined,
      };
    } else if (meta instanceof UnionModel) {
      type = unionOf(
        meta.union.map((member, index) => this.#convert(member, `${name}Option${index + 1}`)),
      );
    } else if (meta instanceof DictionaryModel) {
      type = { kind: 'record', value: this.#convert(meta.value, `${name}Value`) };
    } else if (meta instanceof ObjectModel) {
      return this.#declareInterface(meta, name, schemaIdOf(meta.originalInput));
    } else {
      type = UNKNOWN;
    }
    return this.#nullable(meta, type);
  }

  #nullableAtUse(meta: MetaModel, reference: TypeExpression): TypeExpression {
    return meta instanceof ObjectModel ? this.#nullable(meta, reference) : reference;
  }

  #nullable(meta: MetaModel, type: TypeExpression): TypeExpression {
    return meta.options.isNullable === true ? unionOf([type, NULL]) : type;
  }
}

/**
 * The models of a meta model graph that a path through it enters a second time, where
 * that cycle runs through no object.
 */
function cycleEntries(root: MetaModel): Set<MetaModel> {
  const entries = new Set<MetaModel>();
  const path: MetaModel[] = [];
  const done = new Set<MetaModel>();
  const children = (meta: MetaModel): MetaModel[] => {
    if (meta instanceof ObjectModel) return Object.values(meta.properties).map((p) => p.property);
    if (meta instanceof ArrayModel) return [meta.valueModel];
    if (meta instanceof TupleModel) return meta.tuple.map((entry) => entry.value);
    if (meta instanceof UnionModel) return meta.union;
    if (meta instanceof DictionaryModel) return [meta.value];
    if (meta instanceof ReferenceModel) return [meta.ref];
    return [];
  };
  const visit = (meta: MetaModel): void => {
    const start = path.indexOf(meta);
    if (start >= 0) {
      // Objects are always declared by name, so a cycle through one needs nothing more.
      if (!path.slice(start).some((step) => step instanceof ObjectModel)) {
        entries.add(meta instanceof ReferenceModel ? meta.ref : meta);
      }
      return;
    }
    if (done.has(meta)) return;
    path.push(meta);
    for (const child of children(meta)) visit(child);
    path.pop();
    done.add(meta);
  };
  visit(root);
  return entries;
}

/** A literal type for an enum value; objects and arrays in enums are typed as JSON. */
/** The type that admits exactly this JSON value (as far as TypeScript can say). */
function literalOf(value: unknown): TypeExpression {
  if (value === null) return NULL;
  if (isJsonPrimitive(value)) return { kind: 'literal', value };
  if (Array.isArray(value)) {
    return { kind: 'tuple', items: value.map(literalOf), required: value.length, rest: undefined };
  }
  if (isRecord(value)) {
    const entries = Object.entries(value);
    // `{}` would admit any value but null.
    if (entries.length === 0) return { kind: 'record', value: { kind: 'primitive', name: 'never' } };
    return {
      kind: 'object',
      properties: entries.map(([key, item]) => ({ key, required: true, type: literalOf(item),
        description: undefined, deprecated: false })),
    };
  }
  return UNKNOWN;
}

function isJsonPrimitive(value: unknown): value is string | number | boolean | null {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function schemaIdOf(schema: unknown): string | undefined {
  if (!isRecord(schema)) return undefined;
  const id = schema[SCHEMA_ID_KEY];
  return typeof id === 'string' ? id : undefined;
}

function descriptionOf(schema: unknown): string | undefined {
  if (!isRecord(schema)) return undefined;
  const text = schema.description ?? schema.title;
  return typeof text === 'string' && text.trim() !== '' ? text : undefined;
}
