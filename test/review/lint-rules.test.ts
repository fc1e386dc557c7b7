/**
 * Every lint rule with a document it passes and one it fails. The passing document
 * follows every house rule; each failing one breaks exactly the rule under test.
 */
import { describe, expect, it } from 'vitest';

import { DEFAULT_CONFIG, loadReviewConfig } from '../../src/review/config/review-config.js';
import { RULE_IDS } from '../../src/review/lint/all-rules.js';
import { runLint } from '../../src/review/lint/run-lint.js';
import { loadSpecSet } from '../../src/review/load/load-spec-set.js';
import { pathsSource } from '../../src/review/load/spec-source.js';
import { runCli } from '../support/cli.js';
import { folderWith } from './support.js';

const HOUSE = `asyncapi: 3.0.0
info:
  title: Things
  version: 1.0.0
  description: Makes things.
defaultContentType: application/json
channels:
  things:
    address: things.events
    description: Every thing made.
    messages:
      thingMade:
        $ref: '#/components/messages/thingMade'
    bindings:
      kafka:
        partitions: 3
operations:
  sendThings:
    action: send
    summary: Announces things.
    channel:
      $ref: '#/channels/things'
  readThings:
    action: receive
    summary: Reads things.
    channel:
      $ref: '#/channels/things'
    bindings:
      kafka:
        groupId: { type: string, enum: [things-reader] }
components:
  messages:
    thingMade:
      name: thing.made
      summary: A thing was made.
      x-key: $message.payload#/data/id
      payload:
        $ref: '#/components/schemas/ThingMade'
      examples:
        - name: one
          payload:
            event_type: thing.made
            event_id: 6f1c1f4e-8a57-4b8e-9a57-5d1f1c2e9b10
            timestamp: '2026-01-05T10:00:00Z'
            data: { id: a1 }
  schemas:
    ThingMade:
      type: object
      description: The envelope of thing.made.
      required: [event_type, event_id, timestamp, data]
      properties:
        event_type: { type: string, description: The event type. }
        event_id: { type: string, format: uuid, description: Unique per event. }
        timestamp: { type: string, format: date-time, description: When. }
        data:
          type: object
          description: The thing.
          required: [id]
          properties:
            id: { type: string, description: The thing's id. }
`;

function replaced(from: string, to: string): string {
  if (!HOUSE.includes(from)) throw new Error(`The house document has no ${JSON.stringify(from)}`);
  return HOUSE.replace(from, to);
}

/** A document that follows every rule but the one named. */
const FAILING: Record<string, string | Record<string, string>> = {
  'asyncapi-valid': replaced('    action: send', '    action: shout'),
  envelope: replaced(
    '        event_id: { type: string, format: uuid, description: Unique per event. }\n',
    '',
  )
    .replace(
      'required: [event_type, event_id, timestamp, data]',
      'required: [event_type, timestamp, data]',
    )
    .replace('            event_id: 6f1c1f4e-8a57-4b8e-9a57-5d1f1c2e9b10\n', ''),
  'json-content-type': replaced(
    'defaultContentType: application/json',
    'defaultContentType: application/xml',
  ),
  'message-key': replaced('x-key: $message.payload#/data/id', 'x-key: $message.payload#/data/uid'),
  'message-name-unique': replaced(
    "        $ref: '#/components/messages/thingMade'\n    bindings",
    "        $ref: '#/components/messages/thingMade'\n      thingMadeAgain:\n" +
      "        $ref: '#/components/messages/thingMadeAgain'\n    bindings",
  ).replace(
    '  schemas:\n',
    '    thingMadeAgain:\n      name: thing.made\n      summary: Again.\n' +
      '      x-key: $message.payload#/data/id\n      payload:\n' +
      "        $ref: '#/components/schemas/ThingMade'\n      examples:\n        - payload:\n" +
      '            event_type: thing.made\n' +
      '            event_id: 6f1c1f4e-8a57-4b8e-9a57-5d1f1c2e9b10\n' +
      "            timestamp: '2026-01-05T10:00:00Z'\n            data: { id: a1 }\n  schemas:\n",
  ),
  'message-name-pattern': replaced('      name: thing.made', '      name: MakeThing'),
  'channel-address-pattern': replaced('address: things.events', 'address: Things_Events'),
  'message-examples': replaced(/      examples:[\s\S]*?(?=  schemas:)/.exec(HOUSE)?.[0] ?? '', ''),
  'examples-valid': replaced('data: { id: a1 }', 'data: { id: 42 }'),
  descriptions: replaced(
    "            id: { type: string, description: The thing's id. }",
    '            id: { type: string }',
  ).replace('    description: Every thing made.\n', ''),
  'unused-components': replaced(
    '  schemas:\n',
    '  schemas:\n    Spare:\n      type: string\n' + '      description: Nobody uses it.\n',
  ),
  'kafka-bindings': replaced(
    '    bindings:\n      kafka:\n        groupId: { type: string, enum: [things-reader] }\n',
    '',
  ),
  'shared-topic-agreement': {
    'things.yaml': HOUSE,
    'reader.yaml': replaced('title: Things', 'title: Reader')
      .replace(/  sendThings:[\s\S]*?(?=  readThings:)/, '')
      .replace(
        "            id: { type: string, description: The thing's id. }",
        "            id: { type: string, description: The thing's id. }\n" +
          '            size: { type: integer, description: How big. }',
      )
      .replace('required: [id]', 'required: [id, size]')
      .replace('data: { id: a1 }', 'data: { id: a1, size: 1 }'),
  },
  'compatibility-mode': replaced(
    'defaultContentType',
    'x-compatibility: SOMETIMES\ndefaultContentType',
  ),
};

