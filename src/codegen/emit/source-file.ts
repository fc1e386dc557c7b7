/**
 * ts-morph, used as a printer only: a file's statements are described as structures and
 * printed straight to text. Nothing is parsed or type-checked, so emitting stays fast on
 * large documents.
 */
import {
  printStructure,
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
  const buffer = new StatementBuffer();
  build(buffer);
  // A ts-morph source file made from these structures would print the same text and then
  // parse it with the TypeScript compiler, which took most of the emit time of a large
  // document; the printer alone is all that is needed.
  const text = printStructure(
    { kind: StructureKind.SourceFile, statements: buffer.statements },
    { indentNumberOfSpaces: 2, newLine: '\n', useSingleQuote: true },
  );
  const body = text
    .replace(/[ \t]+$/gm, '')
    // One blank line between top-level declarations, for reading in a diff.
    .replace(/([;}])\n(\/\*\*|export (?:const|interface|type|class|function|declare))/g, '$1\n\n$2')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { path, content: `${preambleComment(documentPaths)}\n${body}\n` };
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
