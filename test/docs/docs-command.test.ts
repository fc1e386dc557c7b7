/**
 * `npm run docs` as a user runs it: the real command line in a child process.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { PROJECT_ROOT, runCli } from '../support/cli.js';
import { writeDocuments } from './support/site.js';

const ONE_EVENT = (eventType: string) => `asyncapi: 3.0.0
info: { title: Things, version: 1.0.0 }
channels:
  things:
    address: things
    messages:
      thing: { $ref: '#/components/messages/thing' }
components:
  messages:
    thing:
      name: ${eventType}
      payload: { type: object }
`;

describe('npm run docs', async () => {
  // Inside the project, because --out must be.
  const outRoot = await mkdtemp(path.join(PROJECT_ROOT, 'tmp-docs-test-'));
  afterAll(() => rm(outRoot, { recursive: true, force: true }));

  it('builds the site of the project documents, printing nothing on stdout', () => {
    const out = path.join(outRoot, 'project');
    const result = runCli(['docs', '--out', out], PROJECT_ROOT);

    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^docs: 2 document\(s\) → .*: \d+ file\(s\), \d+ written/m);
    for (const page of [
      'index.html',
      'services/features.html',
      'topics/features.events.html',
      'events/feature.created.html',
    ]) {
      expect(existsSync(path.join(out, page)), page).toBe(true);
    }
  });

  it('rewrites nothing when nothing changed, and removes pages of events gone', async () => {
    const specs = await writeDocuments({ 'things.yaml': ONE_EVENT('thing.made') });
    const out = path.join(outRoot, 'changing');
    expect(runCli(['docs', '--spec', specs, '--out', out], PROJECT_ROOT).status).toBe(0);

    const again = runCli(['docs', '--spec', specs, '--out', out], PROJECT_ROOT);
    expect(again.stderr).toMatch(/ 0 written, \d+ unchanged, 0 removed/);

    await writeFile(path.join(specs, 'things.yaml'), ONE_EVENT('thing.remade'));
    const changed = runCli(['docs', '--spec', specs, '--out', out], PROJECT_ROOT);
    expect(changed.stderr).toMatch(/ 1 removed/);
    expect(existsSync(path.join(out, 'events/thing.made.html'))).toBe(false);
    expect(existsSync(path.join(out, 'events/thing.remade.html'))).toBe(true);
  });

  it('refuses to overwrite a file it did not write', async () => {
    const specs = await writeDocuments({ 'things.yaml': ONE_EVENT('thing.made') });
    const out = path.join(outRoot, 'foreign');
    await rm(out, { recursive: true, force: true });
    await mkdir(out, { recursive: true });
    await writeFile(path.join(out, 'index.html'), 'hand-written');

    const result = runCli(['docs', '--spec', specs, '--out', out], PROJECT_ROOT);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('index.html exists and was not written by the docs build');
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('hand-written');
  });

  it('stops on an invalid document with a located error and writes nothing', async () => {
    const specs = await writeDocuments({
      'broken.yaml': 'asyncapi: 3.0.0\ninfo: {}\nchannels: 7\n',
    });
    const out = path.join(outRoot, 'broken');
    const result = runCli(['docs', '--spec', specs, '--out', out], PROJECT_ROOT);

    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^\S+:\d+:\d+: error: /m);
    expect(existsSync(out)).toBe(false);
  });

  it('takes no --out outside the project', () => {
    const result = runCli(['docs', '--out', path.dirname(PROJECT_ROOT)], PROJECT_ROOT);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('must be a folder inside');
  });
});
