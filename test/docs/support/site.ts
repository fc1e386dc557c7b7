/**
 * Builds the docs site of inline documents in memory, for tests that assert on pages.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { formatDiagnostic } from '../../../src/codegen/diagnostics.js';
import { renderSite } from '../../../src/docs/build-site.js';

export interface InlineSite {
  readonly dir: string;
  readonly diagnostics: string[];
  readonly files: Map<string, string>;
  page(relative: string): string;
}

export async function writeDocuments(documents: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'docs-test-'));
  for (const [name, text] of Object.entries(documents)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

export async function siteOf(documents: Record<string, string>): Promise<InlineSite> {
  return siteFrom(await writeDocuments(documents));
}

/** The site of the documents in a folder; paths in it are relative to the working folder. */
export async function siteFrom(dir: string): Promise<InlineSite> {
  const result = await renderSite({ specPaths: [dir], urlMappings: [] });
  const diagnostics = result.diagnostics.map(formatDiagnostic);
  if (result.files === undefined)
    throw new Error(`The site did not build:\n${diagnostics.join('\n')}`);
  const files = new Map(result.files.map((file) => [file.path, file.content]));
  return {
    dir,
    diagnostics,
    files,
    page(relative) {
      const content = files.get(relative);
      if (content === undefined)
        throw new Error(`No page ${relative}; have ${[...files.keys()].join(', ')}`);
      return content;
    },
  };
}
