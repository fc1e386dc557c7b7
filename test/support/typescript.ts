/**
 * Looking at generated TypeScript as the compiler does.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

import ts from 'typescript';

import { PROJECT_ROOT } from './cli.js';

const TSC = path.join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/** Every function call in a text, as it parses: text in strings and comments is no call. */
export function callsIn(text: string): string[] {
  const file = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, true);
  const calls: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) calls.push(node.expression.getText(file));
    ts.forEachChild(node, visit);
  };
  visit(file);
  return calls;
}

/** The compiler's errors for a tsconfig, or '' when it compiles. */
export function typecheck(tsconfig: string): string {
  try {
    execFileSync(process.execPath, [TSC, '-p', tsconfig, '--noEmit'], { encoding: 'utf8' });
    return '';
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}
