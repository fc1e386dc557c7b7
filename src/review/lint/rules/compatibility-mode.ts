/** A misspelt `x-compatibility` would silently fall back to the default mode. */
import { isMode, MODES } from '../../compatibility/modes.js';
import type { LintRule, RuleFinding } from '../rule.js';
import { locateNear } from '../../contract/locate-near.js';

export const compatibilityMode: LintRule = {
  id: 'compatibility-mode',
  defaultSeverity: 'error',
  description: `x-compatibility, where given, is one of ${MODES.join(', ')}.`,
  check(context) {
    const findings: RuleFinding[] = [];
    for (const parsed of context.documents) {
      const places = [
        { pointer: '', json: parsed.document.json() as unknown },
        ...parsed.document
          .channels()
          .all()
          .map((c) => ({
            pointer: c.meta().pointer ?? '',
            json: c.json() as unknown,
          })),
      ];
      for (const { pointer, json } of places) {
        const value = (json as Record<string, unknown>)['x-compatibility'];
        if (value === undefined || isMode(value)) continue;
        findings.push({
          location: locateNear(parsed, `${pointer}/x-compatibility`),
          message: `x-compatibility ${JSON.stringify(value)} is not one of ${MODES.join(', ')}`,
        });
      }
    }
    return findings;
  },
};
