/**
 * Schemas as the comparison sees them: resolved, acyclic, `allOf` merged and without
 * annotations, so that two schemas that accept the same values compare equal even when
 * one is spelled with references and the other inline.
 */
import { mergeAllOf } from '../../codegen/model/merge-all-of.js';
import { toAcyclicSchema } from '../../codegen/model/schema-graph.js';

export function normaliseSchema(schema: unknown): unknown {
  if (schema === undefined) return undefined;
  const unwrapped =
    isRecord(schema) && 'schemaFormat' in schema && 'schema' in schema ? schema.schema : schema;
  return mergeAllOf(toAcyclicSchema(unwrapped, { stripAnnotations: true }));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
