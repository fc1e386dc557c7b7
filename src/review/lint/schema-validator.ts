/**
 * Validates example values against message schemas with the same Ajv settings that
 * codegen's compiled validators use, so that an example passes lint exactly when the
 * generated validator would accept it.
 */
import { createRequire } from 'node:module';

import type { ErrorObject } from 'ajv';

import { usesPrototypeKeys } from '../../codegen/model/prototype-keys.js';
import { toAcyclicSchema } from '../../codegen/model/schema-graph.js';

const require = createRequire(import.meta.url);
// Ajv ships CommonJS with `exports.default`; requiring it avoids default-import interop.
const Ajv = require('ajv') as typeof import('ajv').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

/** The reasons a value fails a schema, or an empty list when it is valid. */
export function validationErrors(schema: unknown, value: unknown): string[] {
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, logger: false,
    ownProperties: usesPrototypeKeys(schema) });
  addFormats(ajv);
  const validate = ajv.compile(toAcyclicSchema(schema, { stripAnnotations: true }) as object);
  try {
    if (validate(value)) return [];
  } catch (thrown) {
    // Ajv's equality check throws on a value with a `valueOf` or `toString` that is no
    // function; the generated validators call such a value invalid, and so does lint.
    return [`the value cannot be checked (${thrown instanceof Error ? thrown.message : String(thrown)})`];
  }
  return (validate.errors ?? []).map(describeError);
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'the value' : error.instancePath;
  return `${where} ${error.message ?? 'is invalid'}`;
}
