/**
 * Compatibility modes where they are set: `x-compatibility` on a channel judges the
 * changes of that channel alone, and the forward and full transitive modes look at every
 * earlier version in git, not only at the base.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { runDiff } from '../../src/review/run-diff.js';
import { runCli } from '../support/cli.js';
import { document, folderWith, git, PAYLOAD, withProperty } from './support.js';

interface TwoChannels {
  /** `x-compatibility` at the document's root. */
  readonly root?: string;
  /** `x-compatibility` on the channel "others". */
  readonly others?: string;
  /** Payloads of thing.made (channel "things") and other.made (channel "others"). */
  readonly things?: object;
  readonly otherPayload?: object;
}

/** A document with two channels, each with one message; only "others" may set a mode. */
function twoChannels(options: TwoChannels = {}): string {
  return `asyncapi: 3.0.0
info:
  title: Things
  version: 1.0.0
${options.root ? `x-compatibility: ${options.root}\n` : ''}channels:
  things:
    address: things.events
    messages:
      thingMade:
        $ref: '#/components/messages/thingMade'
    bindings:
      kafka:
        partitions: 3
  others:
    address: others.events
${options.others ? `    x-compatibility: ${options.others}\n` : ''}\
    messages:
      otherMade:
        $ref: '#/components/messages/otherMade'
    bindings:
      kafka:
        partitions: 3
operations:
  sendThings:
    action: send
    channel:
      $ref: '#/channels/things'
  sendOthers:
    action: send
    channel:
      $ref: '#/channels/others'
components:
  messages:
    thingMade:
      name: thing.made
      x-key: $message.payload#/id
      payload: ${JSON.stringify(options.things ?? PAYLOAD)}
    otherMade:
      name: other.made
      x-key: $message.payload#/id
      payload: ${JSON.stringify(options.otherPayload ?? PAYLOAD)}
`;
}

/** A change as `spec:diff --format json` prints it. */
interface JsonChange {
  readonly kind: string;
  readonly topic: string | null;
  readonly message: string;
  readonly mode: string;
  readonly breaking: boolean;
}

/** Breaks BACKWARD (old events lack it), not FORWARD (old readers ignore it). */
const SIZE_REQUIRED = withProperty('size', { type: 'integer' }, true);

async function versions(base: string, head: string): Promise<string> {
  return folderWith({ 'base/things.yaml': base, 'head/things.yaml': head });
}

/** Each change as kind, topic, the mode that judged it and whether it breaks. */
async function judged(base: string, head: string) {
  const result = await runDiff({
    base: 'base',
    head: 'head',
    specPaths: ['asyncapi'],
    defaultMode: 'FULL',
    cwd: await versions(base, head),
  });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.changes.map((c) => [c.kind, c.topic, c.mode, c.breaking]);
}

