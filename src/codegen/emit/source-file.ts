/**
 * ts-morph, used as a printer only: files live in memory, nothing is type-checked, and
 * each file is printed and forgotten, so emitting stays fast on large documents.
 */
import {
  IndentationText,
  NewLineKind,
  Project,
  QuoteKind,
  StructureKind,
  type ClassDeclarationStructure,
  type ExportDeclarationStructure,
  type FunctionDeclarationStructure,
  type ImportDeclarationStructure,
  type InterfaceDeclarationStructure,
  type OptionalKind,
  type StatementStructures,
  type TypeAliasDeclarationStructure,
  type VariableStatementStructure,
  type WriterFunction,
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

type Statement = StatementStructures | string;

/**
 * Collects the statements of a file as ts-morph structures. Each `add…` call on a ts-morph
 * source file re-prints the file, which made emitting quadratic in the number of
 * declarations; collected, they are added in one call.
 */
export class StatementBuffer {
  readonly statements: Statement[] = [];

  addImportDeclaration(structure: OptionalKind<ImportDeclarationStructure>): void {
    this.statements.push({ ...structure, kind: StructureKind.ImportDeclaration });
  }

  addExportDeclaration(structure: OptionalKind<ExportDeclarationStructure>): void {
    this.statements.push({ ...structure, kind: StructureKind.ExportDeclaration });
  }

  addInterface(structure: OptionalKind<InterfaceDeclarationStructure>): void {
    this.statements.push({ ...structure, kind: StructureKind.Interface });
  }

  addTypeAlias(structure: OptionalKind<TypeAliasDeclarationStructure>): void {
    this.statements.push({ ...structure, kind: StructureKind.TypeAlias });
  }

  addClass(structure: OptionalKind<ClassDeclarationStructure>): void {
    this.statements.push({ ...structure, kind: StructureKind.Class });
  }

  addFunction(structure: OptionalKind<FunctionDeclarationStructure>): void {
    this.statements.push({ ...structure, kind: StructureKind.Function });
  }

  addVariableStatement(structure: OptionalKind<VariableStatementStructure>): void {
    this.statements.push({ ...structure, kind: StructureKind.VariableStatement });
  }

  addStatements(text: string): void {
    this.statements.push(text);
  }

  get isEmpty(): boolean {
    return this.statements.length === 0;
  }
}

/**
 * Gives `build` a fresh source file that opens with the preamble, and returns what it
 * printed. Emitters describe declarations as ts-morph structures; imports are asked for
 * as named symbols, never pasted as text.
 */
export function emitSourceFile(
  path: string,
  documentPaths: readonly string[],
  build: (file: StatementBuffer) => void,
): GeneratedFile {
  counter += 1;
  const buffer = new StatementBuffer();
  build(buffer);
  const file = project.createSourceFile(`/emit/${counter}/${path}`, { statements: buffer.statements });
  try {
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

/**
 * Statements written as text that is indented relative to where it is placed: each line's
 * leading spaces become indentation levels of the writer, so that nested text lines up
 * inside classes and functions instead of gaining a hanging indent.
 */
export function indentedText(text: string): WriterFunction {
  return (writer) => {
    const lines = text.split('\n');
    lines.forEach((line, index) => {
      const depth = Math.floor((line.length - line.trimStart().length) / 2);
      writer.indent(depth);
      writer.write(line.trimStart());
      if (index < lines.length - 1) writer.newLine();
    });
  };
}

/** Adds `import { a, type B } from 'specifier'` with the names sorted. */
export function importNames(
  file: StatementBuffer,
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
