/**
 * spec:diff and spec:review on git refs, in a temporary repository: the base is read from
 * history, the head from the working tree or another ref, and transitive modes look at
 * every earlier version.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { runCli } from '../support/cli.js';
import { document, folderWith, git, PAYLOAD, withProperty } from './support.js';

async function commitDocument(dir: string, text: string, message: string): Promise<void> {
  await mkdir(path.join(dir, 'asyncapi'), { recursive: true });
  await writeFile(path.join(dir, 'asyncapi', 'things.yaml'), text);
  git(dir, 'add', 'asyncapi');
  git(dir, 'commit', '-q', '-m', message);
}

async function repository(): Promise<string> {
  const dir = await folderWith({});
  git(dir, 'init', '-q', '-b', 'main');
  return dir;
}

describe('git refs', () => {
  it('diffs a ref against the working tree and against another ref', async () => {
    const dir = await repository();
    await commitDocument(dir, document(), 'first');
    await commitDocument(
      dir,
      document({ payload: withProperty('size', { type: 'integer' }, true) }),
      'second',
    );

    const working = runCli(['spec:diff', '--base', 'HEAD~1'], dir);
    expect(working.stderr).toBe('');
    expect(working.status).toBe(1);
    expect(working.stdout).toContain('**property-added-required**: thing.made payload/size');
    expect(working.stdout).toContain('`asyncapi/things.yaml:');

    const refs = runCli(
      ['spec:diff', '--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json'],
      dir,
    );
    expect(refs.status).toBe(1);
    const json = JSON.parse(refs.stdout) as {
      changes: Array<{ kind: string; location: { file: string } }>;
    };
    expect(json.changes.map((c) => [c.kind, c.location.file])).toEqual([
      ['property-added-required', 'asyncapi/things.yaml'],
    ]);

    const same = runCli(['spec:diff', '--base', 'HEAD'], dir);
    expect(same.status).toBe(0);
    expect(same.stdout).toContain('No changes to the contract');
  });

  it('reads a base without the documents as empty, and a bad ref as bad input', async () => {
    const dir = await repository();
    await writeFile(path.join(dir, 'README.md'), 'nothing yet');
    git(dir, 'add', 'README.md');
    git(dir, 'commit', '-q', '-m', 'start');
    await commitDocument(dir, document(), 'documents');

    const added = runCli(['spec:diff', '--base', 'HEAD~1'], dir);
    expect(added.status).toBe(0);
    expect(added.stdout).toContain('**document-added**');

    const bad = runCli(['spec:diff', '--base', 'no-such-branch'], dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('"no-such-branch" is neither a file or folder nor a git ref');
  });

  it('checks a transitive mode against every earlier version', async () => {
    // Each step alone is compatible; together they change the type of "size".
    const dir = await repository();
    const mode = 'BACKWARD_TRANSITIVE';
    await commitDocument(
      dir,
      document({ mode, payload: withProperty('size', { type: 'string' }) }),
      'v1',
    );
    await commitDocument(dir, document({ mode, payload: PAYLOAD }), 'v2');
    await writeFile(
      path.join(dir, 'asyncapi', 'things.yaml'),
      document({ mode, payload: withProperty('size', { type: 'integer' }) }),
    );

    const transitive = runCli(['spec:diff', '--base', 'HEAD'], dir);
    expect(transitive.status).toBe(1);
    expect(transitive.stdout).toMatch(
      /\*\*type-changed\*\*: .*payload\/size.*\(against [0-9a-f]{7}\)/,
    );

    await writeFile(
      path.join(dir, 'asyncapi', 'things.yaml'),
      document({ mode: 'BACKWARD', payload: withProperty('size', { type: 'integer' }) }),
    );
    const plain = runCli(['spec:diff', '--base', 'HEAD'], dir);
    expect(plain.stdout).not.toContain('type-changed');
  });

  it('reviews lint, diff and generated code in one summary', async () => {
    const dir = await repository();
    await commitDocument(dir, document(), 'first');
    expect(runCli(['codegen'], dir).status).toBe(0);

    const clean = runCli(['spec:review', '--base', 'HEAD'], dir);
    expect(clean.stdout).toContain(
      '| compatibility | ✅ 0 breaking of 0 change(s) against HEAD |',
    );
    expect(clean.stdout).toContain('| generated code | ✅ generated/ is up to date |');
    // The tiny document breaks house rules (no envelope, no descriptions).
    expect(clean.stdout).toContain('| lint | ❌');
    expect(clean.status).toBe(1);

    await writeFile(path.join(dir, 'asyncapi', 'things.yaml'), document({ partitions: 1 }));
    const summaryFile = path.join(dir, 'summary.md');
    const changed = runCli(
      ['spec:review', '--base', 'HEAD', '--summary-file', summaryFile, '--format', 'github'],
      dir,
    );
    expect(changed.status).toBe(1);
    const annotation = new RegExp(
      '^::error file=asyncapi/things\\.yaml,line=\\d+,col=\\d+,' +
        'title=spec%3Adiff partitions-removed::',
      'm',
    );
    expect(changed.stdout).toMatch(annotation);
    const summary = await readFile(summaryFile, 'utf8');
    expect(summary.split('\n')[0]).toBe('<!-- asyncapi-kafka spec-review -->');
    expect(summary).toContain('| compatibility | ❌ 1 breaking of 1 change(s) against HEAD |');
    // Partitions reach the descriptors, and whatever else codegen writes them into.
    expect(summary).toMatch(
      /\| generated code \| ❌ \d+ file\(s\) differ; run `npm run codegen` \|/,
    );
    expect(summary).toContain('- changed `generated/things/descriptors.ts`');
  });
});
