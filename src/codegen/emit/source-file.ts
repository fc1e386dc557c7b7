/**
 * ts-morph, used as a printer only: files live in memory, nothing is type-checked, and
 * each file is printed and forgotten, so emitting stays fast on large documents.
 */
import {
  IndentationText,
  NewLineKind,
  Project,
  QuoteKind,
  type SourceFile,
} from 'ts-morph';

import { preambleComment, type GeneratedFile } from './generated-file.js';

const project = new Project({
  useInMemoryFileSystem: true,
  skipAddingFilesFromTsConfig: true,
  skipLoadingLibFiles: true,
  manipulationSettings: {
    indentationText: IndentationText.TwoSpaces,
    newLineKind: NewLineKind.LineFeed,
    quoteKind: QuoteKind.Single,
    useTrailingCommas: true,
  },
});

let counter = 0;

/**
 * Gives `build` a fresh source file that opens with the preamble, and returns what it
 * printed. Emitters describe declarations as ts-morph structures; imports are asked for
 * as named symbols, never pasted as text.
 */
export function emitSourceFile(
  path: string,
  documentPaths: readonly string[],
  build: (file: SourceFile) => void,
): GeneratedFile {
  counter += 1;
  const file = project.createSourceFile(`/emit/${counter}/${path}`, '');
  try {
    build(file);
    file.formatText({ indentSize: 2, convertTabsToSpaces: true, ensureNewLineAtEndOfFile: true });
    const body = file
      .getFullText()
      .replace(/[ \t]+$/gm, '')
      // One blank line between top-level declarations, for reading in a diff.
      .replace(/([;}])\n(\/\*\*|export (?:const|interface|type|class|function|declare))/g, '$1\n\n$2')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
    return { path, content: `${preambleComment(documentPaths)}\n${body}\n` };
  } finally {
    project.removeSourceFile(file);
  }
}

/** Adds `import { a, type B } from 'specifier'` with the names sorted. */
export function importNames(
  file: SourceFile,
  moduleSpecifier: string,
  names: { values?: Iterable<string>; types?: Iterable<string> },
): void {
  const values = [...new Set(names.values ?? [])];
  const types = [...new Set(names.types ?? [])].filter((name) => !values.includes(name));
  const namedImports = [
    ...values.map((name) => ({ name })),
    ...types.map((name) => ({ name, isTypeOnly: true })),
  ].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (namedImports.length === 0) return;
  file.addImportDeclaration({ moduleSpecifier, namedImports });
}
