/**
 * A service's start-up check of the topics it reads and writes. Missing topics stop it:
 * brokers usually refuse to create topics on first use (the local one does), and a worker
 * or producer would otherwise retry against a topic that never comes. Drift is logged and
 * the service starts, since the topic still works, only not as declared.
 */
import type { Kafka } from 'kafkajs';
import type pino from 'pino';

import { topicsOfOperations, type ServiceOperations } from './descriptor-topics.js';
import { syncTopics } from './topic-sync.js';

/** The topics that do not exist; drift is logged as a warning. */
export async function checkServiceTopics(
  kafka: Kafka,
  operations: ServiceOperations,
  logger: pino.Logger,
): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const report = await syncTopics(admin, topicsOfOperations(operations), { create: false });
    const missing: string[] = [];
    for (const status of report.statuses) {
      if (status.kind === 'missing') missing.push(status.declaration.topic);
      if (status.kind === 'drift') {
        logger.warn({ topic: status.declaration.topic, differences: status.differences },
          'topic differs from its declaration; `npm run topics` says how');
      }
    }
    return missing;
  } finally {
    await admin.disconnect();
  }
}
