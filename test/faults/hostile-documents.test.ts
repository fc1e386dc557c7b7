import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import fc from 'fast-check';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

import { generate } from '../../src/codegen/run-codegen.js';
import { emitSite } from '../../src/docs/emit-site.js';
import { readSiteAssets } from '../../src/docs/site-assets.js';
import { PROJECT_ROOT } from '../support/cli.js';

/**
 * Random and malicious documents: every name and text tries to break out into code or
 * markup, each attempt calling a marker function `pwned<N>`. Codegen must either stop with
 * errors that carry a location, or write code that compiles and in which no marker is
 * ever called; the docs site must carry no script or event handler made from the text.
 *
 * HOSTILE_DOCUMENT_RUNS sets how many documents (1 000 here; `npm run test:faults` makes
 * 5 000).
 */
const runs = Number(process.env['HOSTILE_DOCUMENT_RUNS'] ?? '1000');
const batchSize = 20;

const injections = [
  '"); pwned1(); ("',
  "'); pwned2(); ('",
  '*/ pwned3(); /*',
  '${pwned4()}',
  '`; pwned5(); `',
  '\n pwned6(); //',
  '</script><script>pwned7()</script>',
  '<img src=x onerror="pwned8()">',
  '" onmouseover="pwned9()" x="',
  '\u2028pwned10()\u2029',
  '\\"); pwned11(); //',
  'javascript:pwned12()',
];
const oddNames = ['constructor', '__proto__', 'toString', 'class', 'delete', 'default', '0lead',
  'with space', 'dash-ed', 'dot.ted', 'ünï', '日本', '😀', 'a'.repeat(300), '', '$ref',
  'then'];

const text = fc.oneof(fc.constantFrom(...injections), fc.constantFrom(...oddNames),
  fc.string({ maxLength: 30 }), fc.tuple(fc.string({ maxLength: 8 }),
    fc.constantFrom(...injections)).map(([a, b]) => a + b));
const name = fc.oneof({ weight: 3, arbitrary: text },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,10}$/) });
const key = fc.oneof(name, fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_.-]{0,12}$/));

const schema: fc.Arbitrary<Record<string, unknown>> = fc.letrec<{ node: Record<string, unknown> }>(
  (tie) => ({
    node: fc.oneof({ depthSize: 'small' },
      fc.record({ type: fc.constant('string'), description: text, enum: fc.array(text,
        { maxLength: 3 }), default: text, pattern: fc.constantFrom('^a$', '(?<x>y)', '\\d+') },
      { requiredKeys: ['type'] }),
      fc.record({ type: fc.constantFrom('integer', 'number', 'boolean', 'null') }),
      fc.record({ type: fc.constant('object'), description: text,
        properties: fc.dictionary(name, tie('node'), { maxKeys: 4 }),
        required: fc.array(name, { maxLength: 2 }) }, { requiredKeys: ['type'] }),
      fc.record({ type: fc.constant('array'), items: tie('node') })),
  })).node;

const message = fc.record({ name: name, title: text, summary: text, description: text,
  contentType: fc.constantFrom('application/json', 'application/json', 'text/plain'),
  payload: schema, examples: fc.array(fc.record({ payload: fc.jsonValue({ maxDepth: 2 }) }),
    { maxLength: 1 }) }, { requiredKeys: ['payload'] });

const documentArbitrary = fc.record({
  title: text,
  description: text,
  channel: key,
  address: fc.oneof(text, fc.stringMatching(/^[a-z][a-z0-9.]{0,10}$/)),
  messages: fc.dictionary(key, message, { minKeys: 1, maxKeys: 3 }),
  receive: key,
  send: key,
}).map((parts) => JSON.stringify({
  asyncapi: '3.0.0',
  info: { title: parts.title, version: '1.0.0', description: parts.description },
  channels: { [parts.channel]: { address: parts.address, description: parts.description,
    messages: Object.fromEntries(Object.keys(parts.messages).map((id) =>
      [id, { $ref: `#/components/messages/${id.replace(/~/g, '~0').replace(/\//g, '~1')}` }])) } },
  operations: {
    [parts.receive]: { action: 'receive', summary: parts.title,
      channel: { $ref: `#/channels/${parts.channel}` } },
    [`${parts.send}Out`]: { action: 'send', channel: { $ref: `#/channels/${parts.channel}` } },
  },
  components: { messages: parts.messages },
}, null, 2));

const compilerOptions = (() => {
  const file = path.join(PROJECT_ROOT, 'tsconfig.json');
  const config = ts.readConfigFile(file, (name) => ts.sys.readFile(name));
  return ts.parseJsonConfigFileContent(config.config, ts.sys, PROJECT_ROOT).options;
})();

