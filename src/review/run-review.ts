/**
 * spec:review as a function: lint the documents, diff them against a base, and check that
 * the generated code is in sync, for one summary a pull request can show.
 */
import { hasErrors, type Diagnostic } from '../codegen/diagnostics.js';
import { runCodegen } from '../codegen/run-codegen.js';
import type { ReviewConfig } from './config/review-config.js';
import { runLint } from './lint/run-lint.js';
import type { LintFinding } from './lint/rule.js';
import { loadSpecSet } from './load/load-spec-set.js';
import { pathsSource } from './load/spec-source.js';
import { runDiff, type DiffResult } from './run-diff.js';

export interface ReviewRequest {
  readonly base: string;
  /** One file or folder: the version under review, on disk. */
  readonly specPath: string;
  readonly outDir: string;
  readonly config: ReviewConfig;
}

export interface DriftResult {
  /** Codegen's own errors; drift is unknown when there are any. */
  readonly diagnostics: readonly Diagnostic[];
  /** `missing`, `changed` or `stale`, with the path under the output folder. */
  readonly differing: ReadonlyArray<{ readonly state: string; readonly file: string }>;
}

export interface ReviewResult {
  readonly lint: readonly LintFinding[];
  readonly diff: DiffResult;
  readonly drift: DriftResult;
}

export async function runReview(request: ReviewRequest): Promise<ReviewResult> {
  const specs = await loadSpecSet(pathsSource([request.specPath]));
  const lint = runLint(specs, request.config);

  const diff = await runDiff({
    base: request.base,
    head: request.specPath,
    specPaths: [request.specPath],
    defaultMode: request.config.compatibility,
  });

  const codegen = await runCodegen({
    specPaths: [request.specPath],
    outDir: request.outDir,
    check: true,
    urlMappings: [],
  });
  const plan = codegen.plan;
  const differing =
    plan === undefined
      ? []
      : [
          ...plan.added.map((file) => ({ state: 'missing', file })),
          ...plan.changed.map((file) => ({ state: 'changed', file })),
          ...plan.removed.map((file) => ({ state: 'stale', file })),
        ];
  const drift = {
    diagnostics: codegen.diagnostics.filter((d) => d.severity === 'error'),
    differing,
  };
  return { lint, diff, drift };
}

export function reviewFindings(result: ReviewResult): { finding: boolean; badInput: boolean } {
  return {
    finding:
      result.lint.some((f) => f.severity === 'error') ||
      result.diff.changes.some((c) => c.breaking) ||
      result.drift.differing.length > 0 ||
      hasErrors(result.drift.diagnostics),
    badInput: hasErrors(result.diff.diagnostics),
  };
}
