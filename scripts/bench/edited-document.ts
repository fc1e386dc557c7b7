import { syntheticDocument } from './synthetic-document.js';

/**
 * The next version of `syntheticDocument(300, 3)`, as a team would write it: a new channel
 * with its operations, an optional field added to one message, a value taken out of an enum
 * of another (a breaking change), and a new minor version.
 */
export function editedSyntheticDocument(): string {
  let text = syntheticDocument(301, 3).replace('  version: 1.0.0', '  version: 1.1.0');
  text = editMessage(text, 'entity7Event1', (lines) => {
    const at = lines.findIndex((line) => line.trim() === 'labels:');
    return [
      ...lines.slice(0, at),
      '              priority: { type: integer, minimum: 0 }',
      ...lines.slice(at),
    ];
  });
  return editMessage(text, 'entity12Event0', (lines) =>
    lines.map((line) => line.replace('enum: [active, paused, closed]', 'enum: [active, paused]')),
  );
}

/** Rewrites the declaration of one message under `components.messages`. */
function editMessage(text: string, id: string, edit: (lines: string[]) => string[]): string {
  const lines = text.split('\n');
  const start = lines.indexOf(`    ${id}:`);
  if (start < 0) throw new Error(`The synthetic document declares no message ${id}.`);
  let end = start + 1;
  while (end < lines.length && !/^ {0,4}\S/.test(lines[end] as string)) end += 1;
  return [...lines.slice(0, start), ...edit(lines.slice(start, end)), ...lines.slice(end)].join(
    '\n',
  );
}
