/**
 * What the service and event pages say, field by field, for one small inline document
 * that has every part a page shows: a service with a description, a server and a send
 * and a receive operation; an event in the house envelope with headers, a key, a declared
 * example, a required field with a constraint and a description, and a sensitive field.
 * And that every page of the project's own example site stays small.
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

import { buildSite } from '../../src/docs/build-site.js';
import { generate } from '../../src/codegen/run-codegen.js';
import { siteOf, type InlineSite } from './support/site.js';

/** The declared example; YAML reads JSON, so the document embeds it as it is. */
const EXAMPLE = {
  event_type: 'entry.posted',
  event_id: '3e0b5a9c-1d2f-4e6a-8b7c-9d0e1f2a3b4c',
  timestamp: '2026-02-03T04:05:06Z',
  data: {
    entry_id: '7c6b5a49-3827-4160-9f8e-7d6c5b4a3928',
    memo: 'Flat white for the auditor',
    payer_email: 'auditor@example.com',
  },
};

const EXAMPLE_HEADERS = { trace_id: 'trace-0001' };

/**
 * The ledger document. `envelope: false` declares the payload as the bare entry (and
 * keys it by `/entry_id`); `example: false` leaves the example out.
 */
function ledgerDocument({ envelope = true, example = true } = {}): string {
  const payload = envelope
    ? `        allOf:
          - $ref: '#/components/schemas/Envelope'
          - type: object
            properties:
              event_type:
                const: entry.posted
              data:
                $ref: '#/components/schemas/Entry'`
    : `        $ref: '#/components/schemas/Entry'`;
  const examples = example
    ? `      examples:
        - name: coffee
          summary: A coffee on the ledger.
          headers: ${JSON.stringify(EXAMPLE_HEADERS)}
          payload: ${JSON.stringify(envelope ? EXAMPLE : EXAMPLE.data)}
`
    : '';
  return `asyncapi: 3.0.0
info:
  title: Ledger
  version: 3.4.5
  description: Keeps the ledger of every payment and tells others about each entry.
servers:
  primary:
    host: broker.ledger.example:9092
    protocol: kafka
    description: The cluster the ledger writes to.
channels:
  entries:
    address: ledger.entries
    messages:
      entryPosted:
        $ref: '#/components/messages/entryPosted'
operations:
  postEntries:
    action: send
    summary: Posts every new ledger entry.
    channel:
      $ref: '#/channels/entries'
  reconcileEntries:
    action: receive
    summary: Reconciles posted entries.
    description: Matches each entry against the bank statement.
    channel:
      $ref: '#/channels/entries'
components:
  messages:
    entryPosted:
      name: entry.posted
      title: Entry posted
      summary: An entry reached the ledger.
      description: Raised once the entry is durable.
      x-key: ${envelope ? '$message.payload#/data/entry_id' : '$message.payload#/entry_id'}
      headers:
        type: object
        required: [trace_id]
        properties:
          trace_id:
            type: string
            description: The trace the entry was posted in.
      payload:
${payload}
${examples}  schemas:
    Envelope:
      type: object
      description: The JSON envelope around every event on the wire.
      required: [event_type, event_id, timestamp, data]
      properties:
        event_type:
          type: string
        event_id:
          type: string
          format: uuid
        timestamp:
          type: string
          format: date-time
        data:
          type: object
    Entry:
      type: object
      required: [entry_id, memo]
      properties:
        entry_id:
          type: string
          format: uuid
          description: The entry; the Kafka key.
        memo:
          type: string
          maxLength: 140
          description: What the money was for.
        payer_email:
          type: string
          x-sensitive: true
          description: Who paid.
`;
}

const EVENT_PAGE = 'events/entry.posted.html';
const SERVICE_PAGE = 'services/ledger.html';
const PROJECT_DOCUMENTS = fileURLToPath(new URL('../../asyncapi', import.meta.url));

const temporary: string[] = [];
afterAll(() => Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true }))));

