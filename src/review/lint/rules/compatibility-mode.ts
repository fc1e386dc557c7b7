/** A misspelt `x-compatibility` would silently fall back to the default mode. */
import { MODES } from '../../compatibility/modes.js';
import { misspeltModes } from '../../compatibility/misspelt-modes.js';
import type { LintRule } from '../rule.js';

export const compatibilityMode: LintRule = {
  id: 'compatibility-mode',
  defaultSeverity: 'error',
  description: `x-compatibility, where given, is one of ${MODES.join(', ')}.`,
  check: (context) => context.documents.flatMap(misspeltModes),
};
