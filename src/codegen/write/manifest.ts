/**
 * The manifest lists the files that codegen wrote into an output folder, and what they
 * were made from. It is how codegen knows what it owns (it removes only files listed
 * there, never anything else) and how it knows, without parsing anything, that nothing
 * changed since the last run.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import type { Diagnostic } from '../diagnostics.js';
import { TOOL_NAME, REGENERATE_COMMAND, type GeneratedFile } from '../emit/generated-file.js';

export const MANIFEST_NAME = '.codegen-manifest.json';

export interface Manifest {
  /** Hash of the codegen code and options that made the output. */
  readonly tool: string | undefined;
  /** Every input file (documents and what they reference), by display path, with its hash. */
  readonly inputs: Readonly<Record<string, string>>;
  /** Every generated file, relative to the output folder, with its hash. */
  readonly files: Readonly<Record<string, string>>;
  readonly documents: number;
  readonly messages: number;
  /** The warnings of the run that made the output, so that a skipped run repeats them. */
  readonly warnings: readonly Diagnostic[];
}

const EMPTY: Manifest = { tool: undefined, inputs: {}, files: {}, documents: 0, messages: 0, warnings: [] };

export function hashText(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

function isRecordOfStrings(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) &&
    Object.values(value).every((entry) => typeof entry === 'string');
}

export async function readManifest(outDir: string): Promise<Manifest> {
  const text = await readFile(path.join(outDir, MANIFEST_NAME), 'utf8').catch(() => undefined);
  if (text === undefined) return EMPTY;
  try {
    const parsed = JSON.parse(text) as Partial<Record<keyof Manifest, unknown>>;
    return {
      tool: typeof parsed.tool === 'string' ? parsed.tool : undefined,
      inputs: isRecordOfStrings(parsed.inputs) ? parsed.inputs : {},
      files: isRecordOfStrings(parsed.files) ? parsed.files : {},
      documents: typeof parsed.documents === 'number' ? parsed.documents : 0,
      messages: typeof parsed.messages === 'number' ? parsed.messages : 0,
      warnings: Array.isArray(parsed.warnings) ? (parsed.warnings as Diagnostic[]) : [],
    };
  } catch {
    // A damaged manifest owns nothing: codegen then removes nothing and skips nothing.
    return EMPTY;
  }
}

export function renderManifest(
  files: readonly GeneratedFile[],
  made: Omit<Manifest, 'files'>,
): string {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : 1));
  const content = {
    generatedBy: TOOL_NAME,
    note: `What codegen owns in this folder, and what it made it from. Do not edit: run \`${REGENERATE_COMMAND}\`.`,
    tool: made.tool,
    documents: made.documents,
    messages: made.messages,
    inputs: made.inputs,
    files: Object.fromEntries(sorted.map((file) => [file.path, hashText(file.content)])),
    warnings: made.warnings,
  };
  return `${JSON.stringify(content, null, 2)}\n`;
}
