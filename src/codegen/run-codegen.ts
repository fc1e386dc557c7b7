/**
 * The codegen pipeline: load → model → emit → write. Each stage hands plain data to the
 * next; errors in the input stop the run before anything is written.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ToolError } from '../errors.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { emitAll } from './emit/emit-all.js';
import type { GeneratedFile } from './emit/generated-file.js';
import { findDocuments } from './load/find-documents.js';
import { parseDocuments } from './load/parse-documents.js';
import type { UrlMapping } from './load/url-map.js';
import { buildModel } from './model/build-model.js';
import type { CodegenModel } from './model/model.js';
import { isUpToDate, planOutput, writeOutput, type WritePlan } from './write/write-output.js';

export interface CodegenOptions {
  readonly specPaths: readonly string[];
  readonly outDir: string;
  /** Write nothing; report what differs. */
  readonly check: boolean;
  readonly urlMappings: readonly UrlMapping[];
}

export interface CodegenResult {
  readonly diagnostics: readonly Diagnostic[];
  /** Undefined when an error in the input stopped the run. */
  readonly plan: WritePlan | undefined;
  readonly documents: number;
  readonly messages: number;
  readonly upToDate: boolean;
}

const RUNTIME_ENTRY = fileURLToPath(new URL('../runtime/index.js', import.meta.url));

/** The runtime as imported from a service folder of `outDir`. */
export function runtimeImportFor(outDir: string): string {
  const relative = path.relative(path.join(outDir, 'service'), RUNTIME_ENTRY).split(path.sep).join('/');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/** Load, model and emit, all in memory. */
export async function generate(
  options: Pick<CodegenOptions, 'specPaths' | 'outDir' | 'urlMappings'>,
): Promise<{ diagnostics: Diagnostic[]; model: CodegenModel | undefined; files: GeneratedFile[] }> {
  const found = await findDocuments(options.specPaths);
  if (found.length === 0) {
    throw new ToolError(
      'NO_DOCUMENTS',
      `No AsyncAPI document (a YAML or JSON file with a top-level "asyncapi" key) in ${options.specPaths.join(', ')}.`,
    );
  }

  const parsed = await parseDocuments(found, { urlMappings: options.urlMappings });
  if (hasErrors(parsed.diagnostics)) {
    return { diagnostics: sortDiagnostics(parsed.diagnostics), model: undefined, files: [] };
  }

  const built = await buildModel(parsed.documents);
  const diagnostics = sortDiagnostics([...parsed.diagnostics, ...built.diagnostics]);
  if (hasErrors(diagnostics)) return { diagnostics, model: undefined, files: [] };

  const files = emitAll(built.model, { runtimeImport: runtimeImportFor(options.outDir) });
  return { diagnostics, model: built.model, files };
}

export async function runCodegen(options: CodegenOptions): Promise<CodegenResult> {
  const { diagnostics, model, files } = await generate(options);
  if (model === undefined) {
    return { diagnostics, plan: undefined, documents: 0, messages: 0, upToDate: false };
  }

  const plan = await planOutput(options.outDir, files);
  if (!options.check) await writeOutput(options.outDir, files, plan);

  return {
    diagnostics,
    plan,
    documents: model.services.length,
    messages: model.services.reduce((sum, service) => sum + service.messages.length, 0),
    upToDate: isUpToDate(plan),
  };
}
