/**
 * spec:diff as a function: two versions in, judged changes and the impact on generated
 * code out. Only the CLI prints.
 */
import type { Diagnostic } from '../codegen/diagnostics.js';
import type { UrlMapping } from '../codegen/load/url-map.js';
import { hasErrors } from '../codegen/diagnostics.js';
import { buildModel } from '../codegen/model/build-model.js';
import { misspeltModes } from './compatibility/misspelt-modes.js';
import { isTransitive, type Mode } from './compatibility/modes.js';
import { buildContracts } from './contract/build-contract.js';
import type { ContractSet } from './contract/contract.js';
import type { Change } from './diff/change.js';
import { diffContracts } from './diff/diff-contracts.js';
import { readerDisagreements } from './diff/reader-disagreements.js';
import { apiSurface } from './impact/api-surface.js';
import { compareApi, type ApiImpact } from './impact/compare-api.js';
import { loadSpecSet, type SpecSet } from './load/load-spec-set.js';
import { historyOf, materialiseRef, openSpecSource, type SpecSource } from './load/spec-source.js';

export interface DiffRequest {
  readonly base: string;
  readonly head: string;
  /** Paths inside a git ref to read, relative to the working folder. */
  readonly specPaths: readonly string[];
  readonly defaultMode: Mode;
  readonly cwd?: string;
  /** Local copies of referenced URLs, as codegen's --map-url. */
  readonly urlMappings?: readonly UrlMapping[];
}

export interface DiffResult {
  readonly base: string;
  readonly head: string;
  /** Problems that stop the diff: a version that does not parse. */
  readonly diagnostics: readonly Diagnostic[];
  readonly changes: readonly Change[];
  readonly impact: readonly ApiImpact[];
}

export async function runDiff(request: DiffRequest): Promise<DiffResult> {
  const cwd = request.cwd ?? process.cwd();
  const sources: SpecSource[] = [];
  try {
    const baseSource = await openSpecSource(request.base, request.specPaths, cwd);
    sources.push(baseSource);
    const headSource = await openSpecSource(request.head, request.specPaths, cwd);
    sources.push(headSource);
    const mappings = request.urlMappings ?? [];
    const base = await loadSpecSet(baseSource, mappings);
    const head = await loadSpecSet(headSource, mappings);
    return await diffSets(base, head, request, cwd);
  } finally {
    for (const source of sources) await source.dispose();
  }
}

export async function diffSets(
  base: SpecSet,
  head: SpecSet,
  request: Pick<DiffRequest, 'defaultMode' | 'specPaths'>,
  cwd: string,
): Promise<DiffResult> {
  // The head's modes judge the change (docs/compatibility.md); one that names no mode is
  // bad input rather than a silent fall back to another.
  const misspelt = head.documents.flatMap(misspeltModes)
    .map(({ location, message }): Diagnostic => ({ severity: 'error', location, message }));
  const diagnostics = [...base.diagnostics, ...head.diagnostics, ...misspelt];
  const empty = { base: base.source.label, head: head.source.label, changes: [], impact: [] };
  if (hasErrors(diagnostics)) return { ...empty, diagnostics };

  const baseContracts = buildContracts(base.documents, base.source.root);
  const headContracts = buildContracts(head.documents, head.source.root);
  const changes = diffContracts(baseContracts, headContracts, {
    defaultMode: request.defaultMode,
  });
  changes.push(...readerDisagreements(headContracts, changes));
  if (base.source.commit !== undefined && changes.some((c) => isTransitive(c.mode))) {
    changes.push(...(await transitiveChanges(base.source, headContracts, request, cwd, changes)));
  }

  const [baseModel, headModel] = [
    await buildModel(base.documents),
    await buildModel(head.documents),
  ];
  const impact = compareApi(apiSurface(baseModel.model), apiSurface(headModel.model));
  return { ...empty, diagnostics, changes, impact };
}

/**
 * Not yet: a base given as a folder has no history, so transitive modes are then checked
 * against that base alone.
 *
 * Transitive modes hold against every earlier version: the head is compared with each
 * commit in the base's history that touched the documents. Only changes under a
 * transitive mode count, and each is reported once.
 */
async function transitiveChanges(
  baseSource: SpecSource,
  head: ContractSet,
  request: Pick<DiffRequest, 'defaultMode' | 'specPaths'>,
  cwd: string,
  known: readonly Change[],
): Promise<Change[]> {
  // A change is the same change only in the same file and topic: two documents that
  // share an event type can make the same message.
  const identity = (change: Change) =>
    [change.kind, change.location.file, change.topic ?? '', change.message].join('\u0000');
  const seen = new Set(known.map(identity));
  const found: Change[] = [];
  for (const commit of historyOf(baseSource.label, request.specPaths, cwd)) {
    if (commit === baseSource.commit) continue;
    const source = await materialiseRef(commit, request.specPaths, cwd);
    try {
      const earlier = await loadSpecSet(source);
      if (hasErrors(earlier.diagnostics)) continue;
      const changes = diffContracts(buildContracts(earlier.documents, source.root), head, {
        defaultMode: request.defaultMode,
      });
      for (const change of changes) {
        const id = identity(change);
        if (!isTransitive(change.mode) || !change.breaking || seen.has(id)) continue;
        seen.add(id);
        found.push({ ...change, message: `${change.message} (against ${commit.slice(0, 7)})` });
      }
    } finally {
      await source.dispose();
    }
  }
  return found;
}
