import { describe, expect, it } from 'vitest';

import { documentWithPayloads, generateInline } from '../support/codegen.js';

function receiving(extra: string, channels = ''): string {
  return documentWithPayloads({ thing: 'type: string' })
    .replace('action: send', 'action: receive')
    .replace("      $ref: '#/channels/things'\n", `      $ref: '#/channels/things'\n${extra}`)
    .replace('operations:\n', `${channels}operations:\n`);
}

describe('operations', () => {
  it('takes the consumer group from the Kafka binding, or makes one from the names', async () => {
    const declared = await generateInline({
      'doc.yaml': receiving('    bindings:\n      kafka:\n        groupId: { type: string, enum: [my-group] }\n'),
    });
    expect(declared.file('doc/descriptors.ts')).toContain('groupId: "my-group",');

    const made = await generateInline({ 'doc.yaml': receiving('') });
    expect(made.file('doc/descriptors.ts')).toContain('groupId: "things.send-things",');
  });

  it('takes the dead-letter topic from a channel the operation names', async () => {
    const channel = "  failures:\n    address: things.failures\n    messages: {}\n";
    const result = await generateInline({
      'doc.yaml': receiving("    x-dead-letter-channel:\n      $ref: '#/channels/failures'\n", channel),
    });
    expect(result.diagnostics.filter((d) => d.includes('error'))).toEqual([]);
    expect(result.file('doc/descriptors.ts')).toContain('deadLetterTopic: "things.failures",');
  });

  it('says so when the dead-letter channel does not exist', async () => {
    const result = await generateInline({ 'doc.yaml': receiving('    x-dead-letter-channel: nowhere\n') });
    expect(result.diagnostics.some((d) => /doc\.yaml:\d+:\d+: error: x-dead-letter-channel names no channel/.test(d)))
      .toBe(true);
  });

  it('gives an operation that lists some of its channel messages only those', async () => {
    const text = documentWithPayloads({ made: 'type: string', gone: 'type: string', kept: 'type: string' })
      .replace("      $ref: '#/channels/things'\n", "      $ref: '#/channels/things'\n" +
        "    messages:\n      - $ref: '#/channels/things/messages/made'\n" +
        "      - $ref: '#/channels/things/messages/kept'\n" +
        "  receiveThings:\n    action: receive\n    channel:\n      $ref: '#/channels/things'\n" +
        "    messages:\n      - $ref: '#/channels/things/messages/gone'\n");
    const result = await generateInline({ 'doc.yaml': text });
    expect(result.diagnostics.filter((d) => d.includes('error'))).toEqual([]);

    const producers = result.file('doc/producers.ts');
    expect([...producers.matchAll(/public (publish\w+)\(/g)].map((m) => m[1])).toEqual([
      'publishMade', 'publishKept', 'publishBatch']);
    const workers = result.file('doc/workers.ts');
    expect([...workers.matchAll(/^\s+(on\w+)\(/gm)].map((m) => m[1])).toEqual(['onGone']);
  });
});
