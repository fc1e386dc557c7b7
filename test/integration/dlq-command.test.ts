import { randomUUID } from 'node:crypto';

import { beforeAll, describe, expect, it } from 'vitest';

import { audit } from '../../generated/index.js';
import { readTopic, sendRaw, testKafka } from '../runtime/support/broker-kit.js';
import { CLI, runNode } from '../support/child-process.js';

/**
 * `npm run dlq` on the example service's dead-letter topic. The letters are written as the
 * worker writes them after a handler failed for good; replay then runs the real handlers,
 * which publish `audit.recorded`.
 */
const kafka = testKafka('dlq-command-test');
const deadLetters = `${audit.featureEventsChannel.address}.` +
  `${audit.recordFeatureChangesOperation.groupId}.dlq`;

beforeAll(async () => {
  const topics = await runNode([...CLI, 'topics']);
  expect(topics.status, topics.stderr).toBe(0);
});

function letter(featureId: string, accountId: string, reason: string) {
  const event = {
    event_type: 'feature.created',
    event_id: randomUUID(),
    timestamp: '2026-01-05T10:00:00Z',
    data: { feature_id: featureId, account_id: accountId, name: 'dark-mode', action: 'create' },
  };
  return {
    key: featureId,
    value: JSON.stringify(event),
    headers: {
      event_type: 'feature.created',
      'dlq.source.topic': audit.featureEventsChannel.address,
      'dlq.source.partition': '0',
      'dlq.source.offset': '7',
      'dlq.consumer.group': audit.recordFeatureChangesOperation.groupId,
      'dlq.attempts': '5',
      'dlq.reason': reason,
      'dlq.error.name': 'Error',
      'dlq.error.message': 'the audit store was away',
    },
  };
}

describe('npm run dlq', () => {
  it('shows letters and replays the chosen one to the group\'s handlers only', async () => {
    const chosen = randomUUID();
    const other = randomUUID();
    const account = randomUUID();
    await sendRaw(kafka, deadLetters, [letter(chosen, account, 'handler-failed'),
      letter(other, account, 'handler-failed')]);

    const shown = await runNode([...CLI, 'dlq', 'show', '--topic', deadLetters, '--json']);
    expect(shown.status, shown.stderr).toBe(0);
    const letters = shown.stdout.trim().split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry['key'] === chosen || entry['key'] === other);
    expect(letters.map((entry) => [entry['key'], entry['reason'], entry['attempts'],
      entry['consumerGroup']]).sort()).toEqual([
      [chosen, 'handler-failed', 5, 'feature-audit'],
      [other, 'handler-failed', 5, 'feature-audit'],
    ].sort());
    const target = letters.find((entry) => entry['key'] === chosen);

    const replayed = await runNode([...CLI, 'dlq', 'replay', '--topic', deadLetters,
      '--letter', `${target?.['partition']}:${target?.['offset']}`]);

    expect(replayed.status, replayed.stderr).toBe(0);
    expect(replayed.stdout.trim())
      .toBe(`handled  ${target?.['partition']}:${target?.['offset']}`);
    const entries = (await readTopic(kafka, audit.auditEventsChannel.address))
      .filter((message) => message.key === account)
      .map((message) => JSON.parse(message.value ?? 'null') as audit.AuditRecordedPayload);
    expect(entries.map((entry) => [entry.data.feature_id, entry.data.change]))
      .toEqual([[chosen, 'feature.created']]);
    // Never back into the source topic, which every group reads.
    const source = await readTopic(kafka, audit.featureEventsChannel.address);
    expect(source.filter((message) => message.key === chosen)).toEqual([]);
  });

  it('refuses to replay without a selection', async () => {
    const result = await runNode([...CLI, 'dlq', 'replay', '--topic', deadLetters]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('needs --letter, --reason or --all');
  });
});
