import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

import { ToolError } from '../../errors.js';

/** A file found under the spec paths that declares `asyncapi:` at its top level. */
export interface DocumentFile {
  readonly absolutePath: string;
  readonly text: string;
}

const DOCUMENT_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

// A top-level key starts a line in YAML; in JSON it is the first key or follows a comma.
// Fragments (asyncapi/common/) lack it, and they are read only through references.
const TOP_LEVEL_ASYNCAPI_KEY = /^(?:\{\s*)?["']?asyncapi["']?\s*:/m;

export function isAsyncApiDocumentText(text: string): boolean {
  return TOP_LEVEL_ASYNCAPI_KEY.test(text);
}

/**
 * Finds the documents among the given files and folders. A file named explicitly is
 * always read; a folder is searched recursively for YAML and JSON documents. The result
 * is sorted, so that every later stage sees the documents in the same order.
 */
export async function findDocuments(specPaths: readonly string[]): Promise<DocumentFile[]> {
  const found = new Map<string, DocumentFile>();

  for (const specPath of specPaths) {
    const absolute = path.resolve(specPath);
    const info = await stat(absolute).catch(() => undefined);
    if (info === undefined) {
      throw new ToolError('NO_DOCUMENTS', `${specPath}: no such file or folder.`);
    }

    const files = info.isDirectory() ? await listFiles(absolute) : [absolute];
    for (const file of files) {
      if (info.isDirectory() && !DOCUMENT_EXTENSIONS.has(path.extname(file))) continue;
      const text = await readFile(file, 'utf8');
      if (info.isDirectory() && !isAsyncApiDocumentText(text)) continue;
      found.set(file, { absolutePath: file, text });
    }
  }

  return [...found.values()].sort((a, b) => (a.absolutePath < b.absolutePath ? -1 : 1));
}

async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !file.split(path.sep).includes('node_modules'));
}
