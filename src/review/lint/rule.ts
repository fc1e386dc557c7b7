/**
 * A lint rule: an id, a default severity, and a check over every document at once (some
 * rules, such as shared-topic agreement, look across documents).
 */
import type { Diagnostic, SourceLocation } from '../../codegen/diagnostics.js';
import type { ParsedDocument } from '../../codegen/load/parse-documents.js';
import type { ReviewConfig } from '../config/review-config.js';
import type { ContractSet } from '../contract/contract.js';

export type LintSeverity = 'error' | 'warning';

export interface LintContext {
  readonly documents: readonly ParsedDocument[];
  readonly contracts: ContractSet;
  readonly config: ReviewConfig;
  /** The parser's own findings. */
  readonly parserDiagnostics: readonly Diagnostic[];
}

export interface RuleFinding {
  readonly location: SourceLocation;
  readonly message: string;
}

export interface LintRule {
  readonly id: string;
  readonly defaultSeverity: LintSeverity;
  /** One sentence, shown in SARIF and in the docs. */
  readonly description: string;
  check(context: LintContext): RuleFinding[];
}

export interface LintFinding extends RuleFinding {
  readonly ruleId: string;
  readonly severity: LintSeverity;
}
