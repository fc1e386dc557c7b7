/**
 * Whether the output is already what a run would make: the same codegen, the same
 * options, every input file unchanged, every generated file as it was written. Then a
 * run can stop before parsing anything, which on a large document is nearly all its time.
 * What a run was made from is kept in a cache outside the output (under
 * node_modules/.cache), so that the committed output depends on nothing but itself.
 */
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Diagnostic } from '../diagnostics.js';
import { displayPathOf } from '../load/display-path.js';
import { hashText, type Manifest } from './manifest.js';

const CODEGEN_FOLDER = fileURLToPath(new URL('..', import.meta.url));
const PACKAGE_ROOT = path.resolve(CODEGEN_FOLDER, '../..');
const CACHE_FOLDER = path.join(PACKAGE_ROOT, 'node_modules', '.cache', 'asyncapi-kafka');
const PACKAGES_THAT_SHAPE_OUTPUT = ['@asyncapi/parser', '@asyncapi/modelina', 'ajv', 'ajv-formats', 'ts-morph'];

/** What one run read and made. */
export interface RunRecord {
  /** Hash of the codegen code and options. */
  readonly tool: string;
  /** Every input file (documents and what they reference), by display path, with its hash. */
  readonly inputs: Readonly<Record<string, string>>;
  readonly documents: number;
  readonly messages: number;
  /** The warnings of the run, so that a skipped run repeats them. */
  readonly warnings: readonly Diagnostic[];
}

let codeHash: Promise<string> | undefined;

/** A hash of the codegen sources and the versions of the libraries that shape output. */
function codegenHash(): Promise<string> {
  codeHash ??= (async () => {
    const entries = await readdir(CODEGEN_FOLDER, { recursive: true, withFileTypes: true });
    const files = entries
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
      .map((entry) => path.join(entry.parentPath, entry.name))
      .sort();
    const parts = await Promise.all(
      files.map(async (file) => `${path.relative(CODEGEN_FOLDER, file)}\n${await readFile(file, 'utf8')}`),
    );
    for (const name of PACKAGES_THAT_SHAPE_OUTPUT) {
      const manifest = await readFile(path.join(PACKAGE_ROOT, 'node_modules', name, 'package.json'), 'utf8')
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

function recordPath(outDir: string): string {
  return path.join(CACHE_FOLDER, `codegen-${hashText(path.resolve(outDir)).slice(0, 16)}.json`);
}

export async function readRunRecord(outDir: string): Promise<RunRecord | undefined> {
  const text = await readFile(recordPath(outDir), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as RunRecord;
  } catch {
    return undefined;
  }
}

/** Best effort: a cache that cannot be written only costs the next run its shortcut. */
export async function writeRunRecord(outDir: string, record: RunRecord): Promise<void> {
  const target = recordPath(outDir);
  try {
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(`${target}.${process.pid}.tmp`, JSON.stringify(record));
    await rename(`${target}.${process.pid}.tmp`, target);
  } catch {
    // Nothing to do: see above.
  }
}

export async function isFresh(
  record: RunRecord | undefined,
  manifest: Manifest,
  tool: string,
  documents: readonly string[],
  outDir: string,
  baseDir: string,
): Promise<boolean> {
  if (record === undefined || record.tool !== tool) return false;
  if (!documents.every((document) => displayPathOf(document, baseDir) in record.inputs)) return false;
  // A document the last run read but that is not among the documents now was removed.
  if (documents.length !== record.documents) return false;

  for (const [input, hash] of Object.entries(record.inputs)) {
    const content = await readFile(path.resolve(baseDir, input)).catch(() => undefined);
    if (content === undefined || hashText(content) !== hash) return false;
  }
  if (Object.keys(manifest.files).length === 0) return false;
  for (const [file, hash] of Object.entries(manifest.files)) {
    const content = await readFile(path.join(outDir, file)).catch(() => undefined);
    if (content === undefined || hashText(content) !== hash) return false;
  }
  return true;
}
