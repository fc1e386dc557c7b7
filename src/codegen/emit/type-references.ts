import type { TypeExpression } from '../model/types.js';

/** The declared type names an expression mentions, for imports. */
export function collectReferences(types: ReadonlyArray<TypeExpression | undefined>): string[] {
  const names = new Set<string>();
  const visit = (type: TypeExpression | undefined): void => {
    if (type === undefined) return;
    switch (type.kind) {
      case 'reference':
        names.add(type.name);
        break;
      case 'array':
        visit(type.item);
        break;
      case 'record':
        visit(type.value);
        break;
      case 'tuple':
        type.items.forEach(visit);
        visit(type.rest);
        break;
      case 'union':
        type.members.forEach(visit);
        break;
      case 'object':
        type.properties.forEach((property) => visit(property.type));
        break;
      default:
        break;
    }
  };
  types.forEach(visit);
  return [...names];
}
