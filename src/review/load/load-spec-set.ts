/**
 * One version of the documents, parsed by codegen's own loader, so that review and
 * codegen read every document alike and point at the same lines.
 */
import { existsSync } from 'node:fs';

import type { Diagnostic } from '../../codegen/diagnostics.js';
import { findDocuments } from '../../codegen/load/find-documents.js';
import { parseDocuments, type ParsedDocument } from '../../codegen/load/parse-documents.js';
import type { UrlMapping } from '../../codegen/load/url-map.js';
import type { SpecSource } from './spec-source.js';

export interface SpecSet {
  readonly source: SpecSource;
  readonly documents: readonly ParsedDocument[];
  /** The parser's findings: invalid documents are missing from `documents`. */
  readonly diagnostics: readonly Diagnostic[];
}

export async function loadSpecSet(
  source: SpecSource,
  urlMappings: readonly UrlMapping[] = [],
): Promise<SpecSet> {
  // A ref may lack the paths (a base before the documents existed); on disk they must exist.
  const present =
    source.commit === undefined
      ? source.specPaths
      : source.specPaths.filter((specPath) => existsSync(specPath));
  const files = present.length === 0 ? [] : await findDocuments(present);
  const parsed = await parseDocuments(files, { urlMappings, baseDir: source.baseDir });
  return { source, documents: parsed.documents, diagnostics: parsed.diagnostics };
}
