/**
 * `npm run demo`: what the features service would publish in a short session, through the
 * generated producer, to the brokers in KAFKA_BROKERS: two features created, both renamed,
 * one deleted. Fresh ids every run, so that each run shows new entities in `npm start`'s
 * logs. stdout gets one line per event, with its event id and key.
 */
import { randomUUID } from 'node:crypto';

import pino from 'pino';

import { features } from '../generated/index.js';
import { checkServiceTopics } from './ops/service-topics.js';
import {
  EventPublisher,
  createKafka,
  isRuntimeError,
  loadRuntimeConfig,
  waitForBrokers,
} from './runtime/index.js';

type DemoEvent = features.PublishFeatureEventsProducerEvent & { options: { eventId: string } };

function demoEvents(): DemoEvent[] {
  const account = randomUUID();
  const dark = randomUUID();
  const beta = randomUUID();
  const change = (feature_id: string, name: string, action: features.FeatureChange['action']) =>
    ({ feature_id, account_id: account, name, action });
  const event = (
    eventType: DemoEvent['eventType'],
    data: features.FeatureChange,
  ): DemoEvent => ({ eventType, data, options: { eventId: randomUUID() } });

  return [
    event('feature.created', change(dark, 'dark-mode', 'create')),
    event('feature.created', change(beta, 'beta-search', 'create')),
    event('feature.updated', change(dark, 'dark-theme', 'update')),
    event('feature.updated', change(beta, 'search', 'update')),
    event('feature.deleted', change(dark, 'dark-theme', 'delete')),
  ];
}

async function publishDemo(): Promise<void> {
  const config = loadRuntimeConfig(process.env);
  // Only trouble is worth a line here; stdout is the list of what was published.
  const logger = pino({ level: process.env['LOG_LEVEL'] ?? 'warn' }, pino.destination(2));
  await waitForBrokers(config, logger);
  const kafka = createKafka(config, logger);

  const missing = await checkServiceTopics(kafka,
    { receive: [], send: [features.publishFeatureEventsOperation] }, logger);
  if (missing.length > 0) {
    fail(`topic(s) ${missing.join(', ')} do not exist; create them with \`npm run topics\`.`);
  }

  const publisher = new EventPublisher({ kafka, logger, clientId: `${config.clientId}-demo` });
  await publisher.connect();
  const events = demoEvents();
  try {
    // One batch, in order: events of one feature share a key and so a partition.
    await new features.PublishFeatureEventsProducer(publisher).publishBatch(events);
  } finally {
    await publisher.disconnect();
  }

  for (const { eventType, data, options } of events) {
    process.stdout.write(`${eventType.padEnd(16)} event_id=${options.eventId} ` +
      `feature_id=${data.feature_id} name=${data.name}\n`);
  }
  process.stderr.write(`demo: published ${events.length} events to ` +
    `${features.featureEventsChannel.address} on ${config.brokers.join(', ')}.\n`);
}

function fail(message: string): never {
  process.stderr.write(`demo: ${message}\n`);
  process.exit(1);
}

await publishDemo().catch((error: unknown) => {
  if (!isRuntimeError(error)) throw error;
  fail(error.message);
});
