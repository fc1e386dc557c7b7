/**
 * Prints type expressions as TypeScript. Every piece of document text that reaches a type
 * (keys, literals) is written as a JSON string literal, which TypeScript reads as is.
 */
import { isIdentifier } from '../model/naming.js';
import type { PropertyModel, TypeExpression } from '../model/types.js';
import { sanitizeCommentText } from './generated-file.js';

/** Members named like these are quoted so that no reader mistakes them for special. */
const QUOTED_MEMBER_NAMES = new Set(['constructor', '__proto__', 'prototype']);

export function propertyName(key: string): string {
  return isIdentifier(key) && !QUOTED_MEMBER_NAMES.has(key) ? key : JSON.stringify(key);
}

export function literal(value: string | number | boolean | null): string {
  return JSON.stringify(value);
}

/** Unions of more members than this are printed one member a line. */
const INLINE_UNION_LIMIT = 4;

export function printType(type: TypeExpression, indent = ''): string {
  switch (type.kind) {
    case 'primitive':
      return type.name;
    case 'literal':
      return literal(type.value);
    case 'reference':
      return type.name;
    case 'array': {
      const item = printType(type.item, indent);
      return type.item.kind === 'union' ? `Array<${item}>` : `${item}[]`;
    }
    case 'tuple': {
      const items = type.items.map((item, index) => {
        const printed = printType(item, indent);
        const grouped = item.kind === 'union' ? `(${printed})` : printed;
        return index < type.required ? printed : `${grouped}?`;
      });
      if (type.rest !== undefined) items.push(`...${printType({ kind: 'array', item: type.rest }, indent)}`);
      return `[${items.join(', ')}]`;
    }
    case 'record':
      return `{ [key: string]: ${printType(type.value, indent)} }`;
    case 'object':
      return printObjectLiteral(type.properties, indent);
    case 'union': {
      const members = type.members.map((member) => printType(member, `${indent}  `));
      if (members.length <= INLINE_UNION_LIMIT) return members.join(' | ');
      // The writer indents continuation lines of a declaration by one level itself.
      return members.map((member) => `\n${indent}| ${member}`).join('');
    }
  }
}

function printObjectLiteral(properties: readonly PropertyModel[], indent: string): string {
  if (properties.length === 0) return '{}';
  const inner = `${indent}  `;
  const lines = properties.map(
    (p) => `${inner}${propertyName(p.key)}${p.required ? '' : '?'}: ${printType(p.type, inner)};`,
  );
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/** A JSDoc body from document text, or undefined when there is none. */
export function docText(...parts: ReadonlyArray<string | undefined>): string | undefined {
  const present = parts.filter((part): part is string => part !== undefined && part.trim() !== '');
  if (present.length === 0) return undefined;
  return sanitizeCommentText(present.join('\n\n')).trim();
}
