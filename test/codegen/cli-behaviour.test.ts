/**
 * What the `codegen` command line does beyond generating: its help, the warnings that do
 * not stop a run, the channels it makes no producer for, and `--watch`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it, vi } from 'vitest';

import type { FlagSpec } from '../../src/cli/arguments.js';
import type { Terminal } from '../../src/cli/terminal.js';
import { PROJECT_ROOT, runCli } from '../support/cli.js';
import { documentWithPayloads } from '../support/codegen.js';

// The flag specification of `codegen` is private to its module; it is read here as the
// command hands it to the argument reader, so that the list below is the command's own.
const { flagSpecs } = vi.hoisted(() => ({ flagSpecs: [] as Readonly<Record<string, FlagSpec>>[] }));
vi.mock(import('../../src/cli/arguments.js'), async (importOriginal) => {
  const original = await importOriginal();
  return {
    ...original,
    parseFlags: (argv: readonly string[], specs: Readonly<Record<string, FlagSpec>>) => {
      flagSpecs.push(specs);
      return original.parseFlags(argv, specs);
    },
  };
});

const BIN = path.join(PROJECT_ROOT, 'bin', 'asyncapi-kafka.js');

const folders: string[] = [];
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

/** A fresh project folder holding the given files. */
async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'codegen-cli-'));
  folders.push(dir);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

