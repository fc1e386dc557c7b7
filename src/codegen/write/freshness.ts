/**
 * Whether the output is already what a run would make: the same codegen, the same
 * options, every input file unchanged, every generated file as it was written. Then a
 * run can stop before parsing anything, which on a large document is nearly all its time.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { displayPathOf } from '../load/display-path.js';
import { hashText, type Manifest } from './manifest.js';

const CODEGEN_FOLDER = fileURLToPath(new URL('..', import.meta.url));
const PACKAGES_THAT_SHAPE_OUTPUT = ['@asyncapi/parser', '@asyncapi/modelina', 'ajv', 'ajv-formats', 'ts-morph'];

let codeHash: Promise<string> | undefined;

/** A hash of the codegen sources and the versions of the libraries that shape output. */
function codegenHash(): Promise<string> {
  codeHash ??= (async () => {
    const entries = await readdir(CODEGEN_FOLDER, { recursive: true, withFileTypes: true });
    const files = entries
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
      .map((entry) => path.join(entry.parentPath, entry.name))
      .sort();
    const parts = await Promise.all(files.map(async (file) => `${path.relative(CODEGEN_FOLDER, file)}\n${await readFile(file, 'utf8')}`));
    for (const name of PACKAGES_THAT_SHAPE_OUTPUT) {
      const manifest = await readFile(path.join(CODEGEN_FOLDER, '../../node_modules', name, 'package.json'), 'utf8')
        .catch(() => '{}');
      parts.push(`${name}@${(JSON.parse(manifest) as { version?: string }).version ?? '?'}`);
    }
    return hashText(parts.join('\n\u0000\n'));
  })();
  return codeHash;
}

/** What identifies the code and options that make the output. */
export async function toolHash(options: unknown): Promise<string> {
  return hashText(`${await codegenHash()}\n${JSON.stringify(options)}`);
}

export async function hashInputs(files: readonly string[], baseDir: string): Promise<Record<string, string>> {
  const entries = await Promise.all(
    files.map(async (file) => [displayPathOf(file, baseDir), hashText(await readFile(file))] as const),
  );
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1)));
}

export async function isFresh(
  manifest: Manifest,
  tool: string,
  documents: readonly string[],
  outDir: string,
  baseDir: string,
): Promise<boolean> {
  if (manifest.tool !== tool) return false;
  if (!documents.every((document) => displayPathOf(document, baseDir) in manifest.inputs)) return false;
  // A document the last run read but that is not among the documents now was removed.
  if (documents.length !== manifest.documents) return false;

  for (const [input, hash] of Object.entries(manifest.inputs)) {
    const content = await readFile(path.resolve(baseDir, input)).catch(() => undefined);
    if (content === undefined || hashText(content) !== hash) return false;
  }
  for (const [file, hash] of Object.entries(manifest.files)) {
    const content = await readFile(path.join(outDir, file)).catch(() => undefined);
    if (content === undefined || hashText(content) !== hash) return false;
  }
  return true;
}
