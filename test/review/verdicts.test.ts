/**
 * One pair of documents per row of the verdict table: the diff must name the change,
 * and judge it as the row says in every mode.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { CHANGE_KINDS } from '../../src/review/compatibility/verdict-table.js';
import { runDiff } from '../../src/review/run-diff.js';
import { document, folderWith, PAYLOAD, withProperty, type DocumentOptions } from './support.js';

interface Row {
  readonly kind: string;
  readonly base: DocumentOptions;
  readonly head: DocumentOptions;
  /** Whether it breaks new readers of old events, and old readers of new events. */
  readonly backward: boolean;
  readonly forward: boolean;
  readonly always?: boolean;
}

const closed = { ...PAYLOAD, additionalProperties: false };
const amount = (bounds: object): object => withProperty('amount', { type: 'number', ...bounds });
const colour = (values: string[]): object =>
  withProperty('colour', { type: 'string', enum: values });

const ROWS: readonly Row[] = [
  {
    kind: 'property-added-optional',
    base: {},
    head: { payload: withProperty('size', { type: 'integer' }) },
    backward: false,
    forward: false,
  },
  {
    kind: 'property-added-required',
    base: {},
    head: { payload: withProperty('size', { type: 'integer' }, true) },
    backward: true,
    forward: false,
  },
  {
    kind: 'property-added-closed',
    base: { payload: closed },
    head: {
      payload: { ...withProperty('size', { type: 'integer' }), additionalProperties: false },
    },
    backward: false,
    forward: true,
  },
  {
    kind: 'property-removed-optional',
    base: { payload: withProperty('size', { type: 'integer' }) },
    head: {},
    backward: false,
    forward: false,
  },
  {
    kind: 'property-removed-required',
    base: { payload: withProperty('size', { type: 'integer' }, true) },
    head: {},
    backward: false,
    forward: true,
  },
  {
    kind: 'property-removed-closed',
    base: {
      payload: { ...withProperty('size', { type: 'integer' }), additionalProperties: false },
    },
    head: { payload: closed },
    backward: true,
    forward: false,
  },
  {
    kind: 'property-made-required',
    base: {},
    head: { payload: { ...PAYLOAD, required: ['id', 'name'] } },
    backward: true,
    forward: false,
  },
  {
    kind: 'property-made-optional',
    base: { payload: { ...PAYLOAD, required: ['id', 'name'] } },
    head: {},
    backward: false,
    forward: true,
  },
  { kind: 'object-closed', base: {}, head: { payload: closed }, backward: true, forward: false },
  { kind: 'object-opened', base: { payload: closed }, head: {}, backward: false, forward: true },
  {
    kind: 'type-changed',
    base: { payload: withProperty('size', { type: 'integer' }) },
    head: { payload: withProperty('size', { type: 'string' }) },
    backward: true,
    forward: true,
  },
  {
    kind: 'type-widened',
    base: { payload: withProperty('size', { type: 'integer' }) },
    head: { payload: withProperty('size', { type: 'number' }) },
    backward: false,
    forward: true,
  },
  {
    kind: 'type-narrowed',
    base: { payload: withProperty('size', { type: ['string', 'null'] }) },
    head: { payload: withProperty('size', { type: 'string' }) },
    backward: true,
    forward: false,
  },
  {
    kind: 'enum-narrowed',
    base: { payload: colour(['red', 'blue']) },
    head: { payload: colour(['red']) },
    backward: true,
    forward: false,
  },
  {
    kind: 'enum-widened',
    base: { payload: colour(['red']) },
    head: { payload: colour(['red', 'blue']) },
    backward: false,
    forward: true,
  },
  {
    kind: 'range-narrowed',
    base: { payload: amount({ maximum: 100 }) },
    head: { payload: amount({ maximum: 10 }) },
    backward: true,
    forward: false,
  },
  {
    kind: 'range-widened',
    base: { payload: amount({ minimum: 0 }) },
    head: { payload: amount({}) },
    backward: false,
    forward: true,
  },
  {
    kind: 'constraint-changed',
    base: { payload: withProperty('code', { type: 'string', pattern: '^a' }) },
    head: { payload: withProperty('code', { type: 'string', pattern: '^b' }) },
    backward: true,
    forward: true,
  },
  { kind: 'message-added', base: {}, head: { second: true }, backward: false, forward: true },
  { kind: 'message-removed', base: { second: true }, head: {}, backward: true, forward: false },
  {
    kind: 'event-type-renamed',
    base: {},
    head: { eventType: 'thing.built' },
    backward: true,
    forward: true,
  },
  {
    kind: 'address-changed',
    base: {},
    head: { address: 'things.changes' },
    backward: true,
    forward: true,
  },
  {
    kind: 'channel-renamed',
    base: {},
    head: { channelId: 'thingEvents' },
    backward: false,
    forward: false,
  },
  {
    kind: 'key-changed',
    base: {},
    head: { key: '$message.payload#/name' },
    backward: true,
    forward: true,
  },
  { kind: 'key-added', base: { key: null }, head: {}, backward: true, forward: true },
  { kind: 'key-removed', base: {}, head: { key: null }, backward: true, forward: true },
  {
    kind: 'partitions-added-keyed',
    base: {},
    head: { partitions: 6 },
    backward: true,
    forward: true,
  },
  {
    kind: 'partitions-added-unkeyed',
    base: { key: null },
    head: { key: null, partitions: 6 },
    backward: false,
    forward: false,
  },
  {
    kind: 'partitions-removed',
    base: {},
    head: { partitions: 1 },
    backward: true,
    forward: true,
    always: true,
  },
  {
    kind: 'group-id-changed',
    base: {},
    head: { groupId: 'things-reader-2' },
    backward: true,
    forward: true,
  },
];

