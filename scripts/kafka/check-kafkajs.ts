// `node --import tsx scripts/kafka/check-kafkajs.ts [version]`: starts a
// throwaway broker of that Kafka release and runs, with kafkajs, everything
// the project needs from a broker. Prints the protocol versions the client
// settled on, one line per check, and exits 1 when any check fails. It is how
// the release pinned in kafka-version.ts was chosen (see README.md).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Kafka, logLevel, type RequestEvent } from 'kafkajs';

import { kafkaVersion } from './kafka-version.js';
import { kafkajsChecks, type Clients } from './kafkajs-checks.js';
import { startBroker, type LocalBroker } from './local-broker.js';

const version = process.argv[2] ?? kafkaVersion();
const dataDir = await mkdtemp(join(tmpdir(), 'kafka-compat-'));
const startedAt = Date.now();
const removeDataDir = async (error: unknown) => {
  await rm(dataDir, { recursive: true, force: true });
  throw error;
};
let broker: LocalBroker = await startBroker({ version, dataDir }).catch(removeDataDir);
process.stdout.write(
  `Kafka ${version} on ${broker.brokers}, started in ${Date.now() - startedAt} ms\n`,
);

const requests = new Set<string>();
const kafka = new Kafka({
  clientId: 'kafkajs-compat',
  brokers: [broker.brokers],
  logLevel: logLevel.ERROR,
  // The restart checks rely on the client riding out a broker that is away
  // for a few seconds, as the runtime will have to.
  retry: { retries: 10, initialRetryTime: 200, maxRetryTime: 2_000 },
});
const clients = recordingClients(kafka, requests);
const checks = kafkajsChecks({
  kafka: () => clients,
  restart: async (signal) => {
    broker = await broker.restart({ signal });
  },
});

let passed = 0;
let failed = 0;
for (const check of checks) {
  const checkStartedAt = Date.now();
  try {
    await check.run();
    passed += 1;
    process.stdout.write(`ok    ${check.name} (${Date.now() - checkStartedAt} ms)\n`);
  } catch (error) {
    failed += 1;
    const message = error instanceof Error ? error.message : String(error);
    process.stdout.write(`FAIL  ${check.name}\n      ${message.split('\n').join('\n      ')}\n`);
  }
}

await broker.stop();
process.stdout.write(`protocol versions used: ${[...requests].sort().join(', ')}\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exitCode = failed === 0 ? 0 : 1;

/**
 * Client factories whose admins, producers and consumers report the API
 * name and version of each request they send.
 */
function recordingClients(client: Kafka, seen: Set<string>): Clients {
  const record = (event: RequestEvent) => {
    seen.add(`${event.payload.apiName} v${event.payload.apiVersion}`);
  };
  return {
    admin: (config) => {
      const admin = client.admin(config);
      admin.on(admin.events.REQUEST, record);
      return admin;
    },
    producer: (config) => {
      const producer = client.producer(config);
      producer.on(producer.events.REQUEST, record);
      return producer;
    },
    consumer: (config) => {
      const consumer = client.consumer(config);
      consumer.on(consumer.events.REQUEST, record);
      return consumer;
    },
  };
}
