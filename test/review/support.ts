/**
 * Tiny inline documents for review tests: one channel, one message, everything that a
 * verdict row or a lint rule varies given as an option.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface DocumentOptions {
  /** The payload schema as JSON. */
  readonly payload?: object;
  readonly headers?: object;
  readonly address?: string;
  readonly channelId?: string;
  readonly partitions?: number;
  readonly key?: string | null;
  readonly eventType?: string;
  /** A second message on the channel. */
  readonly second?: boolean;
  readonly groupId?: string;
  readonly mode?: string;
}

export const PAYLOAD = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string' }, name: { type: 'string' } },
};

const SECOND_REF = "      thingRemoved:\n        $ref: '#/components/messages/thingRemoved'\n";

/** A 3.0 document of a service that sends one message and receives the same channel. */
export function document(options: DocumentOptions = {}): string {
  const key = options.key === undefined ? '$message.payload#/id' : options.key;
  const channelId = options.channelId ?? 'things';
  const second = options.second
    ? `    thingRemoved:\n      name: thing.removed\n      payload: ${JSON.stringify(PAYLOAD)}\n`
    : '';
  return `asyncapi: 3.0.0
info:
  title: Things
  version: 1.0.0
${options.mode ? `x-compatibility: ${options.mode}\n` : ''}channels:
  ${channelId}:
    address: ${options.address ?? 'things.events'}
    messages:
      thingMade:
        $ref: '#/components/messages/thingMade'
${options.second ? SECOND_REF : ''}\
    bindings:
      kafka:
        partitions: ${options.partitions ?? 3}
operations:
  sendThings:
    action: send
    channel:
      $ref: '#/channels/${channelId}'
  readThings:
    action: receive
    channel:
      $ref: '#/channels/${channelId}'
    bindings:
      kafka:
        groupId: { type: string, enum: [${options.groupId ?? 'things-reader'}] }
components:
  messages:
    thingMade:
      name: ${options.eventType ?? 'thing.made'}
${key === null ? '' : `      x-key: ${key}\n`}\
      payload: ${JSON.stringify(options.payload ?? PAYLOAD)}
${options.headers ? `      headers: ${JSON.stringify(options.headers)}\n` : ''}${second}`;
}

/** Writes files into a fresh temporary folder and returns it. */
export async function folderWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'review-test-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

/** A payload with one more property, as JSON Schema. */
export function withProperty(name: string, schema: object, required = false): object {
  return {
    ...PAYLOAD,
    required: required ? [...PAYLOAD.required, name] : PAYLOAD.required,
    properties: { ...PAYLOAD.properties, [name]: schema },
  };
}

/** Runs git in `dir` as a test user, without signing; throws when git fails. */
export function git(dir: string, ...args: string[]): string {
  const result = spawnSync(
    'git',
    [
      '-c',
      'user.name=Test',
      '-c',
      'user.email=test@example.invalid',
      '-c',
      'commit.gpgsign=false',
      ...args,
    ],
    { cwd: dir, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout.trim();
}
