/**
 * TypeScript types as data. The model stage turns Modelina's meta model into these; the
 * emitters print them. Keeping them as data lets tests assert on the decisions (names,
 * nullability, literals) apart from the printing.
 */
export type TypeExpression =
  | {
      readonly kind: 'primitive';
      readonly name: 'string' | 'number' | 'boolean' | 'null' | 'unknown' | 'never';
    }
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null }
  | { readonly kind: 'reference'; readonly name: string }
  | { readonly kind: 'array'; readonly item: TypeExpression }
  | {
      readonly kind: 'tuple';
      readonly items: readonly TypeExpression[];
      /** How many leading items must be present (`minItems`); the rest are optional. */
      readonly required: number;
      /** The type of items past the declared ones, when more are allowed. */
      readonly rest: TypeExpression | undefined;
    }
  | { readonly kind: 'union'; readonly members: readonly TypeExpression[] }
  | { readonly kind: 'record'; readonly value: TypeExpression }
  | { readonly kind: 'object'; readonly properties: readonly PropertyModel[] };

export interface PropertyModel {
  /** The JSON key, exactly as on the wire. */
  readonly key: string;
  readonly required: boolean;
  readonly type: TypeExpression;
  readonly description: string | undefined;
  readonly deprecated: boolean;
}

export type TypeDeclaration = InterfaceDeclaration | AliasDeclaration;

export interface InterfaceDeclaration {
  readonly kind: 'interface';
  readonly name: string;
  readonly description: string | undefined;
  readonly properties: readonly PropertyModel[];
  /** The value type of other keys, when the schema allows them with a schema of their own. */
  readonly indexSignature: TypeExpression | undefined;
}

export interface AliasDeclaration {
  readonly kind: 'alias';
  readonly name: string;
  readonly description: string | undefined;
  readonly type: TypeExpression;
}

export const UNKNOWN: TypeExpression = { kind: 'primitive', name: 'unknown' };
export const NULL: TypeExpression = { kind: 'primitive', name: 'null' };

/** A union without repeats, flattened, with `unknown` absorbing everything. */
export function unionOf(members: readonly TypeExpression[]): TypeExpression {
  const flat: TypeExpression[] = [];
  const seen = new Set<string>();
  for (const member of members.flatMap((m) => (m.kind === 'union' ? m.members : [m]))) {
    if (member.kind === 'primitive' && member.name === 'unknown') return UNKNOWN;
    const identity = JSON.stringify(member);
    if (seen.has(identity)) continue;
    seen.add(identity);
    flat.push(member);
  }
  if (flat.length === 1 && flat[0] !== undefined) return flat[0];
  return { kind: 'union', members: flat };
}
