/**
 * Compares two normalised schemas property by property and names each difference by
 * the change kinds of the verdict table. Both schemas describe one value as its readers
 * see it: `old` is what readers and events so far know, `new` what the change declares.
 */
import { isRecord } from '../contract/normalise-schema.js';
import type { ChangeKind } from '../compatibility/verdict-table.js';

export interface SchemaChange {
  readonly kind: ChangeKind;
  /** Where in the value, as a JSON pointer (`/data/name`); empty for the root. */
  readonly path: string;
  readonly detail: string;
}

type Schema = Record<string, unknown>;

const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'];
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'];
/**
 * Keywords whose change cannot be ordered as narrower or wider.
 * Not yet: the branches of `anyOf` and `oneOf` are compared as a whole, so a branch added
 * (a widening) is reported as a changed constraint that breaks both ways.
 */
const OTHER_KEYWORDS = [
  'pattern',
  'format',
  'anyOf',
  'oneOf',
  'not',
  'if',
  'then',
  'else',
  'allOf',
  '$ref',
  'patternProperties',
  'multipleOf',
  'uniqueItems',
  'definitions',
  'prefixItems',
];

export function compareSchemas(oldSchema: unknown, newSchema: unknown, path = ''): SchemaChange[] {
  if (JSON.stringify(oldSchema) === JSON.stringify(newSchema)) return [];
  const before = asSchema(oldSchema);
  const after = asSchema(newSchema);
  const changes: SchemaChange[] = [];

  compareTypes(before, after, path, changes);
  compareEnums(before, after, path, changes);
  compareBounds(before, after, path, changes);
  for (const keyword of OTHER_KEYWORDS) {
    const [was, is] = [before[keyword], after[keyword]];
    if (JSON.stringify(was) === JSON.stringify(is)) continue;
    const detail = `\`${keyword}\` changed from ${shown(was)} to ${shown(is)}`;
    changes.push({ kind: 'constraint-changed', path, detail });
  }
  compareProperties(before, after, path, changes);
  if (isRecord(before.items) || isRecord(after.items)) {
    changes.push(...compareSchemas(before.items ?? {}, after.items ?? {}, `${path}/items`));
  }
  return changes;
}

/** `true` and a missing schema accept anything; `false` accepts nothing. */
function asSchema(schema: unknown): Schema {
  if (schema === false) return { not: {} };
  return isRecord(schema) ? schema : {};
}

function shown(value: unknown): string {
  return value === undefined ? 'nothing' : `\`${JSON.stringify(value)}\``;
}

function typesOf(schema: Schema): Set<string> | undefined {
  const type = schema.type;
  if (type === undefined) return undefined;
  const types = new Set(Array.isArray(type) ? type.map(String) : [String(type)]);
  // Every integer is a number, so a number type already accepts integers.
  if (types.has('number')) types.add('integer');
  return types;
}

function compareTypes(before: Schema, after: Schema, path: string, changes: SchemaChange[]): void {
  const oldTypes = typesOf(before);
  const newTypes = typesOf(after);
  if (sameSet(oldTypes, newTypes)) return;
  const detail = `type changed from ${shown(before.type)} to ${shown(after.type)}`;
  if (isSubset(oldTypes, newTypes)) changes.push({ kind: 'type-widened', path, detail });
  else if (isSubset(newTypes, oldTypes)) changes.push({ kind: 'type-narrowed', path, detail });
  else changes.push({ kind: 'type-changed', path, detail });
}

function enumOf(schema: Schema): Set<string> | undefined {
  if ('const' in schema) return new Set([JSON.stringify(schema.const)]);
  return Array.isArray(schema.enum)
    ? new Set(schema.enum.map((v) => JSON.stringify(v)))
    : undefined;
}

function compareEnums(before: Schema, after: Schema, path: string, changes: SchemaChange[]): void {
  const oldValues = enumOf(before);
  const newValues = enumOf(after);
  if (sameSet(oldValues, newValues)) return;
  const removed = [...(oldValues ?? [])].filter((value) => newValues && !newValues.has(value));
  const added = [...(newValues ?? [])].filter((value) => oldValues && !oldValues.has(value));
  const words = [
    oldValues === undefined ? 'a fixed list of values is introduced' : undefined,
    newValues === undefined ? 'the fixed list of values is lifted' : undefined,
    added.length > 0 ? `adds ${added.join(', ')}` : undefined,
    removed.length > 0 ? `removes ${removed.join(', ')}` : undefined,
  ].filter((word) => word !== undefined);
  const detail = `the allowed values change: ${words.join('; ')}`;
  if (isSubset(oldValues, newValues)) changes.push({ kind: 'enum-widened', path, detail });
  else if (isSubset(newValues, oldValues)) changes.push({ kind: 'enum-narrowed', path, detail });
  else {
    changes.push({ kind: 'enum-narrowed', path, detail });
    changes.push({ kind: 'enum-widened', path, detail });
  }
}

