/**
 * One change between two versions of the documents, judged in every mode, and under the
 * mode that applies where it happened.
 */
import type { SourceLocation } from '../../codegen/diagnostics.js';
import { MODES, type Mode } from '../compatibility/modes.js';
import { breaksMode, VERDICTS, type ChangeKind } from '../compatibility/verdict-table.js';

export interface Change {
  readonly kind: ChangeKind;
  /** In the new version, or in the old one for what was removed. */
  readonly location: SourceLocation;
  readonly topic: string | undefined;
  readonly eventType: string | undefined;
  /** A JSON pointer into the payload, headers or key, such as `payload/data/name`. */
  readonly path: string | undefined;
  readonly message: string;
  /** The mode that applies here: the channel's, the document's, or the configured one. */
  readonly mode: Mode;
  readonly breaking: boolean;
  readonly verdicts: Readonly<Record<Mode, 'breaking' | 'compatible'>>;
  readonly breaks: string;
  readonly why: string;
}

export interface ChangeInput {
  readonly kind: ChangeKind;
  readonly location: SourceLocation;
  readonly topic?: string | undefined;
  readonly eventType?: string | undefined;
  readonly path?: string | undefined;
  readonly message: string;
  readonly mode: Mode;
}

export function judge(input: ChangeInput): Change {
  const verdict = VERDICTS[input.kind];
  const verdicts = Object.fromEntries(
    MODES.map((mode) => [mode, breaksMode(input.kind, mode) ? 'breaking' : 'compatible']),
  ) as Record<Mode, 'breaking' | 'compatible'>;
  return {
    kind: input.kind,
    location: input.location,
    topic: input.topic,
    eventType: input.eventType,
    path: input.path,
    message: input.message,
    mode: input.mode,
    breaking: breaksMode(input.kind, input.mode),
    verdicts,
    breaks: verdict.breaks,
    why: verdict.rule,
  };
}
