/**
 * Every identifier in generated code comes from here, so that one set of rules decides
 * what is a valid, readable and stable name.
 */

// Names a type may not take: TypeScript keywords and the global types generated code uses.
const RESERVED_TYPE_NAMES = new Set([
  'any', 'Array', 'BigInt', 'boolean', 'Boolean', 'Date', 'Error', 'Function', 'JSON', 'Map',
  'Math', 'never', 'null', 'number', 'Number', 'object', 'Object', 'Partial', 'Promise',
  'Readonly', 'ReadonlyArray', 'Record', 'Set', 'string', 'String', 'symbol', 'Symbol',
  'undefined', 'unknown', 'void',
]);

const KEYWORDS = new Set([
  'abstract', 'any', 'as', 'async', 'await', 'boolean', 'break', 'case', 'catch', 'class',
  'const', 'constructor', 'continue', 'debugger', 'declare', 'default', 'delete', 'do', 'else',
  'enum', 'export', 'extends', 'false', 'finally', 'for', 'from', 'function', 'get', 'if',
  'implements', 'import', 'in', 'infer', 'instanceof', 'interface', 'is', 'keyof', 'let',
  'module', 'namespace', 'never', 'new', 'null', 'number', 'object', 'of', 'package',
  'private', 'protected', 'public', 'readonly', 'require', 'return', 'set', 'static',
  'string', 'super', 'switch', 'symbol', 'this', 'throw', 'true', 'try', 'type', 'typeof',
  'undefined', 'unique', 'unknown', 'var', 'void', 'while', 'with', 'yield', 'arguments',
  'eval',
]);

/** Splits text into words at punctuation, spaces and lower-to-upper case changes. */
export function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0);
}

export function pascalCase(text: string): string {
  return words(text)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

export function camelCase(text: string): string {
  const pascal = pascalCase(text);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

export function kebabCase(text: string): string {
  return words(text)
    .map((word) => word.toLowerCase())
    .join('-');
}

/** A PascalCase type name that is a valid identifier and shadows no global type. */
export function typeName(text: string, fallback = 'Type'): string {
  let name = pascalCase(text);
  if (name === '') name = fallback;
  if (/^[0-9]/.test(name)) name = `T${name}`;
  if (RESERVED_TYPE_NAMES.has(name)) name = `${name}Type`;
  return name;
}

/** A camelCase value or member name that is a valid identifier and no keyword. */
export function valueName(text: string, fallback = 'value'): string {
  let name = camelCase(text);
  if (name === '') name = fallback;
  if (/^[0-9]/.test(name)) name = `_${name}`;
  if (KEYWORDS.has(name)) name = `${name}Value`;
  return name;
}

/** True when `text` can be written as an unquoted property name. */
export function isIdentifier(text: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(text);
}

/**
 * The type name for a component key. Java class names (`com.example.dto.OrderDto`) are
 * named by their last part, which is what their authors call them.
 */
export function componentTypeName(key: string): string {
  const lastPart = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)+$/.test(key)
    ? (key.split('.').pop() ?? key)
    : key;
  return typeName(lastPart);
}

/** A file or folder name from document text that cannot leave its folder. */
export function fileName(text: string, fallback = 'service'): string {
  const name = kebabCase(text);
  return name === '' ? fallback : name;
}

/**
 * Hands out names, telling apart different things that would get the same name by a
 * numeric suffix in the order they are claimed. The order of claims is the order of the
 * document, so an unrelated change elsewhere does not rename anything.
 */
export class NameRegistry {
  readonly #owners = new Map<string, string>();
  readonly #collisions: Array<{ name: string; given: string; owner: string; other: string }> = [];

  constructor(taken: Iterable<string> = []) {
    for (const name of taken) this.#owners.set(name, `\u0000reserved:${name}`);
  }

  /** The name for `owner` (any stable identity string), based on `wanted`. */
  claim(wanted: string, owner: string): string {
    const current = this.#owners.get(wanted);
    if (current === undefined || current === owner) {
      this.#owners.set(wanted, owner);
      return wanted;
    }

    let suffix = 2;
    while (this.#owners.has(`${wanted}${suffix}`) && this.#owners.get(`${wanted}${suffix}`) !== owner) {
      suffix += 1;
    }
    const given = `${wanted}${suffix}`;
    this.#owners.set(given, owner);
    this.#collisions.push({ name: wanted, given, owner, other: current });
    return given;
  }

  get collisions(): ReadonlyArray<{ name: string; given: string; owner: string; other: string }> {
    return this.#collisions;
  }
}
