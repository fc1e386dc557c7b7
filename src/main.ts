/**
 * The example service: the feature audit worker with its hand-written handlers, on the
 * brokers in KAFKA_BROKERS (127.0.0.1:9092 by default). Stops cleanly on SIGTERM/SIGINT.
 */
import pino from 'pino';

import { audit } from '../generated/index.js';
import { featureAuditHandlers } from './handlers/feature-audit-handlers.js';
import {
  EventPublisher,
  createKafka,
  loadRuntimeConfig,
  onShutdown,
  waitForBrokers,
} from './runtime/index.js';

const config = loadRuntimeConfig(process.env);
const logger = pino({ level: config.logLevel });
await waitForBrokers(config, logger);
const kafka = createKafka(config, logger);

const publisher = new EventPublisher({ kafka, logger, clientId: config.clientId });
await publisher.connect();

const worker = audit.createRecordFeatureChangesWorker(
  { kafka, logger },
  featureAuditHandlers(new audit.PublishAuditEventsProducer(publisher)),
  { partitionsConsumedConcurrently: config.concurrency, retry: config.retry },
);

onShutdown(
  async () => {
    await worker.stop();
    await publisher.disconnect();
  },
  { logger, deadlineMs: config.shutdownTimeoutMs },
);
await worker.start();
