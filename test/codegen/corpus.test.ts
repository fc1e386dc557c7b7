/**
 * Every document of the shared corpus, as its README says: those the official parser
 * accepts generate code that compiles under the project's strict tsconfig; those it
 * rejects fail with located errors and write nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { PROJECT_ROOT, runCli } from '../support/cli.js';
import { typecheck } from '../support/typescript.js';

const CORPUS = path.resolve(PROJECT_ROOT, '../shared/corpus');
const rows = existsSync(path.join(CORPUS, 'INDEX.tsv'))
  ? readFileSync(path.join(CORPUS, 'INDEX.tsv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t'))
  : [];
const cases = rows.map((row) => ({ name: row[0] ?? '', verdict: row[11] ?? '' }));

// The Adeo documents reference schemas by URL; these prefixes map them to the copies.
const URL_MAPS: Record<string, string[]> = {
  'adeo-casestudy-v3': [
    'https://www.asyncapi.com/resources/casestudies/adeo/=adeo-casestudy-v3',
    'https://deploy-preview-921--asyncapi-website.netlify.app/resources/casestudies/adeo/=adeo-casestudy-v3',
  ],
};

describe.skipIf(cases.length === 0)('the shared corpus', async () => {
  // Inside the project, because --out must be, and so that imports of the runtime resolve.
  const outRoot = await mkdtemp(path.join(PROJECT_ROOT, 'tmp-corpus-test-'));
  afterAll(() => rm(outRoot, { recursive: true, force: true }));

  const generated: string[] = [];

  for (const { name, verdict } of cases) {
    const valid = verdict.startsWith('valid');
    it(`${name}: ${valid ? 'generates' : 'fails with located errors'}`, () => {
      const out = path.join(outRoot, name.replace(/\W+/g, '-'));
      const maps = (URL_MAPS[name] ?? []).flatMap((map) => {
        const [prefix, folder] = map.split(/=(?=[^=]*$)/);
        return ['--map-url', `${prefix}=${path.join(CORPUS, folder ?? '')}`];
      });
      const result = runCli(['codegen', '--spec', path.join(CORPUS, name), '--out', out, ...maps], PROJECT_ROOT);

      if (valid) {
        expect(result.stderr).not.toContain(': error: ');
        expect(result.status, result.stderr).toBe(0);
        generated.push(out);
      } else {
        expect(result.status).toBe(2);
        expect(result.stderr).toMatch(/^\S+:\d+:\d+: error: /m);
        expect(existsSync(out)).toBe(false);
      }
    });
  }

  it('compiles every generated output under the strict tsconfig, in one program', async () => {
    expect(generated.length).toBeGreaterThan(10);
    const tsconfig = path.join(outRoot, 'tsconfig.json');
    await writeFile(tsconfig, JSON.stringify({ extends: '../tsconfig.json', include: ['.', '../src/runtime'] }));
    expect(typecheck(tsconfig)).toBe('');
  });
});
