/**
 * A small argument reader: flags take values up to the next flag, so that
 * `--spec a.yaml b.yaml --out dir` reads as users of other CLIs expect.
 */
import { ToolError } from '../errors.js';

export interface FlagSpec {
  /** `boolean` takes no value; `list` takes one or more; `value` exactly one. */
  readonly kind: 'boolean' | 'value' | 'list';
  readonly description: string;
  readonly placeholder?: string;
}

export type ParsedFlags = Map<string, string[] | true>;

export function parseFlags(argv: readonly string[], specs: Readonly<Record<string, FlagSpec>>): ParsedFlags {
  const flags: ParsedFlags = new Map();
  let index = 0;

  while (index < argv.length) {
    const argument = argv[index] ?? '';
    index += 1;
    const [rawName, inlineValue] = argument.startsWith('--') ? splitInline(argument.slice(2)) : [undefined, undefined];
    if (rawName === undefined) {
      throw new ToolError('INVALID_OPTION', `Unexpected argument "${argument}"; flags start with --.`);
    }
    const spec = specs[rawName];
    if (spec === undefined) {
      throw new ToolError('INVALID_OPTION', `Unknown flag --${rawName}; see --help.`);
    }

    if (spec.kind === 'boolean') {
      if (inlineValue !== undefined) throw new ToolError('INVALID_OPTION', `--${rawName} takes no value.`);
      flags.set(rawName, true);
      continue;
    }

    const values: string[] = inlineValue === undefined ? [] : [inlineValue];
    while (inlineValue === undefined && index < argv.length && !(argv[index] ?? '').startsWith('--')) {
      values.push(argv[index] ?? '');
      index += 1;
      if (spec.kind === 'value') break;
    }
    if (values.length === 0) {
      throw new ToolError('INVALID_OPTION', `--${rawName} needs ${spec.placeholder ?? 'a value'}.`);
    }
    const previous = flags.get(rawName);
    if (spec.kind === 'value' && previous !== undefined) {
      throw new ToolError('INVALID_OPTION', `--${rawName} is given twice.`);
    }
    flags.set(rawName, [...(Array.isArray(previous) ? previous : []), ...values]);
  }

  return flags;
}

function splitInline(text: string): [string, string | undefined] {
  const equals = text.indexOf('=');
  return equals < 0 ? [text, undefined] : [text.slice(0, equals), text.slice(equals + 1)];
}

export function helpText(usage: string, summary: string, specs: Readonly<Record<string, FlagSpec>>): string {
  const rows = Object.entries(specs).map(([name, spec]) => {
    const left = `  --${name}${spec.kind === 'boolean' ? '' : ` ${spec.placeholder ?? 'VALUE'}`}`;
    return `${left.padEnd(30)} ${spec.description}`;
  });
  return `Usage: ${usage}\n\n${summary}\n\nFlags:\n${rows.join('\n')}\n`;
}

export function flagValues(flags: ParsedFlags, name: string): string[] | undefined {
  const value = flags.get(name);
  return Array.isArray(value) ? value : undefined;
}