/** Every file under `dir`, relative, sorted. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

function stderrLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line !== '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const SUMMARY = (documents: number, messages: number, written: number, unchanged: number): RegExp =>
  new RegExp(
    `^codegen: ${documents} document\\(s\\), ${messages} message\\(s\\) → out/: ` +
      `${written} written, ${unchanged} unchanged, 0 removed \\(\\d+ ms\\)$`,
  );

/** The producer classes and the public methods of a generated producers file. */
function producerApi(producers: string): { classes: string[]; methods: string[] } {
  return {
    classes: [...producers.matchAll(/^export class (\w+)/gm)].map((m) => m[1] ?? ''),
    methods: [...producers.matchAll(/^ {2}public (\w+)\(/gm)].map((m) => m[1] ?? ''),
  };
}

describe('codegen --help', () => {
  it('documents every flag of the command, exits 0 and writes nothing', async () => {
    // What the command's own specification says, read in process.
    const { codegenCommand } = await import('../../src/cli/codegen-command.js');
    const printed: string[] = [];
    const terminal: Terminal = { out: (text) => printed.push(text), err: (text) => printed.push(`err: ${text}`) };
    flagSpecs.length = 0;
    expect(await codegenCommand(['--help'], terminal)).toBe(0);
    expect(flagSpecs).toHaveLength(1);
    const specs = flagSpecs[0] ?? {};
    const names = Object.keys(specs);
    // The capture read the command's flags, not some other command's.
    expect(names).toEqual(expect.arrayContaining(['spec', 'out', 'check', 'watch', 'help']));

    // What a user sees: a folder with a valid document in the default place, so that
    // anything but the help would have generated `generated/`.
    const dir = await project({ 'asyncapi/shop.yaml': documentWithPayloads({ thing: 'type: string' }) });
    const result = runCli(['codegen', '--help'], dir);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(await filesUnder(dir)).toEqual(['asyncapi/shop.yaml']);
    expect(printed).toEqual([result.stdout]);

    expect(result.stdout.startsWith('Usage: npm run codegen -- [flags]\n')).toBe(true);
    const flagSection = result.stdout.split('\nFlags:\n')[1] ?? '';
    const rows = flagSection.split('\n').filter((line) => line !== '');
    // Every flag once, in the order of the specification, and no flag that is not one.
    expect(rows.map((row) => /^ {2}--([\w-]+)/.exec(row)?.[1])).toEqual(names);
    for (const [name, spec] of Object.entries(specs)) {
      const usage = spec.kind === 'boolean' ? `--${name}` : `--${name} ${spec.placeholder ?? 'VALUE'}`;
      const row = new RegExp(`^ {2}${escapeRegExp(usage)} +${escapeRegExp(spec.description)}$`, 'm');
      expect(result.stdout, `--${name}`).toMatch(row);
    }
  });
});

describe('codegen warnings that do not stop a run', () => {
  // Line 6 is the channel `orders`; `audits` (line 13) is only received.
  const document = [
    'asyncapi: 3.0.0',
    'info:',
    '  title: Shop',
    '  version: 1.0.0',
    'channels:',
    '  orders:',
    '    address: orders',
    '    messages:',
    "      placed: { $ref: '#/components/messages/placed' }",
    "      placedAgain: { $ref: '#/components/messages/placedAgain' }",
    '  audits:',
    '    address: audits',
    '    messages:',
    "      audited: { $ref: '#/components/messages/audited' }",
    'operations:',
    '  sendOrders:',
    '    action: send',
    "    channel: { $ref: '#/channels/orders' }",
    '  receiveAudits:',
    '    action: receive',
    "    channel: { $ref: '#/channels/audits' }",
    'components:',
    '  messages:',
    '    placed:',
    '      name: order.placed',
    '      payload: { type: object, properties: { id: { type: string } } }',
    '    placedAgain:',
    '      name: order.placed',
    '      payload: { type: object, properties: { total: { type: number } } }',
    '    audited:',
    '      name: audit.done',
    '      payload: { type: object, properties: { who: { type: string } } }',
    '',
  ].join('\n');
  const duplicateName =
    'specs/shop.yaml:6:10: warning: channel "orders" has 2 messages with event type "order.placed"; ' +
    'their ids are used as event types instead';

  it('names two messages sharing a name on a channel, and still writes everything', async () => {
    const dir = await project({ 'specs/shop.yaml': document });
    const result = runCli(['codegen', '--spec', 'specs', '--out', 'out'], dir);

    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    const lines = stderrLines(result.stderr);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(duplicateName);
    expect(lines[1]).toMatch(SUMMARY(1, 3, 9, 0));

    expect(await filesUnder(path.join(dir, 'out'))).toEqual([
      '.codegen-manifest.json',
      'index.ts',
      'shop/descriptors.ts',
      'shop/index.ts',
      'shop/producers.ts',
      'shop/types.ts',
      'shop/validators.cjs',
      'shop/validators.d.cts',
      'shop/workers.ts',
    ]);
    // Both messages keep their producer method, under their ids as event types.
    const producers = await readFile(path.join(dir, 'out', 'shop', 'producers.ts'), 'utf8');
    expect(producerApi(producers)).toEqual({
      classes: ['SendOrdersProducer'],
      methods: ['publishPlaced', 'publishPlacedAgain', 'publishBatch'],
    });
    expect(producers).toContain('| { eventType: "placed"; data: PlacedPayload; options?: PublishOptions }');
    expect(producers).toContain('| { eventType: "placedAgain"; data: PlacedAgainPayload; options?: PublishOptions }');

    // A run that finds the output fresh writes nothing and repeats the warning.
    const again = runCli(['codegen', '--spec', 'specs', '--out', 'out'], dir);
    expect(again.status).toBe(0);
    const againLines = stderrLines(again.stderr);
    expect(againLines).toHaveLength(2);
    expect(againLines[0]).toBe(duplicateName);
    expect(againLines[1]).toMatch(SUMMARY(1, 3, 0, 8));

    // --quiet prints only errors.
    const quiet = runCli(['codegen', '--spec', 'specs', '--out', 'out', '--quiet'], dir);
    expect(quiet.status).toBe(0);
    expect(quiet.stderr).toBe('');
  });

  // codegen prints no warning for a channel that is only received: it gets a worker and
  // handlers, no producer, and stderr holds the duplicate-name warning alone.
  it('gives a channel that is only received handlers and no producer, without a warning', async () => {
    const dir = await project({ 'specs/shop.yaml': document });
    const result = runCli(['codegen', '--spec', 'specs', '--out', 'out'], dir);

    expect(result.status).toBe(0);
    expect(stderrLines(result.stderr).filter((line) => line.includes(': warning: '))).toEqual([duplicateName]);
    expect(result.stderr).not.toContain('audits');

    const producers = await readFile(path.join(dir, 'out', 'shop', 'producers.ts'), 'utf8');
    expect(producers).not.toMatch(/audit/i);
    const workers = await readFile(path.join(dir, 'out', 'shop', 'workers.ts'), 'utf8');
    expect(workers).toContain('export interface ReceiveAuditsHandlers {');
    expect(workers).toContain('  onAuditDone(event: AuditDonePayload, context: HandlerContext): void | Promise<void>;');
    expect(workers).toMatch(/^export function createReceiveAuditsWorker\(/m);
    const types = await readFile(path.join(dir, 'out', 'shop', 'types.ts'), 'utf8');
    expect(types).toContain('export interface AuditDonePayload {');
  });
});

describe('channels codegen makes no producer for', () => {
  // Each channel on the line given in its warning below; `plain` is the control.
  const document = [
    'asyncapi: 3.0.0',
    'info:',
    '  title: Things',
    '  version: 1.0.0',
    'servers:',
    '  broker: { host: kafka.example:9092, protocol: kafka }',
    '  sensors: { host: mqtt.example:1883, protocol: mqtt }',
    'channels:',
    '  readings:',
    '    address: readings',
    "    servers: [{ $ref: '#/servers/sensors' }]",
    '    messages:',
    "      reading: { $ref: '#/components/messages/reading' }",
    '  slashed:',
    '    address: things/with/slashes',
    '    messages:',
    "      slashedThing: { $ref: '#/components/messages/slashedThing' }",
    '  documents:',
    '    address: documents',
    '    messages:',
    "      document: { $ref: '#/components/messages/document' }",
    '  records:',
    '    address: records',
    "    servers: [{ $ref: '#/servers/broker' }]",
    '    messages:',
    "      record: { $ref: '#/components/messages/record' }",
    '  plain:',
    '    address: plain',
    '    messages:',
    "      plainThing: { $ref: '#/components/messages/plainThing' }",
    'operations:',
    ...['readings', 'slashed', 'documents', 'records', 'plain'].flatMap((channel) => [
      `  send${channel[0]?.toUpperCase()}${channel.slice(1)}:`,
      '    action: send',
      `    channel: { $ref: '#/channels/${channel}' }`,
    ]),
    'components:',
    '  messages:',
    '    reading:',
    '      name: reading',
    '      payload: { type: object, properties: { celsius: { type: number } } }',
    '    slashedThing:',
    '      name: slashedThing',
    '      payload: { type: object, properties: { id: { type: string } } }',
    '    document:',
    '      name: document',
    '      contentType: application/xml',
    '      payload: { type: object, properties: { body: { type: string } } }',
    '    record:',
    '      name: record',
    '      payload:',
    '        schemaFormat: application/vnd.apache.avro;version=1.9.0',
    '        schema:',
    '          type: record',
    '          name: Record',
    '          fields: [{ name: id, type: string }]',
    '    plainThing:',
    '      name: plainThing',
    '      payload: { type: object, properties: { ok: { type: boolean } } }',
    '',
  ].join('\n');

  it('generates their types, says why they get no producer, and exits 0', async () => {
    const dir = await project({ 'specs/things.yaml': document });
    const result = runCli(['codegen', '--spec', 'specs', '--out', 'out'], dir);

    expect(result.status).toBe(0);
    const noCode = 'gets types but no producer or worker';
    expect(stderrLines(result.stderr)).toEqual([
      `specs/things.yaml:9:12: warning: channel "readings" ${noCode}: it travels over mqtt, not Kafka`,
      `specs/things.yaml:14:11: warning: channel "slashed" ${noCode}: "things/with/slashes" is not a legal ` +
        'Kafka topic name (only letters, digits, ".", "_" and "-", at most 249 characters)',
      `specs/things.yaml:18:13: warning: channel "documents" ${noCode}: message "document" is application/xml, not JSON`,
      `specs/things.yaml:22:11: warning: channel "records" ${noCode}: message "record" is avro/binary, not JSON`,
      expect.stringMatching(SUMMARY(1, 5, 9, 0)),
    ]);

    const types = await readFile(path.join(dir, 'out', 'things', 'types.ts'), 'utf8');
    expect(types).toContain('export interface ReadingPayload {\n  celsius?: number;\n}');
    expect(types).toContain('export interface SlashedThingPayload {\n  id?: string;\n}');
    expect(types).toContain('export interface DocumentPayload {\n  body?: string;\n}');
    expect(types).toContain('export interface RecordType {\n  id: string;\n}');
    expect(types).toContain('export interface PlainThingPayload {\n  ok?: boolean;\n}');

    const producers = await readFile(path.join(dir, 'out', 'things', 'producers.ts'), 'utf8');
    expect(producers.split('\n').filter((line) => line.startsWith('// No producer'))).toEqual([
      '// No producer for operation "sendReadings": it travels over mqtt, not Kafka.',
      '// No producer for operation "sendSlashed": "things/with/slashes" is not a legal Kafka topic name ' +
        '(only letters, digits, ".", "_" and "-", at most 249 characters).',
      '// No producer for operation "sendDocuments": message "document" is application/xml, not JSON.',
      '// No producer for operation "sendRecords": message "record" is avro/binary, not JSON.',
    ]);
    // Only the Kafka JSON channel has a producer.
    expect(producerApi(producers)).toEqual({
      classes: ['SendPlainProducer'],
      methods: ['publishPlainThing', 'publishBatch'],
    });
    for (const skipped of ['Reading', 'SlashedThing', 'Document', 'Record']) {
      expect(producers).not.toContain(`publish${skipped}(`);
      expect(producers).not.toContain(`${skipped}Payload`);
    }
  });
});

describe('codegen --watch', () => {
  it('regenerates when a document changes, and stops on SIGINT', { timeout: 300_000 }, async () => {
    const dir = await project({
      'specs/shop.yaml': documentWithPayloads({ thing: 'type: object\nproperties:\n  a: { type: string }' }),
    });
    const child = spawn(process.execPath, [BIN, 'codegen', '--watch', '--spec', 'specs', '--out', 'out'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.resume();
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );

    const typesFile = path.join(dir, 'out', 'shop', 'types.ts');
    const until = async (what: string, holds: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> => {
      const deadline = Date.now() + timeoutMs;
      while (!(await holds())) {
        if (child.exitCode !== null) throw new Error(`codegen --watch exited before ${what}; stderr:\n${stderr}`);
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; stderr:\n${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };
    const typesText = () => readFile(typesFile, 'utf8').catch(() => '');

    await until('the first generation', async () => stderr.includes('codegen: watching for changes'));
    await until('the summary of the first run', async () => stderrLines(stderr).length >= 2);
    expect(stderrLines(stderr)).toEqual([
      'codegen: watching for changes; press Ctrl+C to stop.',
      expect.stringMatching(SUMMARY(1, 1, 9, 0)),
    ]);
    expect(await typesText()).toContain('export interface ThingPayload {');
    expect(await typesText()).not.toContain('OtherPayload');

    await writeFile(
      path.join(dir, 'specs', 'shop.yaml'),
      documentWithPayloads({
        thing: 'type: object\nproperties:\n  a: { type: string }',
        other: 'type: object\nproperties:\n  b: { type: integer }',
      }),
    );
    await until('the regeneration', async () => (await typesText()).includes('export interface OtherPayload {'));
    expect(await typesText()).toContain('export interface OtherPayload {\n  b?: number;\n}');
    await until('the summary of the regeneration', async () => stderrLines(stderr).length >= 3);
    expect(stderrLines(stderr)[2]).toMatch(/^codegen: 1 document\(s\), 2 message\(s\) → out\/: [1-9]\d* written, /);

    // Saved as many editors save: a new file renamed over the old one. A watcher on the
    // old file would see nothing after this, neither this save nor the next plain write.
    const payloads = {
      thing: 'type: object\nproperties:\n  a: { type: string }',
      other: 'type: object\nproperties:\n  b: { type: integer }',
    };
    const saved = path.join(dir, 'specs', '.shop.yaml.swp');
    await writeFile(saved, documentWithPayloads({ ...payloads, third: 'type: boolean' }));
    await rename(saved, path.join(dir, 'specs', 'shop.yaml'));
    await until('the regeneration after a rename', async () => (await typesText()).includes('ThirdPayload'));
    await writeFile(
      path.join(dir, 'specs', 'shop.yaml'),
      documentWithPayloads({ ...payloads, third: 'type: boolean', fourth: 'type: number' }),
    );
    await until('the regeneration after a write that follows a rename',
      async () => (await typesText()).includes('FourthPayload'));

    child.kill('SIGINT');
    const exit = await Promise.race([
      exited,
      new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 60_000)),
    ]);
    expect(exit).toEqual({ code: 0, signal: null });
  });

  it('stops with exit 0 on Ctrl+C during its first run, once that run has written', { timeout: 120_000 },
    async () => {
      const dir = await project({ 'specs/shop.yaml': documentWithPayloads({ thing: 'type: string' }) });
      const child = spawn(process.execPath, [BIN, 'codegen', '--watch', '--spec', 'specs', '--out', 'out'], {
        cwd: dir,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      children.push(child);
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on('exit', (code, signal) => resolve({ code, signal })));
      // As soon as it listens, long before the run ends: loading the parser alone takes
      // about a second.
      const deadline = Date.now() + 60_000;
      while (!stderr.includes('watching for changes') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      child.kill('SIGINT');

      expect(await exited).toEqual({ code: 0, signal: null });
      const written = await readdir(path.join(dir, 'out')).catch(() => []);
      // Either the run had not begun writing, or it finished: never half an output.
      if (written.length > 0) expect(written).toContain('.codegen-manifest.json');
    });
});