/** One TypeScript program over many outputs, with the generated files only in memory. */
function compile(files: ReadonlyMap<string, string>): string[] {
  const host = ts.createCompilerHost(compilerOptions);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => files.get(name) ?? readFile(name);
  host.fileExists = (name) => files.has(name) || fileExists(name);
  const directories = new Set([...files.keys()].flatMap((name) => {
    const parents: string[] = [];
    for (let at = path.dirname(name); at !== path.dirname(at); at = path.dirname(at)) {
      parents.push(at);
    }
    return parents;
  }));
  host.directoryExists = (name) => directories.has(name) || ts.sys.directoryExists(name);
  host.getSourceFile = (name, version, ...rest) => {
    const content = files.get(name);
    return content === undefined ? getSourceFile(name, version, ...rest)
      : ts.createSourceFile(name, content, version);
  };
  const roots = [...files.keys()].filter((name) => name.endsWith('.ts'));
  const program = ts.createProgram(roots, { ...compilerOptions, noEmit: true }, host);
  return ts.getPreEmitDiagnostics(program)
    .filter((diagnostic) => diagnostic.file && files.has(diagnostic.file.fileName))
    .map((diagnostic) => `${diagnostic.file?.fileName}: ` +
      ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

/**
 * A marker that is code, as opposed to text inside a string or a comment. A name made from
 * a document (`onPwned10`) is fine: the naming module made it; the marker itself is not.
 */
function executableMarkers(name: string, content: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && /^pwned\d+$/.test(node.text)) {
      found.push(`${name}: ${node.parent.getText().slice(0, 80)}`);
    }
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) &&
      ts.isIdentifier(node.expression) && /^(eval|Function)$/.test(node.expression.text)) {
      found.push(`${name}: ${node.getText().slice(0, 80)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(name, content, ts.ScriptTarget.ES2022, true));
  return found;
}

const attributeValue = String.raw`(?:"[^"]*"|'[^']*'|[^\s>"']+)`;
const attribute = String.raw`\s+[^\s=>]+(?:\s*=\s*${attributeValue})?`;
const startTag = new RegExp(String.raw`<[a-z][^\s>]*((?:${attribute})*)\s*\/?>`, 'gi');
const attributePattern = new RegExp(String.raw`([^\s=>]+)(?:\s*=\s*(${attributeValue}))?`, 'g');

/**
 * Attributes a browser follows or runs as a URL. A `javascript:` text elsewhere, as in the
 * map's `data-key`, is inert.
 */
const urlAttributes = new Set(['href', 'xlink:href', 'src', 'action', 'formaction', 'poster',
  'background', 'cite', 'data', 'srcdoc']);

/** Script elements and event-handler attributes that came from a document's text. */
function executableMarkup(name: string, content: string): string[] {
  const found: string[] = [];
  for (const match of content.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)) {
    if (/pwned/i.test(match[0])) found.push(`${name}: ${match[0].slice(0, 80)}`);
  }
  for (const tag of content.matchAll(startTag)) {
    for (const attribute of (tag[1] ?? '').matchAll(attributePattern)) {
      const [, attributeName = '', value = ''] = attribute;
      if (/^on/i.test(attributeName) || (urlAttributes.has(attributeName.toLowerCase()) &&
        /^["']?\s*javascript:/i.test(value))) {
        found.push(`${name}: ${attribute[0].slice(0, 80)}`);
      }
    }
  }
  return found;
}

describe('hostile documents', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'hostile-documents-'));
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const assets = await readSiteAssets();

  it('fail with located errors, or give code that compiles and a site that runs nothing',
    async () => {
      const documents = fc.sample(documentArbitrary, { numRuns: runs, seed: 42 });
      const problems: string[] = [];
      let compiled = 0;
      let pending = new Map<string, string>();

      for (const [index, document] of documents.entries()) {
        const file = path.join(dir, `doc-${index}.json`);
        await writeFile(file, document);
        let result: Awaited<ReturnType<typeof generate>>;
        try {
          result = await generate({ specPaths: [file], urlMappings: [],
            outDir: path.join(PROJECT_ROOT, 'tmp-hostile', `doc-${index}`) });
        } catch (error) {
          problems.push(`doc-${index}: codegen threw ${String(error)}\n${document}`);
          continue;
        }

        const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
        for (const error of errors) {
          const { file: at, line, column } = error.location;
          if (!at || !(line >= 1) || !(column >= 1)) {
            problems.push(`doc-${index}: an error without a location: ${error.message}`);
          }
        }
        if (result.model === undefined) continue;

        for (const generated of result.files) {
          const absolute = path.join(PROJECT_ROOT, 'tmp-hostile', `doc-${index}`, generated.path);
          pending.set(absolute, generated.content);
          if (absolute.endsWith('.ts')) {
            problems.push(...executableMarkers(absolute, generated.content));
          }
        }
        for (const page of emitSite(result.model, assets)) {
          if (!page.path.endsWith('.html')) continue;
          problems.push(...executableMarkup(page.path, page.content));
        }
        compiled += 1;
        if (compiled % batchSize === 0) {
          problems.push(...compile(pending));
          pending = new Map();
        }
      }
      if (pending.size > 0) problems.push(...compile(pending));

      expect(problems).toEqual([]);
      // The generator must reach codegen's output, or the property says nothing.
      expect(compiled).toBeGreaterThan(runs / 4);
    }, 900_000);

  it('has checks that see what they look for', () => {
    expect(executableMarkup('page.html', '<a class="x" href="javascript:pwned12()">a</a>' +
      '<img src=x onerror="pwned8()"><script>pwned7()</script><g data-key="javascript:x">'))
      .toHaveLength(3);
    expect(executableMarkers('code.ts', 'const a = "pwned1()"; pwned2(); // pwned3()'))
      .toHaveLength(1);
  });

  // Found by this suite: codegen threw a SyntaxError from Ajv for such a pattern.
  it('reports a pattern that is not a regular expression as a located error', async () => {
    const file = path.join(dir, 'bad-pattern.json');
    await writeFile(file, JSON.stringify({ asyncapi: '3.0.0', info: { title: 'T', version: '1' },
      channels: { c: { address: 'c', messages: { m: { payload: { type: 'string',
        pattern: '[' } } } } } }));
    const result = await generate({ specPaths: [file], urlMappings: [],
      outDir: path.join(PROJECT_ROOT, 'tmp-hostile', 'bad') });
    expect(result.diagnostics.some((diagnostic) => diagnostic.severity === 'error' &&
      diagnostic.location.line >= 1 && diagnostic.message.includes('no valid regular expression'))).toBe(true);
  });
});
