/**
 * The manifest lists the files that codegen wrote into an output folder, with their
 * hashes. It is how codegen knows what it owns: it removes only files listed there,
 * never anything else.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { TOOL_NAME, REGENERATE_COMMAND, type GeneratedFile } from '../emit/generated-file.js';

export const MANIFEST_NAME = '.codegen-manifest.json';

export interface Manifest {
  /** Every generated file, relative to the output folder, with its hash. */
  readonly files: Readonly<Record<string, string>>;
}

export function hashText(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

function isRecordOfStrings(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) &&
    Object.values(value).every((entry) => typeof entry === 'string');
}

export async function readManifest(outDir: string): Promise<Manifest> {
  const text = await readFile(path.join(outDir, MANIFEST_NAME), 'utf8').catch(() => undefined);
  if (text === undefined) return { files: {} };
  try {
    const parsed = JSON.parse(text) as { files?: unknown };
    return { files: isRecordOfStrings(parsed.files) ? parsed.files : {} };
  } catch {
    // A damaged manifest owns nothing: codegen then removes nothing.
    return { files: {} };
  }
}

/** Depends on the output alone, so that it is the same wherever and whenever it is made. */
export function renderManifest(files: readonly GeneratedFile[]): string {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : 1));
  const content = {
    generatedBy: TOOL_NAME,
    note: `Files in this folder that codegen owns. Do not edit: run \`${REGENERATE_COMMAND}\`.`,
    files: Object.fromEntries(sorted.map((file) => [file.path, hashText(file.content)])),
  };
  return `${JSON.stringify(content, null, 2)}\n`;
}