async function changesBetween(base: DocumentOptions, head: DocumentOptions) {
  const dir = await folderWith({
    'base/things.yaml': document(base),
    'head/things.yaml': document(head),
  });
  const result = await runDiff({
    base: 'base',
    head: 'head',
    specPaths: ['asyncapi'],
    defaultMode: 'FULL',
    cwd: dir,
  });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.changes;
}

describe('the verdict of every row', () => {
  it.each(ROWS)('$kind', async (row) => {
    const changes = await changesBetween(row.base, row.head);
    const change = changes.find((c) => c.kind === row.kind);
    expect(change, JSON.stringify(changes.map((c) => c.kind))).toBeDefined();

    const breaksBoth = row.backward || row.forward;
    expect(change?.verdicts).toEqual({
      FULL: breaksBoth ? 'breaking' : 'compatible',
      FULL_TRANSITIVE: breaksBoth ? 'breaking' : 'compatible',
      BACKWARD: row.backward ? 'breaking' : 'compatible',
      BACKWARD_TRANSITIVE: row.backward ? 'breaking' : 'compatible',
      FORWARD: row.forward ? 'breaking' : 'compatible',
      FORWARD_TRANSITIVE: row.forward ? 'breaking' : 'compatible',
      NONE: row.always ? 'breaking' : 'compatible',
    });
  });

  it('compares headers as it compares payloads', async () => {
    const headers = { type: 'object', properties: { trace: { type: 'string' } } };
    const changes = await changesBetween(
      { headers },
      { headers: { ...headers, required: ['trace'] } },
    );
    expect(changes.map((c) => [c.kind, c.path])).toEqual([
      ['property-made-required', 'headers/trace'],
    ]);
  });

  it('finds no change between equal documents, however their schemas are spelled', async () => {
    const inline = { payload: { allOf: [{ type: 'object', required: ['id'] }, PAYLOAD] } };
    expect(await changesBetween({}, inline)).toEqual([]);
  });

  it('judges a change in the mode the document or channel sets', async () => {
    const head = { mode: 'BACKWARD', payload: withProperty('size', { type: 'integer' }, true) };
    const [change] = await changesBetween({ mode: 'BACKWARD' }, head);
    expect(change).toMatchObject({
      kind: 'property-added-required',
      mode: 'BACKWARD',
      breaking: true,
    });

    const forward = await changesBetween({ mode: 'FORWARD' }, { ...head, mode: 'FORWARD' });
    expect(forward[0]).toMatchObject({ mode: 'FORWARD', breaking: false });
  });
});

