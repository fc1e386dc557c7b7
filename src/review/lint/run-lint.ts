/**
 * spec:lint as a function: every rule over every document, each finding at the severity
 * the configuration gives its rule, sorted by place.
 */
import { compareText } from '../../codegen/diagnostics.js';
import type { ReviewConfig } from '../config/review-config.js';
import { buildContracts } from '../contract/build-contract.js';
import type { SpecSet } from '../load/load-spec-set.js';
import { ALL_RULES } from './all-rules.js';
import type { LintFinding, LintRule } from './rule.js';

export function runLint(
  specs: SpecSet,
  config: ReviewConfig,
  rules: readonly LintRule[] = ALL_RULES,
): LintFinding[] {
  const context = {
    documents: specs.documents,
    contracts: buildContracts(specs.documents),
    config,
    parserDiagnostics: specs.diagnostics,
  };
  const findings: LintFinding[] = [];
  for (const rule of rules) {
    const setting = config.rules[rule.id];
    if (setting === 'off') continue;
    const severity =
      setting === undefined ? rule.defaultSeverity : setting === 'warn' ? 'warning' : 'error';
    for (const found of rule.check(context))
      findings.push({ ...found, ruleId: rule.id, severity });
  }
  return findings.sort(
    (a, b) =>
      compareText(a.location.file, b.location.file) ||
      a.location.line - b.location.line ||
      a.location.column - b.location.column ||
      compareText(a.ruleId, b.ruleId) ||
      compareText(a.message, b.message),
  );
}
