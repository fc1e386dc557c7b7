/**
 * The docs build: the codegen model of the documents, every page in memory, then the
 * writer. Errors in the documents stop it before anything is written, as in codegen.
 */
import path from 'node:path';

import { hasErrors, type Diagnostic } from '../codegen/diagnostics.js';
import type { UrlMapping } from '../codegen/load/url-map.js';
import { generate } from '../codegen/run-codegen.js';
import { emitSite } from './emit-site.js';
import type { SiteFile } from './site-file.js';
import { readSiteAssets } from './site-assets.js';
import { writeSite, type SiteWriteResult } from './write-site.js';

export interface DocsOptions {
  readonly specPaths: readonly string[];
  readonly outDir: string;
  readonly urlMappings: readonly UrlMapping[];
}

export interface DocsResult {
  readonly diagnostics: readonly Diagnostic[];
  /** Undefined when an error in the input stopped the build. */
  readonly files: readonly SiteFile[] | undefined;
  readonly written: SiteWriteResult | undefined;
  readonly documents: number;
}

/** The site in memory, without writing it. */
export async function renderSite(
  options: Pick<DocsOptions, 'specPaths' | 'urlMappings'>,
): Promise<Omit<DocsResult, 'written'>> {
  // The codegen output folder only decides import paths in generated code, which the
  // site does not show.
  const { diagnostics, model } = await generate({ ...options, outDir: path.resolve('generated') });
  if (model === undefined || hasErrors(diagnostics)) {
    return { diagnostics, files: undefined, documents: 0 };
  }
  const files = emitSite(model, await readSiteAssets());
  return { diagnostics, files, documents: model.services.length };
}

export async function buildSite(options: DocsOptions): Promise<DocsResult> {
  const rendered = await renderSite(options);
  if (rendered.files === undefined) return { ...rendered, written: undefined };
  const written = await writeSite(options.outDir, rendered.files);
  return { ...rendered, written };
}