const OTHER_CHANNEL =
  'channels:\n  others:\n    address: others.events\n' +
  '    bindings:\n      kafka:\n        partitions: 1\n';

async function kindsBetween(base: Record<string, string>, head: Record<string, string>) {
  const files: Record<string, string> = {};
  for (const [name, text] of Object.entries(base)) files[`base/${name}`] = text;
  for (const [name, text] of Object.entries(head)) files[`head/${name}`] = text;
  const dir = await folderWith(files);
  const result = await runDiff({
    base: 'base',
    head: 'head',
    specPaths: ['asyncapi'],
    defaultMode: 'FULL',
    cwd: dir,
  });
  return result.changes.map((c) => `${c.kind} ${c.verdicts.FULL}`);
}

describe('the rows about documents, channels and operations', () => {
  it('a document added is compatible, one removed breaks', async () => {
    const one = { 'things.yaml': document() };
    const two = { ...one, 'others.yaml': document({ address: 'others.events' }) };
    expect(await kindsBetween(one, two)).toEqual(['document-added compatible']);
    expect(await kindsBetween(two, one)).toEqual(['document-removed breaking']);
  });

  it('a channel added is compatible, one removed breaks', async () => {
    const withOther = { 'things.yaml': document().replace('channels:\n', OTHER_CHANNEL) };
    const without = { 'things.yaml': document() };
    expect(await kindsBetween(without, withOther)).toEqual(['channel-added compatible']);
    expect(await kindsBetween(withOther, without)).toEqual(['channel-removed breaking']);
  });

  it('operations added or removed, and replicas changed, are compatible', async () => {
    const full = document();
    const sendOnly = full.replace(/  readThings:[\s\S]*?(?=components:)/, '');
    expect(await kindsBetween({ 't.yaml': full }, { 't.yaml': sendOnly })).toEqual([
      'operation-removed compatible',
    ]);
    expect(await kindsBetween({ 't.yaml': sendOnly }, { 't.yaml': full })).toEqual([
      'operation-added compatible',
    ]);
    const replicated = full.replace('partitions: 3', 'partitions: 3\n        replicas: 3');
    expect(await kindsBetween({ 't.yaml': full }, { 't.yaml': replicated })).toEqual([
      'binding-changed compatible',
    ]);
  });

  it('a producer change that a consumer in another document rejects breaks', async () => {
    const consumer = document().replace(/  sendThings:[\s\S]*?(?=  readThings:)/, '');
    const producer = document().replace(/  readThings:[\s\S]*?(?=components:)/, '');
    const widened = document({ payload: withProperty('size', { type: 'integer' }, true) }).replace(
      /  readThings:[\s\S]*?(?=components:)/,
      '',
    );
    const kinds = await kindsBetween(
      { 'consumer.yaml': consumer, 'producer.yaml': producer },
      { 'consumer.yaml': consumer, 'producer.yaml': widened },
    );
    expect(kinds).toContain('property-added-required breaking');
    expect(kinds).not.toContain('reader-disagrees breaking');

    // Removing a property the consumer requires is what the consumer rejects.
    const shrunk = document({
      payload: { type: 'object', properties: { name: { type: 'string' } } },
    }).replace(/  readThings:[\s\S]*?(?=components:)/, '');
    const rejected = await kindsBetween(
      { 'consumer.yaml': consumer, 'producer.yaml': producer },
      { 'consumer.yaml': consumer, 'producer.yaml': shrunk },
    );
    expect(rejected).toContain('reader-disagrees breaking');
  });
});

describe('the verdict table', () => {
  it('has a test for every kind of change', async () => {
    const text = await readFile(fileURLToPath(import.meta.url), 'utf8');
    const untested = CHANGE_KINDS.filter(
      (kind) => !text.includes(`'${kind} `) && !ROWS.some((row) => row.kind === kind),
    );
    expect(untested).toEqual([]);
  });
});
