/**
 * The diff for reviewers (markdown: a summary line, breaking changes first with where,
 * who and why, then the rest, then the impact on generated code), for machines (JSON)
 * and for the GitHub runner (annotations).
 */
import type { Change } from '../diff/change.js';
import type { DiffResult } from '../run-diff.js';
import { annotation } from './github-annotation.js';

export function diffSummary(result: DiffResult): string {
  const breaking = result.changes.filter((c) => c.breaking).length;
  const compatible = result.changes.length - breaking;
  if (result.changes.length === 0)
    return `No changes to the contract between ${result.base} and ${result.head}.`;
  return (
    `${breaking === 0 ? '✅' : '❌'} ${breaking} breaking change(s), ${compatible} ` +
    `compatible change(s) between ${result.base} and ${result.head}.`
  );
}

function where(change: Change): string {
  const { file, line, column } = change.location;
  return `${file}:${line}:${column}`;
}

function changeLine(change: Change): string {
  const context = [change.topic ? `topic ${change.topic}` : undefined, `mode ${change.mode}`]
    .filter((part) => part !== undefined)
    .join(', ');
  const line = `- \`${where(change)}\` **${change.kind}**: ${change.message} (${context})`;
  if (!change.breaking) return line;
  return `${line}\n  - breaks ${change.breaks}: ${change.why}`;
}

/** The diff as markdown; `heading` is the level of its section headings. */
export function formatDiffMarkdown(result: DiffResult, heading = '##'): string {
  const breaking = result.changes.filter((c) => c.breaking);
  const rest = result.changes.filter((c) => !c.breaking);
  const lines = [diffSummary(result), ''];
  if (breaking.length > 0)
    lines.push(`${heading} Breaking changes`, '', ...breaking.map(changeLine), '');
  if (rest.length > 0) lines.push(`${heading} Other changes`, '', ...rest.map(changeLine), '');
  if (result.impact.length > 0) {
    lines.push(
      `${heading} Impact on generated code`,
      '',
      ...result.impact.map((impact) => `- ${impact.message}`),
      '',
    );
  }
  return lines.join('\n').trimEnd() + '\n';
}

export function formatDiffJson(result: DiffResult): string {
  const breaking = result.changes.filter((c) => c.breaking).length;
  return JSON.stringify(
    {
      base: result.base,
      head: result.head,
      summary: { breaking, compatible: result.changes.length - breaking },
      changes: result.changes.map((change) => ({
        kind: change.kind,
        location: change.location,
        topic: change.topic ?? null,
        eventType: change.eventType ?? null,
        path: change.path ?? null,
        message: change.message,
        mode: change.mode,
        breaking: change.breaking,
        verdicts: change.verdicts,
        breaks: change.breaks,
        why: change.why,
      })),
      impact: result.impact,
    },
    null,
    2,
  );
}

export function formatDiffGithub(result: DiffResult): string {
  return result.changes
    .map((change) =>
      annotation(
        change.breaking ? 'error' : 'notice',
        change.location,
        `spec:diff ${change.kind}`,
        change.breaking
          ? `${change.message}. Breaks ${change.breaks}: ${change.why}`
          : change.message,
      ),
    )
    .join('\n');
}
