/**
 * The manifest lists the files that codegen wrote into an output folder. It is how
 * codegen knows what it owns: it removes only files listed there, never anything else.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { TOOL_NAME, REGENERATE_COMMAND } from '../emit/generated-file.js';

export const MANIFEST_NAME = '.codegen-manifest.json';

export interface Manifest {
  readonly files: readonly string[];
}

export async function readManifest(outDir: string): Promise<Manifest> {
  const text = await readFile(path.join(outDir, MANIFEST_NAME), 'utf8').catch(() => undefined);
  if (text === undefined) return { files: [] };
  try {
    const parsed = JSON.parse(text) as { files?: unknown };
    const files = Array.isArray(parsed.files) ? parsed.files.filter((f): f is string => typeof f === 'string') : [];
    return { files };
  } catch {
    // A damaged manifest owns nothing: codegen then removes nothing.
    return { files: [] };
  }
}

export function renderManifest(files: readonly string[]): string {
  const content = {
    generatedBy: TOOL_NAME,
    note: `Files in this folder that codegen owns. Do not edit: run \`${REGENERATE_COMMAND}\`.`,
    files: [...files].sort(),
  };
  return `${JSON.stringify(content, null, 2)}\n`;
}
