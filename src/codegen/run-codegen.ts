/**
 * The codegen pipeline: load → model → emit → write. Each stage hands plain data to the
 * next; errors in the input stop the run before anything is written.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ToolError } from '../errors.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import type { GeneratedFile } from './emit/generated-file.js';
import { findDocuments, type DocumentFile } from './load/find-documents.js';
import type { UrlMapping } from './load/url-map.js';
import type { CodegenModel } from './model/model.js';
import { hashInputs, isFresh, readRunRecord, toolHash, writeRunRecord } from './write/freshness.js';
import { readManifest, renderManifest } from './write/manifest.js';
import { isUpToDate, planOutput, writeOutput, type WritePlan } from './write/write-output.js';

export interface CodegenOptions {
  readonly specPaths: readonly string[];
  readonly outDir: string;
  /** Write nothing; report what differs. */
  readonly check: boolean;
  readonly urlMappings: readonly UrlMapping[];
  /** Fetch references to URLs that no mapping covers (off: no network at all). */
  readonly fetchUrls?: boolean;
}

export interface CodegenResult {
  readonly diagnostics: readonly Diagnostic[];
  /** Undefined when an error in the input stopped the run. */
  readonly plan: WritePlan | undefined;
  readonly documents: number;
  readonly messages: number;
  readonly upToDate: boolean;
  /** Every file the run read: the documents and all they reference, as absolute paths. */
  readonly inputFiles: readonly string[];
}

const RUNTIME_ENTRY = fileURLToPath(new URL('../runtime/index.js', import.meta.url));

/** The runtime as imported from a service folder of `outDir`. */
export function runtimeImportFor(outDir: string): string {
  const relative = path.relative(path.join(outDir, 'service'), RUNTIME_ENTRY).split(path.sep).join('/');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

export interface LoadedModel {
  readonly diagnostics: Diagnostic[];
  /** Undefined when the input has errors. */
  readonly model: CodegenModel | undefined;
  /** Every file the model was made from. */
  readonly inputFiles: readonly string[];
}

async function findOrFail(specPaths: readonly string[]): Promise<DocumentFile[]> {
  const found = await findDocuments(specPaths);
  if (found.length === 0) {
    throw new ToolError(
      'NO_DOCUMENTS',
      `No AsyncAPI document (a YAML or JSON file with a top-level "asyncapi" key) in ${specPaths.join(', ')}.`,
    );
  }
  return found;
}

/** Load and model, in memory: what every command that reads documents starts from. */
export async function loadModel(
  options: Pick<CodegenOptions, 'specPaths' | 'urlMappings' | 'fetchUrls'>,
  found?: readonly DocumentFile[],
): Promise<LoadedModel> {
  const documents = found ?? (await findOrFail(options.specPaths));
  // Loaded on first use: the parser, Modelina and ts-morph take most of a second to
  // import, which a run that finds its output fresh never needs.
  const { parseDocuments } = await import('./load/parse-documents.js');
  const { buildModel } = await import('./model/build-model.js');
  const parsed = await parseDocuments(documents, {
    urlMappings: options.urlMappings,
    ...(options.fetchUrls === undefined ? {} : { fetchUrls: options.fetchUrls }),
  });
  if (hasErrors(parsed.diagnostics)) {
    return { diagnostics: sortDiagnostics(parsed.diagnostics), model: undefined, inputFiles: parsed.inputFiles };
  }

  const built = await buildModel(parsed.documents);
  const diagnostics = sortDiagnostics([...parsed.diagnostics, ...built.diagnostics]);
  return {
    diagnostics,
    model: hasErrors(diagnostics) ? undefined : built.model,
    inputFiles: parsed.inputFiles,
  };
}

/** Load, model and emit, all in memory. */
export async function generate(
  options: Pick<CodegenOptions, 'specPaths' | 'outDir' | 'urlMappings' | 'fetchUrls'>,
  found?: readonly DocumentFile[],
): Promise<LoadedModel & { files: GeneratedFile[] }> {
  const loaded = await loadModel(options, found);
  if (loaded.model === undefined) return { ...loaded, files: [] };
  const { emitAll } = await import('./emit/emit-all.js');
  const files = emitAll(loaded.model, { runtimeImport: runtimeImportFor(options.outDir) });
  return { ...loaded, files };
}

export async function runCodegen(options: CodegenOptions): Promise<CodegenResult> {
  const baseDir = process.cwd();
  const found = await findOrFail(options.specPaths);
  const tool = await toolHash({
    runtime: runtimeImportFor(options.outDir),
    urlMappings: options.urlMappings,
    // Fetched documents can change without a file changing: never skip such a run.
    fetchUrls: options.fetchUrls === true ? Date.now() : false,
  });
  const manifest = await readManifest(options.outDir);
  const record = await readRunRecord(options.outDir);
  const documentPaths = found.map((file) => file.absolutePath);

  // --check always regenerates: it is what CI trusts, so it trusts no cache.
  if (!options.check && (await isFresh(record, manifest, tool, documentPaths, options.outDir, baseDir))) {
    return {
      diagnostics: record?.warnings ?? [],
      plan: { added: [], changed: [], unchanged: Object.keys(manifest.files), removed: [] },
      documents: record?.documents ?? 0,
      messages: record?.messages ?? 0,
      upToDate: true,
      inputFiles: Object.keys(record?.inputs ?? {}).map((input) => path.resolve(baseDir, input)),
    };
  }

  const { diagnostics, model, files, inputFiles } = await generate(options, found);
  if (model === undefined) {
    return { diagnostics, plan: undefined, documents: 0, messages: 0, upToDate: false, inputFiles };
  }

  const documents = model.services.length;
  const messages = model.services.reduce((sum, service) => sum + service.messages.length, 0);
  const manifestText = renderManifest(files);
  const plan = await planOutput(options.outDir, files, manifestText);
  if (!options.check) {
    await writeOutput(options.outDir, files, plan, manifestText);
    await writeRunRecord(options.outDir, {
      tool,
      inputs: await hashInputs(inputFiles, baseDir),
      documents,
      messages,
      warnings: diagnostics.filter((diagnostic) => diagnostic.severity !== 'error'),
    });
  }

  return { diagnostics, plan, documents, messages, upToDate: isUpToDate(plan), inputFiles };
}
