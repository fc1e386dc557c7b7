/**
 * GitHub workflow commands that annotate a pull request's files:
 * `::error file=F,line=L,col=C,title=T::message`.
 */
import type { SourceLocation } from '../../codegen/diagnostics.js';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export function annotation(
  level: AnnotationLevel,
  location: SourceLocation,
  title: string,
  message: string,
): string {
  const properties = [
    `file=${escapeProperty(location.file)}`,
    `line=${location.line}`,
    `col=${location.column}`,
    `title=${escapeProperty(title)}`,
  ];
  return `::${level} ${properties.join(',')}::${escapeData(message)}`;
}

// The escapes GitHub's runner reads back; unescaped, a newline would end the command.
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