function compareBounds(
  before: Schema,
  after: Schema,
  path: string,
  changes: SchemaChange[],
): void {
  for (const [keywords, tighter] of [
    [LOWER_BOUNDS, 1],
    [UPPER_BOUNDS, -1],
  ] as const) {
    for (const keyword of keywords) {
      const oldBound = before[keyword];
      const newBound = after[keyword];
      if (oldBound === newBound) continue;
      const detail = `\`${keyword}\` changed from ${shown(oldBound)} to ${shown(newBound)}`;
      const narrowed =
        typeof newBound === 'number' &&
        (typeof oldBound !== 'number' || (newBound - oldBound) * tighter > 0);
      changes.push({ kind: narrowed ? 'range-narrowed' : 'range-widened', path, detail });
    }
  }
}

function compareProperties(
  before: Schema,
  after: Schema,
  path: string,
  changes: SchemaChange[],
): void {
  const oldProperties = isRecord(before.properties) ? before.properties : {};
  const newProperties = isRecord(after.properties) ? after.properties : {};
  const oldRequired = new Set(Array.isArray(before.required) ? before.required.map(String) : []);
  const newRequired = new Set(Array.isArray(after.required) ? after.required.map(String) : []);
  const oldClosed = before.additionalProperties === false;
  const newClosed = after.additionalProperties === false;

  if (!oldClosed && newClosed) {
    changes.push({ kind: 'object-closed', path, detail: 'other properties are now forbidden' });
  } else if (oldClosed && !newClosed) {
    changes.push({ kind: 'object-opened', path, detail: 'other properties are now allowed' });
  }

  const keys = [...new Set([...Object.keys(oldProperties), ...Object.keys(newProperties)])];
  for (const key of keys) {
    const childPath = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    // Own keys only: `toString` is in every object, and may be a property too.
    const inOld = Object.hasOwn(oldProperties, key);
    const inNew = Object.hasOwn(newProperties, key);
    if (!inOld && inNew) {
      const required = newRequired.has(key);
      // An optional property is harmless unless old readers forbid unknown ones.
      const kind = required
        ? 'property-added-required'
        : oldClosed
          ? 'property-added-closed'
          : 'property-added-optional';
      const detail =
        kind === 'property-added-closed'
          ? `property "${key}" added to an object that old readers keep closed`
          : `${required ? 'required' : 'optional'} property "${key}" added`;
      changes.push({ kind, path: childPath, detail });
    } else if (inOld && !inNew) {
      const required = oldRequired.has(key);
      if (required || !newClosed) {
        changes.push({
          kind: required ? 'property-removed-required' : 'property-removed-optional',
          path: childPath,
          detail: `${required ? 'required' : 'optional'} property "${key}" removed`,
        });
      }
      if (newClosed) {
        changes.push({
          kind: 'property-removed-closed',
          path: childPath,
          detail: `property "${key}" removed from an object that new readers keep closed`,
        });
      }
    } else {
      if (!oldRequired.has(key) && newRequired.has(key)) {
        changes.push({
          kind: 'property-made-required',
          path: childPath,
          detail: `property "${key}" is now required`,
        });
      } else if (oldRequired.has(key) && !newRequired.has(key)) {
        changes.push({
          kind: 'property-made-optional',
          path: childPath,
          detail: `property "${key}" is now optional`,
        });
      }
      changes.push(...compareSchemas(oldProperties[key], newProperties[key], childPath));
    }
  }
}

function sameSet(a: Set<string> | undefined, b: Set<string> | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.size === b.size && [...a].every((value) => b.has(value));
}

/** Whether every value of `inner` is in `outer`; undefined means unrestricted. */
function isSubset(inner: Set<string> | undefined, outer: Set<string> | undefined): boolean {
  if (outer === undefined) return true;
  if (inner === undefined) return false;
  return [...inner].every((value) => outer.has(value));
}
