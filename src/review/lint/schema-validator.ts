/**
 * Validates example values against message schemas with the same Ajv settings that
 * codegen's compiled validators use, so that an example passes lint exactly when the
 * generated validator would accept it.
 */
import { createRequire } from 'node:module';

import type { ErrorObject } from 'ajv';

import { toAcyclicSchema } from '../../codegen/model/schema-graph.js';

const require = createRequire(import.meta.url);
// Ajv ships CommonJS with `exports.default`; requiring it avoids default-import interop.
const Ajv = require('ajv') as typeof import('ajv').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

/** The reasons a value fails a schema, or an empty list when it is valid. */
export function validationErrors(schema: unknown, value: unknown): string[] {
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, logger: false });
  addFormats(ajv);
  const validate = ajv.compile(toAcyclicSchema(schema, { stripAnnotations: true }) as object);
  if (validate(value)) return [];
  return (validate.errors ?? []).map(describeError);
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'the value' : error.instancePath;
  return `${where} ${error.message ?? 'is invalid'}`;
}
