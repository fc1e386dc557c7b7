import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { parseDocuments } from '../../src/codegen/load/parse-documents.js';

/**
 * The structure rules keep their compiled AsyncAPI schema from one document to the next
 * (src/codegen/load/document-structure-rules.ts). Every document of a run must still get
 * its own findings from both of them, whatever its version and whatever came before.
 */
describe('the structure of each document of a run', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'structure-rules-'));
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const documents = {
    'first.yaml': 'asyncapi: 3.0.0\ninfo: {title: a, version: "1"}\nchannels: {x: {address: 1}}\n',
    'second.yaml': 'asyncapi: 2.6.0\ninfo: {title: b}\nchannels: {}\n',
    'third.yaml': 'asyncapi: 3.0.0\ninfo:\n  $ref: ./info.yaml\nchannels: {}\n',
    'fourth.yaml': 'asyncapi: 3.0.0\ninfo: {title: d, version: "1"}\nchannels: {x: {address: 1}}\n',
  };
  await writeFile(path.join(dir, 'info.yaml'), 'title: t\nversion: "1"\n');
  for (const [name, text] of Object.entries(documents)) await writeFile(path.join(dir, name), text);

  it('is checked against the schema of its version, resolved and unresolved', async () => {
    const { diagnostics, documents: parsed } = await parseDocuments(
      Object.entries(documents).map(([name, text]) => ({ absolutePath: path.join(dir, name), text })),
      { urlMappings: [] });

    expect(parsed).toEqual([]);
    expect(diagnostics.map(({ location, message }) =>
      `${path.basename(location.file)}:${location.line}: ${message}`)).toEqual([
      'first.yaml:3: "address" property type must be string,null (at channels.x.address)',
      'second.yaml:2: "info" property must have required property "version" (at info)',
      'third.yaml:2: Referencing in this place is not allowed (at info)',
      'fourth.yaml:3: "address" property type must be string,null (at channels.x.address)',
    ]);
  });
});