describe('x-compatibility on a channel', () => {
  it('judges that channel by its own mode and the others by the document', async () => {
    const modes = { root: 'NONE', others: 'BACKWARD' };
    const base = twoChannels(modes);
    const head = twoChannels({ ...modes, things: SIZE_REQUIRED, otherPayload: SIZE_REQUIRED });
    expect(await judged(base, head)).toEqual([
      ['property-added-required', 'things.events', 'NONE', false],
      ['property-added-required', 'others.events', 'BACKWARD', true],
    ]);
  });

  it('loosens a stricter document mode for that channel only', async () => {
    const modes = { root: 'FULL', others: 'NONE' };
    const base = twoChannels(modes);
    const head = twoChannels({ ...modes, things: SIZE_REQUIRED, otherPayload: SIZE_REQUIRED });
    expect(await judged(base, head)).toEqual([
      ['property-added-required', 'things.events', 'FULL', true],
      ['property-added-required', 'others.events', 'NONE', false],
    ]);
  });

  it('sets the direction of a change for that channel only', async () => {
    // A required property removed breaks FORWARD (old readers require it), not BACKWARD.
    const modes = { root: 'BACKWARD', others: 'FORWARD' };
    const base = twoChannels({ ...modes, things: SIZE_REQUIRED, otherPayload: SIZE_REQUIRED });
    const head = twoChannels(modes);
    expect(await judged(base, head)).toEqual([
      ['property-removed-required', 'things.events', 'BACKWARD', false],
      ['property-removed-required', 'others.events', 'FORWARD', true],
    ]);
  });

  it('wins over the mode given with --mode where the document sets none', async () => {
    const base = twoChannels({ others: 'BACKWARD' });
    const head = twoChannels({
      others: 'BACKWARD',
      things: SIZE_REQUIRED,
      otherPayload: SIZE_REQUIRED,
    });
    const run = runCli(
      ['spec:diff', '--base', 'base', '--head', 'head', '--mode', 'NONE', '--format', 'json'],
      await versions(base, head),
    );
    const json = JSON.parse(run.stdout) as { changes: JsonChange[] };
    expect(json.changes.map((c) => [c.kind, c.topic, c.mode, c.breaking])).toEqual([
      ['property-added-required', 'things.events', 'NONE', false],
      ['property-added-required', 'others.events', 'BACKWARD', true],
    ]);
    expect(run.status).toBe(1);
  });

  it('exits 1 only when a change breaks the mode of its own channel', async () => {
    const modes = { root: 'NONE', others: 'BACKWARD' };
    const base = twoChannels(modes);
    const diff = async (head: string) =>
      runCli(['spec:diff', '--base', 'base', '--head', 'head'], await versions(base, head));

    const onThings = await diff(twoChannels({ ...modes, things: SIZE_REQUIRED }));
    expect(onThings.stderr).toBe('');
    expect(onThings.status).toBe(0);
    expect(onThings.stdout).toContain(
      '✅ 0 breaking change(s), 1 compatible change(s) between base and head.',
    );
    expect(onThings.stdout).toContain(
      '**property-added-required**: thing.made payload/size: required property "size" added ' +
        '(topic things.events, mode NONE)',
    );

    const onOthers = await diff(twoChannels({ ...modes, otherPayload: SIZE_REQUIRED }));
    expect(onOthers.stderr).toBe('');
    expect(onOthers.status).toBe(1);
    expect(onOthers.stdout).toContain(
      '❌ 1 breaking change(s), 0 compatible change(s) between base and head.',
    );
    expect(onOthers.stdout).toContain(
      '**property-added-required**: other.made payload/size: required property "size" added ' +
        '(topic others.events, mode BACKWARD)\n' +
        '  - breaks upgraded consumers reading events already in the topic',
    );
  });

  it('exits 0 when the only change is on a channel that sets NONE', async () => {
    const modes = { root: 'FULL', others: 'NONE' };
    const base = twoChannels(modes);
    const diff = async (head: string) =>
      runCli(
        ['spec:diff', '--base', 'base', '--head', 'head', '--format', 'json'],
        await versions(base, head),
      );
    const summary = (stdout: string): unknown =>
      (JSON.parse(stdout) as { summary: unknown }).summary;

    const onOthers = await diff(twoChannels({ ...modes, otherPayload: SIZE_REQUIRED }));
    expect(onOthers.status).toBe(0);
    expect(summary(onOthers.stdout)).toEqual({ breaking: 0, compatible: 1 });

    const onThings = await diff(twoChannels({ ...modes, things: SIZE_REQUIRED }));
    expect(onThings.status).toBe(1);
    expect(summary(onThings.stdout)).toEqual({ breaking: 1, compatible: 0 });
  });
});

describe('the mode that judges a change', () => {
  it("is the head's: a change that drops a channel's NONE is judged by the document", async () => {
    const base = twoChannels({ root: 'FULL', others: 'NONE' });
    const head = twoChannels({ root: 'FULL', otherPayload: SIZE_REQUIRED });
    expect(await judged(base, head)).toEqual([
      ['property-added-required', 'others.events', 'FULL', true],
    ]);
  });

  it('is never a misspelt one: the diff stops with exit 2 and says where', async () => {
    const base = twoChannels({ root: 'NONE', others: 'BACKWARD' });
    const head = twoChannels({ root: 'NONE', others: 'full', otherPayload: SIZE_REQUIRED });
    const run = runCli(['spec:diff', '--base', 'base', '--head', 'head'], await versions(base, head));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^head\/things\.yaml:\d+:\d+: error: x-compatibility "full" is not one of FULL, /m);
  });

  it("is the channel's for a change of the consumer group that reads it", async () => {
    const onChannel = (text: string) =>
      text.replace('    address: things.events\n', '    address: things.events\n    x-compatibility: NONE\n');
    const base = onChannel(document({ mode: 'FULL', groupId: 'reader-1' }));
    const head = onChannel(document({ mode: 'FULL', groupId: 'reader-2' }));
    expect(await judged(base, head)).toEqual([['group-id-changed', 'things.events', 'NONE', false]]);
  });
});

/** A repository with one commit per version of asyncapi/things.yaml, oldest first. */
async function history(...versions: string[]): Promise<string> {
  const dir = await folderWith({});
  git(dir, 'init', '-q', '-b', 'main');
  await mkdir(path.join(dir, 'asyncapi'));
  for (const [index, text] of versions.entries()) {
    await writeFile(path.join(dir, 'asyncapi', 'things.yaml'), text);
    git(dir, 'add', 'asyncapi');
    git(dir, 'commit', '-q', '-m', `v${index + 1}`);
  }
  return dir;
}


/**
 * v1 has "size", v2 drops it and v3 brings it back with another type: each step alone is
 * compatible in every mode, v3 against v1 is not. The diff is of the last two commits.
 */
async function diffOfLastCommit(mode: string, v1Size: object, v3Size: object) {
  const dir = await history(
    document({ mode, payload: withProperty('size', v1Size) }),
    document({ mode, payload: PAYLOAD }),
    document({ mode, payload: withProperty('size', v3Size) }),
  );
  const run = runCli(
    ['spec:diff', '--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json'],
    dir,
  );
  expect(run.stderr).toBe('');
  const changes = (JSON.parse(run.stdout) as { changes: JsonChange[] }).changes.map((c) => [
    c.kind,
    c.message,
    c.mode,
    c.breaking,
  ]);
  return { status: run.status, changes, v1: git(dir, 'rev-parse', '--short=7', 'HEAD~2') };
}

