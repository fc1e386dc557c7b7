/**
 * What one message costs the runtime on the CPU, without a broker: validation, serialisation,
 * decoding and key derivation, for a small event and one of about 2 KB, both of the same
 * message of a synthetic document that codegen compiles for this benchmark.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { decodeRecord, makeEnvelope, prepareRecord } from '../../src/runtime/index.js';
import type {
  IncomingRecord,
  MessageDescriptor,
  SendOperationDescriptor,
} from '../../src/runtime/index.js';
import { parsePointer, valueAt } from '../../src/runtime/json-pointer.js';
import type { BenchContext } from './bench-context.js';
import { runChild, tail } from './child-run.js';
import { spread } from './format.js';
import { table, type Section } from './report.js';
import { summarize, type Summary } from './stats.js';
import { syntheticDocument } from './synthetic-document.js';

interface Generated {
  readonly message: MessageDescriptor;
  readonly operation: SendOperationDescriptor;
}

let sink: unknown;

export async function perMessageBench(context: BenchContext, rounds: number): Promise<Section> {
  const generated = await generateDescriptors(context);
  const events = { small: smallData(), '2 KB': largeData() };
  const rows: string[][] = [];

  for (const [size, data] of Object.entries(events)) {
    context.log(`per-message costs, ${size} event`);
    const envelope = makeEnvelope(generated.message.eventType, data);
    const json = JSON.stringify(envelope);
    if (!generated.message.validate(envelope)) {
      throw new Error(
        `The ${size} benchmark event does not match its schema: ` +
          JSON.stringify(generated.message.validate.errors),
      );
    }
    const segments = parsePointer(generated.message.keyPointer ?? '');
    const record: IncomingRecord = {
      topic: 'bench',
      partition: 0,
      offset: '0',
      key: Buffer.from(data.id),
      value: Buffer.from(json),
      headers: {
        event_type: Buffer.from(generated.message.eventType),
        'content-type': Buffer.from('application/json'),
        event_id: Buffer.from(envelope.event_id),
      },
    };
    const messages = [generated.message];

    const costs: Array<readonly [string, () => unknown]> = [
      ['validate (compiled Ajv)', () => generated.message.validate(envelope)],
      ['serialise (JSON.stringify of the envelope)', () => JSON.stringify(envelope)],
      ['key derivation (x-key pointer)', () => valueAt(envelope, segments)],
      [
        'decode without validation (parse, event type, envelope)',
        () => decodeRecord(record, messages, false),
      ],
      [
        'publish side in all: prepareRecord with validation',
        () => prepareRecord(generated.operation, generated.message, data, {}, true),
      ],
      [
        'publish side without validation',
        () => prepareRecord(generated.operation, generated.message, data, {}, false),
      ],
      [
        'receive side in all: decodeRecord with validation',
        () => decodeRecord(record, messages, true),
      ],
      ['raw: build the envelope and JSON.stringify', () => JSON.stringify(makeEnvelope('x', data))],
      ['raw: JSON.parse', () => JSON.parse(json)],
    ];
    for (const [name, run] of costs) {
      rows.push([
        size === 'small' ? `small (${json.length} B)` : `2 KB (${json.length} B)`,
        name,
        spread(microseconds(run, rounds), 2),
      ]);
    }
  }

  return {
    title: 'Per-message costs',
    markdown: [
      'Microseconds of CPU time per message, in process (CPU time, so that waiting for other ' +
        'users of the cores does not count): each operation looped for 200 ms of CPU ' +
        `per round, ${rounds} rounds. The message is \`entity0Event0\` of ` +
        '`syntheticDocument(1, 1)` ' +
        '(nested objects, an array, an enum, a nullable field and a map), compiled by our ' +
        'codegen; ' +
        'the 2 KB event fills the array and the map.',
      '',
      ...table(['event', 'operation', 'µs per message'], rows),
    ],
    goals: [],
  };
}

/**
 * Per-call cost of `run` in µs of this process's CPU time, from loops long enough that the
 * clock does not matter. CPU time rather than wall time: on the shared cores, time spent
 * waiting for another process would otherwise count as the operation's.
 */
function microseconds(run: () => unknown, rounds: number, budgetMs = 200): Summary {
  let batch = 1;
  for (;;) {
    const started = process.cpuUsage();
    for (let i = 0; i < batch; i += 1) sink = run();
    if (cpuMs(started) > 20) break;
    batch *= 2;
  }

  const perCall: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    let calls = 0;
    const started = process.cpuUsage();
    while (cpuMs(started) < budgetMs) {
      for (let i = 0; i < batch; i += 1) sink = run();
      calls += batch;
    }
    perCall.push((cpuMs(started) * 1000) / calls);
  }
  return summarize(perCall);
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

async function generateDescriptors(context: BenchContext): Promise<Generated> {
  const folder = path.join(context.work, 'per-message');
  mkdirSync(folder, { recursive: true });
  const spec = path.join(folder, 'per-message.yaml');
  writeFileSync(spec, syntheticDocument(1, 1));
  const out = path.join(folder, 'out');
  const run = await runChild(
    process.execPath,
    [
      path.join(context.root, 'bin', 'asyncapi-kafka.js'),
      'codegen',
      '--quiet',
      '--spec',
      path.relative(context.root, spec),
      '--out',
      path.relative(context.root, out),
    ],
    { cwd: context.root },
  );
  if (run.status !== 0) throw new Error(`codegen of ${spec} failed:\n${tail(run.stderr)}`);

  const module = (await import(
    pathToFileURL(path.join(out, 'per-message', 'descriptors.ts')).href
  )) as Record<string, unknown>;
  const message = module['entity0Event0Message'] as MessageDescriptor | undefined;
  const operation = module['send0Operation'] as SendOperationDescriptor | undefined;
  if (message === undefined || operation === undefined) {
    throw new Error(
      `${out}/per-message/descriptors.ts has no entity0Event0Message or send0Operation.`,
    );
  }
  return { message, operation };
}

function smallData() {
  return { id: '0b6f8a52-3c1e-4f5a-9d3b-2a7c9e1f4d21', status: 'active' };
}

/** About 2 KB once in the envelope: a note, an address, 28 lines and 16 labels. */
function largeData() {
  return {
    ...smallData(),
    note: 'Paused while the supplier confirms the new delivery window for the northern depots.',
    address: { street: '12 Harbour Road', city: 'Rotterdam', geo: { lat: 51.9225, lon: 4.47917 } },
    lines: Array.from({ length: 28 }, (_, i) => ({
      sku: `SKU-${String(i).padStart(6, '0')}-BLUE-XL`,
      quantity: i + 1,
    })),
    labels: Object.fromEntries(
      Array.from({ length: 16 }, (_, i) => [`label-${i}`, `value number ${i}`]),
    ),
  };
}

export function lastSink(): unknown {
  return sink;
}
