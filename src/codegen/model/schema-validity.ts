/**
 * Whether a schema, as its validator will compile it, is something Ajv can compile. The
 * parser lets some schemas through that Ajv then refuses or overflows on: keywords that
 * are no JSON Schema (an empty `enum`, one with the same value twice, `required` that is
 * no list of names), a cycle through a keyword that is not followed as a subschema
 * (`dependentSchemas`, `contentSchema`, an extension), and nesting deeper than Ajv's
 * recursion goes. Caught here, they become located errors instead of a failure while
 * emitting.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// Ajv ships CommonJS with `exports.default`; requiring it avoids default-import interop.
const Ajv = require('ajv') as typeof import('ajv').default;

// The validators' own settings, without formats: a `pattern` that is no regular
// expression is reported by invalidPatterns, with a better message.
const metaSchemas = new Ajv({ strict: false, allowUnionTypes: true, logger: false,
  allErrors: true });

/**
 * Ajv compiles nested subschemas by recursion, and 400 to 600 levels of `properties`
 * (twice as many steps of a JSON pointer) overflow its stack. No real payload comes near
 * this, so a schema deeper than this many steps is refused with a reason.
 */
const MAX_DEPTH = 500;

export interface SchemaProblem {
  /** JSON pointer into the schema, `""` for its root. */
  readonly path: string;
  readonly message: string;
}

export function schemaProblems(schema: unknown): SchemaProblem[] {
  if (typeof schema === 'boolean') return [];
  const structural = structureProblem(schema);
  if (structural !== undefined) return [structural];
  if (metaSchemas.validateSchema(schema as object) === true) return [];
  const errors = metaSchemas.errors ?? [];
  // A keyword that may be a schema or a list (`items`) fails both ways when the schema
  // inside is bad; only the innermost finding says what to fix.
  const innermost = errors.filter((error) => !errors.some((other) =>
    other.instancePath.startsWith(`${error.instancePath}/`)));
  return innermost.map((error) => ({
    path: error.instancePath,
    message: `${describePath(error.instancePath)} ${error.message ?? 'is invalid'}`,
  }));
}

/** The first object that contains itself, or the first level past MAX_DEPTH. */
function structureProblem(root: unknown): SchemaProblem | undefined {
  const onPath = new Set<unknown>();
  const visit = (node: unknown, path: string, depth: number): SchemaProblem | undefined => {
    if (typeof node !== 'object' || node === null) return undefined;
    if (onPath.has(node)) {
      return { path, message: `${describePath(path)} refers back to a schema that contains it, ` +
        'through a keyword that validators do not follow as a subschema' };
    }
    if (depth > MAX_DEPTH) {
      return { path, message: `the schema is nested deeper than codegen compiles (more than ` +
        `${MAX_DEPTH} steps from its root)` };
    }
    onPath.add(node);
    const entries = Array.isArray(node) ? node.entries() : Object.entries(node);
    for (const [key, value] of entries) {
      const found = visit(value, `${path}/${escapeStep(String(key))}`, depth + 1);
      if (found !== undefined) return found;
    }
    onPath.delete(node);
    return undefined;
  };
  return visit(root, '', 0);
}

function describePath(path: string): string {
  return path === '' ? 'the schema' : path;
}

function escapeStep(step: string): string {
  return step.replaceAll('~', '~0').replaceAll('/', '~1');
}