async function lint(files: Record<string, string>) {
  const dir = await folderWith(files);
  const specs = await loadSpecSet(pathsSource([dir], dir));
  return runLint(specs, DEFAULT_CONFIG);
}

describe('lint rules', () => {
  it('pass the house document without a finding', async () => {
    expect(await lint({ 'things.yaml': HOUSE })).toEqual([]);
  });

  it('have a failing document each', () => {
    expect(Object.keys(FAILING).sort()).toEqual([...RULE_IDS].sort());
  });

  it.each(Object.entries(FAILING))('%s fails its document', async (ruleId, failing) => {
    const files = typeof failing === 'string' ? { 'things.yaml': failing } : failing;
    const findings = await lint(files);
    expect(
      findings.map((f) => f.ruleId),
      JSON.stringify(findings, null, 1),
    ).toContain(ruleId);
    // The failing document breaks the rule under test and no other.
    const others = findings.filter((f) => f.ruleId !== ruleId && ruleId !== 'asyncapi-valid');
    expect(others).toEqual([]);
  });

  it('takes severities from the configuration file, and exits by them', async () => {
    const dir = await folderWith({
      'asyncapi/things.yaml': FAILING['channel-address-pattern'] as string,
      'quiet.json': JSON.stringify({ rules: { 'channel-address-pattern': 'warn' } }),
      'wrong.json': JSON.stringify({ rules: { 'no-such-rule': 'off' } }),
      'off.json': JSON.stringify({ rules: { 'channel-address-pattern': 'off' } }),
    });
    const strict = runCli(['spec:lint'], dir);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toMatch(
      /^asyncapi\/things\.yaml:8:\d+: error channel-address-pattern: channel "things" has address/,
    );

    const quiet = runCli(['spec:lint', '--config', 'quiet.json'], dir);
    expect(quiet.status).toBe(0);
    expect(quiet.stdout).toContain(': warning channel-address-pattern:');

    const off = runCli(['spec:lint', '--config', 'off.json'], dir);
    expect(off.status).toBe(0);
    expect(off.stdout).not.toContain('channel-address-pattern');

    const wrong = runCli(['spec:lint', '--config', 'wrong.json'], dir);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('wrong.json: there is no lint rule "no-such-rule"');
    expect(() => loadReviewConfig(`${dir}/wrong.json`, RULE_IDS)).toThrow(/no-such-rule/);
  });

  it('passes the example documents of the project', () => {
    const result = runCli(['spec:lint'], process.cwd());
    expect(result.stderr).toContain('spec:lint: 0 error(s)');
    expect(result.status).toBe(0);
  });
});
