/**
 * Whether one printed type is assignable to another, as the TypeScript compiler decides:
 * it tells a producer argument that narrows (callers may stop compiling) from one that
 * only widens. All questions of one diff go to the compiler in one program.
 */
import ts from 'typescript';

export type Assignability = 'assignable' | 'not-assignable' | 'unknown';

export function assignability(
  pairs: ReadonlyArray<{ readonly from: string; readonly to: string }>,
): Assignability[] {
  if (pairs.length === 0) return [];
  const checks = pairs.map(
    ({ from, to }, index) => `function check${index}(value: ${from}): ${to} { return value; }\n`,
  );
  const text = checks.join('');
  const fileName = '/assignability.ts';
  const options: ts.CompilerOptions = { strict: true, noEmit: true, lib: ['lib.es2022.d.ts'] };
  const host = ts.createCompilerHost(options);
  const readFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version) =>
    name === fileName ? ts.createSourceFile(name, text, version) : readFile(name, version);
  const program = ts.createProgram([fileName], options, host);
  const source = program.getSourceFile(fileName);
  const diagnostics = source === undefined ? [] : program.getSemanticDiagnostics(source);

  // Types print over several lines; a diagnostic answers the check it falls within.
  const starts = checks.map((_, index) => checks.slice(0, index).join('').length);
  const answers: Assignability[] = pairs.map(() => 'assignable');
  for (const diagnostic of diagnostics) {
    if (diagnostic.start === undefined) continue;
    const start = diagnostic.start;
    const index = starts.findLastIndex((offset) => offset <= start);
    const unresolved = diagnostic.code === 2304; // Cannot find name: a cycle left as a name.
    if (index < 0 || answers[index] === 'unknown') continue;
    answers[index] = unresolved ? 'unknown' : 'not-assignable';
  }
  return answers;
}
