/**
 * Runs codegen on tiny inline documents, in memory, for tests that assert on exact output.
 */
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { formatDiagnostic } from '../../src/codegen/diagnostics.js';
import { generate } from '../../src/codegen/run-codegen.js';

export interface InlineResult {
  readonly dir: string;
  readonly diagnostics: string[];
  readonly files: Map<string, string>;
  file(relative: string): string;
}

/** Writes the documents into a fresh temporary folder and generates from it. */
export async function generateInline(documents: Record<string, string>): Promise<InlineResult> {
  const dir = await mkdtemp(path.join(tmpdir(), 'codegen-test-'));
  for (const [name, text] of Object.entries(documents)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }

  const previous = process.cwd();
  process.chdir(dir);
  try {
    const result = await generate({ specPaths: [dir], outDir: path.join(dir, 'out'), urlMappings: [] });
    const files = new Map(result.files.map((f) => [f.path, f.content]));
    return {
      dir,
      diagnostics: result.diagnostics.map(formatDiagnostic),
      files,
      file(relative) {
        const content = files.get(relative);
        if (content === undefined) throw new Error(`No generated file ${relative}; have ${[...files.keys()].join(', ')}`);
        return content;
      },
    };
  } finally {
    process.chdir(previous);
  }
}

/** A 3.0 document with one channel `things` and the given message payloads. */
export function documentWithPayloads(payloads: Record<string, string>, extra = ''): string {
  const messages = Object.entries(payloads)
    .map(([name, payload]) => `    ${name}:\n      name: ${name}\n      payload:\n${indent(payload, 8)}`)
    .join('\n');
  const refs = Object.keys(payloads)
    .map((name) => `      ${name}:\n        $ref: '#/components/messages/${name}'`)
    .join('\n');
  return `asyncapi: 3.0.0
info:
  title: Things
  version: 1.0.0
channels:
  things:
    address: things
    messages:
${refs}
operations:
  sendThings:
    action: send
    channel:
      $ref: '#/channels/things'
components:
  messages:
${messages}
${extra}`;
}

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .trim()
    .split('\n')
    .map((line) => pad + line)
    .join('\n');
}

/** The declarations of a generated types file, without its preamble. */
export function declarations(typesFile: string): string {
  return typesFile.split('\n').slice(3).join('\n').trim();
}
