/**
 * Whether a schema, as its validator will compile it, is JSON Schema at all. The parser
 * lets some keywords through that Ajv then refuses to compile (an empty `enum`, one with
 * the same value twice, `required` that is no list of names); caught here, they become
 * located errors instead of a failure while emitting.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// Ajv ships CommonJS with `exports.default`; requiring it avoids default-import interop.
const Ajv = require('ajv') as typeof import('ajv').default;

// The validators' own settings, without formats: a `pattern` that is no regular
// expression is reported by invalidPatterns, with a better message.
const metaSchemas = new Ajv({ strict: false, allowUnionTypes: true, logger: false,
  allErrors: true });

export interface SchemaProblem {
  /** JSON pointer into the schema, `""` for its root. */
  readonly path: string;
  readonly message: string;
}

export function schemaProblems(schema: unknown): SchemaProblem[] {
  if (typeof schema === 'boolean') return [];
  if (metaSchemas.validateSchema(schema as object) === true) return [];
  const errors = metaSchemas.errors ?? [];
  // A keyword that may be a schema or a list (`items`) fails both ways when the schema
  // inside is bad; only the innermost finding says what to fix.
  const innermost = errors.filter((error) => !errors.some((other) =>
    other.instancePath.startsWith(`${error.instancePath}/`)));
  return innermost.map((error) => ({
    path: error.instancePath,
    message: `${error.instancePath === '' ? 'the schema' : error.instancePath} ${error.message ?? 'is invalid'}`,
  }));
}
