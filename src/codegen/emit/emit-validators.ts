/**
 * Compiled validators, as Ajv standalone code, so that a worker starts without compiling
 * schemas. The code is CommonJS because Ajv's standalone output requires its runtime
 * helpers; a declaration file gives it types for the ES modules that import it.
 */
import { createRequire } from 'node:module';

import type { ServiceModel } from '../model/model.js';
import { usesPrototypeKeys } from '../model/prototype-keys.js';
import type { GeneratedFile } from './generated-file.js';
import { preambleComment } from './generated-file.js';
import { FAST_FORMATS_NAME, fastFormatsSource, loadFastFormats } from './fast-formats.js';
import { shareSubschemas } from './shared-subschemas.js';

const require = createRequire(import.meta.url);
// Ajv ships CommonJS with `exports.default`; requiring it avoids default-import interop.
const Ajv = require('ajv') as typeof import('ajv').default;
const standaloneCode = require('ajv/dist/standalone').default as typeof import('ajv/dist/standalone/index.js').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;
const { _: code, Name } = require('ajv/dist/compile/codegen') as typeof import('ajv/dist/compile/codegen/index.js');
const fastFormats = loadFastFormats();

export function emitValidators(service: ServiceModel): GeneratedFile[] {
  const ajv = new Ajv({
    allErrors: true,
    // Documents carry extensions and keywords of other vocabularies; they annotate.
    strict: false,
    allowUnionTypes: true,
    logger: false,
    // Formats that are functions are looked up in the object that fastFormatsSource defines.
    code: { source: true, lines: true, formats: code`${new Name(FAST_FORMATS_NAME)}` },
    // A shared part is compiled once and called where it is used; inlined, it would be
    // compiled again at every use.
    inlineRefs: false,
    // Only where a property is named like an Object.prototype member: see prototype-keys.ts.
    ownProperties: service.schemas.some(({ schema }) => usesPrototypeKeys(schema)),
  });
  addFormats(ajv);
  for (const [name, format] of Object.entries(fastFormats)) ajv.addFormat(name, format);

  const { schemas, shared } = shareSubschemas(service.schemas);
  for (const { id, schema } of shared) ajv.addSchema(schema, id);
  const exports: Record<string, string> = {};
  for (const { exportName, schema } of schemas) {
    ajv.addSchema(schema as object, exportName);
    exports[exportName] = exportName;
  }

  const preamble = preambleComment([service.documentPath]);
  const compiled = service.schemas.length === 0 ? '"use strict";\n' : standaloneCode(ajv, exports);
  // The formats object goes first, before the code that looks its members up.
  const usesFormats = compiled.includes(` = ${FAST_FORMATS_NAME}`);
  const source = usesFormats
    ? compiled.replace(/^"use strict";/, `"use strict";\n${fastFormatsSource}`)
    : compiled;
  const declarations = [
    preamble,
    "import type { ValidateFunction } from 'ajv';",
    '',
    ...service.schemas.map(({ exportName }) => `export declare const ${exportName}: ValidateFunction;`),
    '',
  ].join('\n');

  return [
    { path: `${service.folder}/validators.cjs`, content: `${preamble}${source.trimEnd()}\n` },
    { path: `${service.folder}/validators.d.cts`, content: declarations },
  ];
}
