/**
 * A component nothing references is dead text that readers still maintain. A component
 * counts as used when any document under review references it, as the audit service
 * references the messages of the features service.
 */
import path from 'node:path';

import { isRecord } from '../../contract/normalise-schema.js';
import { rawTree, referencesIn, valueAt } from '../../contract/raw-document.js';
import type { LintRule, RuleFinding } from '../rule.js';
import { locateNear } from '../../contract/locate-near.js';

export const unusedComponents: LintRule = {
  id: 'unused-components',
  defaultSeverity: 'warning',
  description: 'Every component is referenced from somewhere.',
  check(context) {
    // Every reference as an absolute file and a pointer.
    const used = new Set<string>();
    for (const parsed of context.documents) {
      for (const ref of referencesIn(rawTree(parsed.file))) {
        const [file, pointer = ''] = ref.split('#');
        const target =
          file === '' || file === undefined
            ? parsed.file.absolutePath
            : path.resolve(path.dirname(parsed.file.absolutePath), file);
        used.add(`${target}#${pointer}`);
      }
    }

    const findings: RuleFinding[] = [];
    for (const parsed of context.documents) {
      const components = valueAt(rawTree(parsed.file), '/components');
      for (const [kind, entries] of Object.entries(isRecord(components) ? components : {})) {
        // 2.x security requirements name their schemes instead of referring to them.
        if (kind === 'securitySchemes' && parsed.document.version().startsWith('2.')) continue;
        for (const name of Object.keys(isRecord(entries) ? entries : {})) {
          const pointer = `/components/${kind}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
          const isUsed = [...used].some((ref) => {
            const [file, target = ''] = ref.split('#');
            return (
              file === parsed.file.absolutePath &&
              (target === pointer || target.startsWith(`${pointer}/`))
            );
          });
          if (isUsed) continue;
          findings.push({
            location: locateNear(parsed, pointer),
            message: `component ${kind}/${name} is not referenced anywhere`,
          });
        }
      }
    }
    return findings;
  },
};
