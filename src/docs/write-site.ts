/**
 * The only part of the docs build that touches the disk. It writes what changed (each
 * file through a rename, so a reader never sees half a page) and removes pages it wrote
 * before and no longer makes. A manifest in the folder says which files are its own; it
 * never overwrites or removes anything else.
 */
import { mkdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { ToolError } from '../errors.js';
import { DOCS_COMMAND, DOCS_TOOL_NAME } from './page-layout.js';
import type { SiteFile } from './site-file.js';

export const SITE_MANIFEST = '.docs-manifest.json';

export interface SiteWriteResult {
  readonly written: readonly string[];
  readonly unchanged: readonly string[];
  readonly removed: readonly string[];
}

function inside(outDir: string, relative: string): string {
  const target = path.resolve(outDir, relative);
  if (!target.startsWith(path.resolve(outDir) + path.sep)) {
    throw new ToolError(
      'OUTPUT_OUTSIDE_PROJECT',
      `The site path ${relative} would leave ${outDir}.`,
    );
  }
  return target;
}

async function readOwned(outDir: string): Promise<Set<string>> {
  const text = await readFile(path.join(outDir, SITE_MANIFEST), 'utf8').catch(() => undefined);
  if (text === undefined) return new Set();
  try {
    const parsed = JSON.parse(text) as { files?: unknown };
    const files = Array.isArray(parsed.files) ? parsed.files : [];
    return new Set(files.filter((file): file is string => typeof file === 'string'));
  } catch {
    // A damaged manifest owns nothing, so nothing is removed on its word.
    return new Set();
  }
}

function renderManifest(files: readonly SiteFile[]): string {
  const content = {
    generatedBy: DOCS_TOOL_NAME,
    note: `Files in this folder that the docs build owns. Do not edit: run \`${DOCS_COMMAND}\`.`,
    files: files.map((file) => file.path).sort(),
  };
  return `${JSON.stringify(content, null, 2)}\n`;
}

async function writeAtomically(target: string, content: string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, target);
}

export async function writeSite(
  outDir: string,
  files: readonly SiteFile[],
): Promise<SiteWriteResult> {
  const owned = await readOwned(outDir);
  const wanted = new Set(files.map((file) => file.path));
  const toWrite: SiteFile[] = [];
  const unchanged: string[] = [];

  for (const file of files) {
    const existing = await readFile(inside(outDir, file.path), 'utf8').catch(() => undefined);
    if (existing === file.content) {
      unchanged.push(file.path);
      continue;
    }
    if (existing !== undefined && !owned.has(file.path)) {
      throw new ToolError(
        'OUTPUT_OUTSIDE_PROJECT',
        `${path.join(outDir, file.path)} exists and was not written by the docs build; ` +
          'move it away or choose another --out folder.',
      );
    }
    toWrite.push(file);
  }

  for (const file of toWrite) await writeAtomically(inside(outDir, file.path), file.content);

  const removed: string[] = [];
  for (const file of [...owned].sort()) {
    if (wanted.has(file)) continue;
    const target = inside(outDir, file);
    const existed = await rm(target).then(
      () => true,
      () => false,
    );
    if (existed) removed.push(file);
    // Folders left empty go too; one that still holds anything stays.
    if (path.dirname(target) !== path.resolve(outDir)) {
      await rmdir(path.dirname(target)).catch(() => undefined);
    }
  }

  // The manifest goes last: until it is written, the old one still names every page that
  // an interrupted run may have left behind.
  await writeAtomically(path.join(outDir, SITE_MANIFEST), renderManifest(files));
  return { written: toWrite.map((file) => file.path), unchanged, removed };
}