/** The site of the ledger document, as `ledger.yaml` so that its service is `ledger`. */
async function ledgerSite(options?: Parameters<typeof ledgerDocument>[0]): Promise<InlineSite> {
  const site = await siteOf({ 'ledger.yaml': ledgerDocument(options) });
  temporary.push(site.dir);
  expect(site.diagnostics).toEqual([]);
  return site;
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

function decode(markup: string): string {
  return markup.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
}

/** The text a reader sees: tags dropped, entities decoded, white space collapsed. */
function textOf(markup: string): string {
  return decode(markup.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .replace(/ ([.,:;])/g, '$1')
    .trim();
}

function section(page: string, id: string): string {
  const match = new RegExp(`<section id="${id}">([^]*?)</section>`).exec(page);
  if (match?.[1] === undefined) throw new Error(`No section #${id} in the page`);
  return match[1];
}

function codeBlocks(markup: string, language: string): string[] {
  const pattern = new RegExp(
    `<pre class="code" data-language="${language}"><code>([^]*?)</code></pre>`,
    'g',
  );
  return [...markup.matchAll(pattern)].map((match) => decode(match[1] ?? ''));
}

function fieldAnchors(markup: string): string[] {
  return [...markup.matchAll(/<li class="field" id="([^"]*)">/g)].map((match) => match[1] ?? '');
}

/** One field of a tree as the page shows it: its head line and its description. */
function field(markup: string, anchor: string) {
  const escaped = anchor.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(
    `<li class="field" id="${escaped}">\\n<div class="field-head">([^]*?)</div>` +
      `(?:<div class="field-description">([^]*?)</div>)?`,
  ).exec(markup);
  if (match?.[1] === undefined) throw new Error(`No field #${anchor}`);
  const head = match[1];
  const one = (pattern: RegExp) => decode(pattern.exec(head)?.[1] ?? '');
  return {
    name: one(/<code class="field-name">([^<]*)<\/code>/),
    type: one(/<span class="field-type">([^<]*)<\/span>/),
    badges: [...head.matchAll(/<span class="badge (\w+)"[^>]*>([^<]*)<\/span>/g)].map(
      (badge) => `${badge[1]}:${badge[2]}`,
    ),
    constraints: [...head.matchAll(/<span class="constraint">([^<]*)<\/span>/g)].map((c) =>
      decode(c[1] ?? ''),
    ),
    description: match[2] === undefined ? undefined : textOf(match[2]),
  };
}

describe('the service page', () => {
  it('shows the description, the send and the receive operation, and the server', async () => {
    const site = await ledgerSite();
    expect([...site.files.keys()].filter((file) => file.startsWith('services/'))).toEqual([
      SERVICE_PAGE,
    ]);
    const page = site.page(SERVICE_PAGE);

    expect(page).toContain('<h1>Ledger</h1>');
    expect(page.slice(0, page.indexOf('<section id="sends">'))).toContain(
      '<div class="prose"><p>Keeps the ledger of every payment and tells others about each ' +
        'entry.</p></div>',
    );

    const sends = section(page, 'sends');
    const receives = section(page, 'receives');
    expect(sends).toContain('<code>postEntries</code>');
    expect(sends).not.toContain('reconcileEntries');
    expect(receives).toContain(
      '<code>reconcileEntries</code><br><span class="muted">group</span> ' +
        '<code>ledger.reconcile-entries</code>',
    );
    expect(receives).not.toContain('postEntries');

    const operations = [
      ...section(page, 'operations').matchAll(/<li id="operation-(\w+)">([^]*?)<\/li>/g),
    ].map((match) => [match[1], textOf(match[2] ?? '')]);
    expect(operations).toEqual([
      ['postEntries', 'postEntries send Posts every new ledger entry.'],
      [
        'reconcileEntries',
        'reconcileEntries receive Reconciles posted entries. Matches each entry against the ' +
          'bank statement.',
      ],
    ]);
    expect(page).toContain('<code>postEntries</code> <span class="badge send">send</span>');
    expect(page).toContain(
      '<code>reconcileEntries</code> <span class="badge receive">receive</span>',
    );

    const servers = [
      ...section(page, 'servers').matchAll(/<tr><td>([^]*?)<\/td><td>([^]*?)<\/td>\s*<td>([^]*?)<\/td><td>([^]*?)<\/td><\/tr>/g),
    ].map((row) => row.slice(1).map((cell) => textOf(cell ?? '')));
    expect(servers).toEqual([
      ['primary', 'kafka', 'broker.ledger.example:9092', 'The cluster the ledger writes to.'],
    ]);
  });
});

describe('the event page', () => {
  it('shows the payload as a tree with types, required marks, constraints, descriptions and sensitive fields', async () => {
    const site = await ledgerSite();
    const page = site.page(EVENT_PAGE);
    const payload = section(page, 'payload');

    expect(page).toContain('<h1><code>entry.posted</code></h1>');
    expect(page).toContain('<p class="lead">Entry posted — An entry reached the ledger.</p>');
    expect(fieldAnchors(payload)).toEqual([
      'payload.event_type',
      'payload.event_id',
      'payload.timestamp',
      'payload.data',
      'payload.data.entry_id',
      'payload.data.memo',
      'payload.data.payer_email',
    ]);
    const required = (type: string, constraints: string[] = []) => ({
      type,
      badges: ['required:required'],
      constraints,
      description: undefined,
    });
    expect(field(payload, 'payload.event_type')).toEqual({
      name: 'event_type',
      ...required('"entry.posted"'),
    });
    expect(field(payload, 'payload.event_id')).toEqual({
      name: 'event_id',
      ...required('string', ['format uuid']),
    });
    expect(field(payload, 'payload.timestamp')).toEqual({
      name: 'timestamp',
      ...required('string', ['format date-time']),
    });
    expect(field(payload, 'payload.data')).toEqual({ name: 'data', ...required('Entry') });
    expect(field(payload, 'payload.data.entry_id')).toEqual({
      name: 'entry_id',
      type: 'string',
      badges: ['required:required'],
      constraints: ['format uuid'],
      description: 'The entry; the Kafka key.',
    });
    expect(field(payload, 'payload.data.memo')).toEqual({
      name: 'memo',
      type: 'string',
      badges: ['required:required'],
      constraints: ['max length 140'],
      description: 'What the money was for.',
    });
    expect(field(payload, 'payload.data.payer_email')).toEqual({
      name: 'payer_email',
      type: 'string',
      badges: ['sensitive:sensitive'],
      constraints: [],
      description: 'Who paid.',
    });
    // The one sensitive field is the only one marked, and the mark says what it means.
    expect(page.match(/class="badge sensitive"/g)).toHaveLength(1);
    expect(payload).toContain('<span class="badge sensitive" title="Redacted from logs">');
  });

  it('says when the event travels in the envelope, and producers then take only data', async () => {
    const enveloped = (await ledgerSite()).page(EVENT_PAGE);
    const bare = (await ledgerSite({ envelope: false })).page(EVENT_PAGE);

    const note = /<p class="note">([^]*?)<\/p>/.exec(section(enveloped, 'payload'));
    expect(textOf(note?.[1] ?? '')).toBe(
      'This event travels in the envelope: event_type, event_id, timestamp and data. ' +
        'Generated producers fill everything but data.',
    );
    expect(section(bare, 'payload')).not.toContain('<p class="note">');
    expect(fieldAnchors(section(bare, 'payload'))).toEqual([
      'payload.entry_id',
      'payload.memo',
      'payload.payer_email',
    ]);

    // With the envelope the producer takes `data` and the handler logs `event.data`;
    // without it, the whole payload and the whole event.
    const [envelopedSend, envelopedHandle] = codeBlocks(section(enveloped, 'code'), 'ts');
    const [bareSend, bareHandle] = codeBlocks(section(bare, 'code'), 'ts');
    const argument = JSON.stringify(EXAMPLE.data, null, 2);
    expect(envelopedSend).toContain(`await producer.publishEntryPosted(${argument});`);
    expect(bareSend).toContain(`await producer.publishEntryPosted(${argument});`);
    expect(envelopedSend).not.toContain('event_id');
    expect(envelopedHandle).toContain('context.logger.info({ data: event.data }, ');
    expect(bareHandle).toContain('context.logger.info({ data: event }, ');
  });

  it('shows the headers, and the key expression linked to the field it reads', async () => {
    const page = (await ledgerSite()).page(EVENT_PAGE);
    const headers = section(page, 'headers');
    const key = section(page, 'key');

    expect(fieldAnchors(headers)).toEqual(['headers.trace_id']);
    expect(field(headers, 'headers.trace_id')).toEqual({
      name: 'trace_id',
      type: 'string',
      badges: ['required:required'],
      constraints: [],
      description: 'The trace the entry was posted in.',
    });
    expect(textOf(key)).toBe(
      'Key $message.payload#/data/entry_id: records of one /data/entry_id go to one ' +
        'partition, in order.',
    );
    expect(key).toContain('<code>$message.payload#/data/entry_id</code>');
    expect(key).toContain('<a href="#payload.data.entry_id">/data/entry_id</a>');
    expect(page).toContain('<li class="field" id="payload.data.entry_id">');
  });

  it('shows the example the document declares, as it declares it', async () => {
    const page = (await ledgerSite()).page(EVENT_PAGE);
    const examples = section(page, 'examples');

    expect(examples).not.toContain('made from the schema');
    expect(examples).toContain('<h3>coffee</h3>');
    expect(examples).toContain('<p>A coffee on the ledger.</p>');
    expect(codeBlocks(examples, 'json').map((block) => JSON.parse(block) as unknown)).toEqual([
      EXAMPLE_HEADERS,
      EXAMPLE,
    ]);
  });

  it('makes an example from the schema when the document declares none', async () => {
    const page = (await ledgerSite({ example: false })).page(EVENT_PAGE);
    const examples = section(page, 'examples');

    expect(examples).toContain(
      '<p class="muted">The document declares no example; this one is made from the ' +
        'schema.</p>',
    );
    const made = {
      event_type: 'entry.posted',
      event_id: '00000000-0000-4000-8000-000000000000',
      timestamp: '2026-01-01T00:00:00Z',
      data: {
        entry_id: '00000000-0000-4000-8000-000000000000',
        memo: 'string',
        payer_email: 'string',
      },
    };
    expect(codeBlocks(examples, 'json').map((block) => JSON.parse(block) as unknown)).toEqual([
      made,
    ]);
    const [send] = codeBlocks(section(page, 'code'), 'ts');
    expect(send).toContain(
      `await producer.publishEntryPosted(${JSON.stringify(made.data, null, 2)});`,
    );
  });

  it('shows TypeScript that sends it with the generated producer and handles it with the generated handler', async () => {
    const site = await ledgerSite();
    const code = section(site.page(EVENT_PAGE), 'code');

    expect([...code.matchAll(/<h3>([^<]*)<\/h3>/g)].map((match) => match[1])).toEqual([
      'Send it (Ledger)',
      'Handle it (Ledger)',
    ]);
    expect(codeBlocks(code, 'ts')).toEqual([
      [
        "import { ledger } from '../generated/index.js';",
        '',
        '// `publisher` is the one EventPublisher of the process (src/runtime).',
        'const producer = new ledger.PostEntriesProducer(publisher);',
        `await producer.publishEntryPosted(${JSON.stringify(EXAMPLE.data, null, 2)});`,
      ].join('\n'),
      [
        "import { ledger } from '../generated/index.js';",
        '',
        'const handlers: ledger.ReconcileEntriesHandlers = {',
        '  async onEntryPosted(event, context) {',
        '    context.logger.info({ data: event.data }, "handling entry.posted");',
        '  },',
        '};',
        'const worker = ledger.createReconcileEntriesWorker({ kafka, logger }, handlers);',
        'await worker.start();',
      ].join('\n'),
    ]);

    // The names in the snippets are the ones codegen gives the same document.
    const generated = await generate({
      specPaths: [site.dir],
      outDir: path.resolve('generated'),
      urlMappings: [],
    });
    const file = (name: string) => generated.files.find((f) => f.path === name)?.content ?? '';
    expect(file('index.ts')).toContain("export * as ledger from './ledger/index.js';");
    expect(file('ledger/producers.ts')).toContain('export class PostEntriesProducer {');
    expect(file('ledger/producers.ts')).toMatch(/ publishEntryPosted\(data: Entry, /);
    expect(file('ledger/workers.ts')).toContain('export interface ReconcileEntriesHandlers {');
    expect(file('ledger/workers.ts')).toMatch(/ onEntryPosted\(event: \w+, context: /);
    expect(file('ledger/workers.ts')).toContain(
      'export function createReconcileEntriesWorker(runtime: WorkerRuntime, ' +
        'handlers: ReconcileEntriesHandlers',
    );
  });
});

describe("the project's example site", () => {
  it('keeps every page small', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'docs-page-size-'));
    temporary.push(out);
    const result = await buildSite({ specPaths: [PROJECT_DOCUMENTS], outDir: out, urlMappings: [] });
    expect(result.diagnostics).toEqual([]);

    const entries = await readdir(out, { recursive: true, withFileTypes: true });
    const pages = entries
      .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
      .map((entry) => path.relative(out, path.join(entry.parentPath, entry.name)))
      .sort();
    expect(pages).toEqual([
      'events.html',
      'events/audit.recorded.html',
      'events/feature.created.html',
      'events/feature.deleted.html',
      'events/feature.updated.html',
      'index.html',
      'search.html',
      'services/audit.html',
      'services/features.html',
      'topics/audit.events.html',
      'topics/features.events.html',
    ]);

    // Measured when this test was written: the largest page was events/feature.deleted.html
    // at 9,610 bytes (the other event pages 9,271 to 9,608, index.html 5,901, every other
    // page under 5,000). The bound leaves about 15% for the pages to grow.
    const BOUND = 11_000;
    const sizes = await Promise.all(
      pages.map(async (page) => [page, (await stat(path.join(out, page))).size] as const),
    );
    const tooLarge = sizes.filter(([, size]) => size > BOUND);
    expect(tooLarge, `pages over ${BOUND} bytes`).toEqual([]);
  });
});