const ADDED = 'thing.made payload/size: optional property "size" added';
const retyped = (from: string, to: string, commit: string): string =>
  `thing.made payload/size: type changed from \`"${from}"\` to \`"${to}"\` (against ${commit})`;

describe('transitive modes in git history', () => {
  // integer to number: old readers of integers meet fractions. Breaks FORWARD only.
  const integer = { type: 'integer' };
  const number = { type: 'number' };

  it('FORWARD_TRANSITIVE reports what breaks an older version, FORWARD does not', async () => {
    const transitive = await diffOfLastCommit('FORWARD_TRANSITIVE', integer, number);
    expect(transitive.changes).toEqual([
      ['property-added-optional', ADDED, 'FORWARD_TRANSITIVE', false],
      [
        'type-widened',
        retyped('integer', 'number', transitive.v1),
        'FORWARD_TRANSITIVE',
        true,
      ],
    ]);
    expect(transitive.status).toBe(1);

    const plain = await diffOfLastCommit('FORWARD', integer, number);
    expect(plain.changes).toEqual([['property-added-optional', ADDED, 'FORWARD', false]]);
    expect(plain.status).toBe(0);
  });

  it('FORWARD_TRANSITIVE ignores what breaks an older version only backward', async () => {
    const narrowed = await diffOfLastCommit('FORWARD_TRANSITIVE', number, integer);
    expect(narrowed.changes).toEqual([
      ['property-added-optional', ADDED, 'FORWARD_TRANSITIVE', false],
    ]);
    expect(narrowed.status).toBe(0);
  });

  it('FULL_TRANSITIVE reports a break either way against an older version', async () => {
    const widened = await diffOfLastCommit('FULL_TRANSITIVE', integer, number);
    expect(widened.changes).toEqual([
      ['property-added-optional', ADDED, 'FULL_TRANSITIVE', false],
      [
        'type-widened',
        retyped('integer', 'number', widened.v1),
        'FULL_TRANSITIVE',
        true,
      ],
    ]);
    expect(widened.status).toBe(1);

    const narrowed = await diffOfLastCommit('FULL_TRANSITIVE', number, integer);
    expect(narrowed.changes).toEqual([
      ['property-added-optional', ADDED, 'FULL_TRANSITIVE', false],
      [
        'type-narrowed',
        retyped('number', 'integer', narrowed.v1),
        'FULL_TRANSITIVE',
        true,
      ],
    ]);
    expect(narrowed.status).toBe(1);
  });

  it('reports a break against an older version in each document that has it', async () => {
    // Both documents make the same message text for the same change; a.yaml's is direct
    // and compatible under NONE, b.yaml's breaks FULL_TRANSITIVE against v1.
    const dir = await folderWith({});
    git(dir, 'init', '-q', '-b', 'main');
    await mkdir(path.join(dir, 'asyncapi'));
    const versionsOf = (size: object | undefined, mode: string, address: string) =>
      document({ mode, address, payload: size === undefined ? PAYLOAD : withProperty('size', size) });
    const steps: Array<[object | undefined, object | undefined]> = [
      [integer, integer], [integer, undefined], [number, number]];
    for (const [index, [a, b]] of steps.entries()) {
      await writeFile(path.join(dir, 'asyncapi', 'a.yaml'), versionsOf(a, 'NONE', 'scratch.events'));
      await writeFile(path.join(dir, 'asyncapi', 'b.yaml'), versionsOf(b, 'FULL_TRANSITIVE', 'things.events'));
      git(dir, 'add', 'asyncapi');
      git(dir, 'commit', '-q', '-m', `v${index + 1}`);
    }
    const run = runCli(['spec:diff', '--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json'], dir);
    const changes = (JSON.parse(run.stdout) as { changes: JsonChange[] }).changes
      .map((c) => [c.kind, c.topic, c.mode, c.breaking]);
    expect(changes).toEqual([
      ['type-widened', 'scratch.events', 'NONE', false],
      ['property-added-optional', 'things.events', 'FULL_TRANSITIVE', false],
      ['type-widened', 'things.events', 'FULL_TRANSITIVE', true],
    ]);
    expect(run.status).toBe(1);
  });

  it('FULL reports neither against an older version', async () => {
    const widened = await diffOfLastCommit('FULL', integer, number);
    expect(widened.changes).toEqual([['property-added-optional', ADDED, 'FULL', false]]);
    expect(widened.status).toBe(0);

    const narrowed = await diffOfLastCommit('FULL', number, integer);
    expect(narrowed.changes).toEqual([['property-added-optional', ADDED, 'FULL', false]]);
    expect(narrowed.status).toBe(0);
  });
});
