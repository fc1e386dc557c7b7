/**
 * The example service: the feature audit worker with its hand-written handlers, on the
 * brokers in KAFKA_BROKERS (127.0.0.1:9092 by default). Stops cleanly on SIGTERM/SIGINT.
 * Its topics must exist first (`npm run topics`); it checks them and does not create them,
 * so that what the documents declare stays the one source of partitions and settings.
 */
import pino from 'pino';

import { audit } from '../generated/index.js';
import { featureAuditHandlers } from './handlers/feature-audit-handlers.js';
import { checkServiceTopics } from './ops/service-topics.js';
import {
  EventPublisher,
  createKafka,
  isRuntimeError,
  loadRuntimeConfig,
  onShutdown,
  startOpsServer,
  waitForBrokers,
} from './runtime/index.js';

async function startService(): Promise<void> {
  const config = loadRuntimeConfig(process.env);
  const logger = pino({ level: config.logLevel });
  await waitForBrokers(config, logger);
  const kafka = createKafka(config, logger);

  const missing = await checkServiceTopics(kafka, {
    receive: [audit.recordFeatureChangesOperation],
    send: [audit.publishAuditEventsOperation],
  }, logger);
  if (missing.length > 0) {
    stopStartUp(`topic(s) ${missing.join(', ')} do not exist; create them with ` +
      '`npm run topics`.');
  }

  const publisher = new EventPublisher({ kafka, logger, clientId: config.clientId });
  await publisher.connect();

  const worker = audit.createRecordFeatureChangesWorker(
    { kafka, logger },
    featureAuditHandlers(new audit.PublishAuditEventsProducer(publisher)),
    { partitionsConsumedConcurrently: config.concurrency, retry: config.retry },
  );

  // Metrics, liveness and readiness only when METRICS_PORT asks for them.
  const ops = config.metricsPort === undefined ? undefined : await startOpsServer({
    port: config.metricsPort, host: config.metricsHost, workers: [worker],
    publishers: [publisher], logger,
  });

  onShutdown(
    async () => {
      await worker.stop();
      await publisher.disconnect();
      await ops?.close();
    },
    { logger, deadlineMs: config.shutdownTimeoutMs },
  );
  await worker.start();
}

/** A start-up problem of the environment is a sentence for the operator, not a stack. */
function stopStartUp(message: string): never {
  process.stderr.write(`npm start: ${message}\n`);
  process.exit(1);
}

await startService().catch((error: unknown) => {
  if (!isRuntimeError(error)) throw error;
  stopStartUp(error.message);
});
