import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import kafkajs from 'kafkajs';
import { describe, expect, it } from 'vitest';

import { testKafka, withAdmin } from '../runtime/support/broker-kit.js';
import { CLI, runNode } from '../support/child-process.js';
import { uniqueName } from '../support/kafka.js';

const kafka = testKafka('topics-test');

const parameters = `
    parameters:
      region:
        enum: [eu, us]`;

/** One document with a channel on `address` that `receiveGroup` reads, if given. */
function document(address: string, binding: string, receiveGroup?: string): string {
  const receive = receiveGroup === undefined ? '' : `
  readThings:
    action: receive
    channel:
      $ref: '#/channels/things'
    bindings:
      kafka:
        groupId:
          type: string
          enum: [${receiveGroup}]`;
  return `asyncapi: 3.0.0
info:
  title: Things
  version: 1.0.0
channels:
  things:
    address: ${address}${address.includes('{region}') ? parameters : ''}
    messages:
      thing:
        payload:
          type: object
    bindings:
      kafka:
${binding}
operations:
  sendThings:
    action: send
    channel:
      $ref: '#/channels/things'${receive}
`;
}

async function specFolder(documents: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'topics-test-'));
  for (const [name, text] of Object.entries(documents)) {
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

async function describeTopic(topic: string): Promise<{ partitions: number; retention: string }> {
  return withAdmin(kafka, async (admin) => {
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    const configs = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: kafkajs.ConfigResourceTypes.TOPIC, name: topic,
        configNames: ['retention.ms'] }],
    });
    return {
      partitions: metadata.topics[0]?.partitions.length ?? 0,
      retention: configs.resources[0]?.configEntries[0]?.configValue ?? '',
    };
  });
}

async function topicExists(topic: string): Promise<boolean> {
  return withAdmin(kafka, async (admin) => (await admin.listTopics()).includes(topic));
}

describe('npm run topics', () => {
  it('checks, creates the declared and dead-letter topics, then finds them as declared',
    async () => {
      const base = uniqueName('things');
      const group = uniqueName('group');
      const spec = await specFolder({
        'things.yaml': document(`${base}.{region}`,
          '        partitions: 3\n        replicas: 3\n        topicConfiguration:\n' +
          '          retention.ms: 3600000', group),
      });
      const topics = [`${base}.eu`, `${base}.us`, `${base}.eu.${group}.dlq`,
        `${base}.us.${group}.dlq`];

      const checked = await runNode([...CLI, 'topics', '--spec', spec, '--check']);
      expect(checked.status, checked.stderr).toBe(1);
      expect(checked.stdout.split('\n').filter((line) => line.startsWith('missing')))
        .toHaveLength(4);
      expect(await topicExists(`${base}.eu`)).toBe(false);

      const created = await runNode([...CLI, 'topics', '--spec', spec]);
      expect(created.status, created.stderr).toBe(0);
      for (const topic of topics) {
        expect(created.stdout).toMatch(new RegExp(`^created +${topic} `, 'm'));
      }
      // Three replicas asked of a one-broker cluster: capped, and said so.
      expect(created.stderr).toContain('declares 3 replicas; the cluster has 1 broker(s)');
      expect(await describeTopic(`${base}.us`)).toEqual({ partitions: 3, retention: '3600000' });
      expect((await describeTopic(`${base}.us.${group}.dlq`)).partitions).toBe(3);

      const again = await runNode([...CLI, 'topics', '--spec', spec, '--check']);
      expect(again.status, again.stderr).toBe(0);
      expect(again.stdout.split('\n').filter((line) => line.startsWith('ok'))).toHaveLength(4);
    });

  it('exits 1 on fewer partitions or other settings than declared, and alters nothing',
    async () => {
      const topic = uniqueName('drifted');
      await withAdmin(kafka, (admin) => admin.createTopics({
        waitForLeaders: true,
        topics: [{ topic, numPartitions: 1,
          configEntries: [{ name: 'retention.ms', value: '60000' }] }],
      }));
      const spec = await specFolder({
        'drifted.yaml': document(topic, '        partitions: 4\n        topicConfiguration:\n' +
          '          retention.ms: 3600000'),
      });

      const result = await runNode([...CLI, 'topics', '--spec', spec]);

      expect(result.status, result.stderr).toBe(1);
      const line = result.stdout.split('\n').find((text) => text.startsWith('drift'));
      expect(line).toContain(topic);
      expect(line).toContain('1 partition(s), declared 4');
      expect(line).toContain('retention.ms=60000, declared 3600000');
      expect(line).toContain('drifted.yaml:');
      expect(await describeTopic(topic)).toEqual({ partitions: 1, retention: '60000' });
    });

  it('exits 2 and touches nothing when two documents disagree on a topic', async () => {
    const topic = uniqueName('disputed');
    const spec = await specFolder({
      'a.yaml': document(topic, '        partitions: 2'),
      'b.yaml': document(topic, '        partitions: 5'),
    });

    const result = await runNode([...CLI, 'topics', '--spec', spec]);

    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(`a\\.yaml:\\d+:\\d+: error: the documents disagree on partitions of topic ` +
        `"${topic}": 2 at .*a\\.yaml:\\d+:\\d+, 5 at .*b\\.yaml:\\d+:\\d+`));
    expect(await topicExists(topic)).toBe(false);
  });
});
