/**
 * A service process as `npm start` would run one: a worker on the features fixture with
 * graceful shutdown. The shutdown test starts it, stops it with SIGTERM mid-stream and
 * starts it again. Each finished handler prints one line with the event id.
 *
 * Environment: KAFKA_BROKERS, TOPIC, GROUP, HANDLER_DELAY_MS.
 */
import pino from 'pino';

import {
  createKafka,
  createWorker,
  loadRuntimeConfig,
  onShutdown,
  route,
  waitForBrokers,
} from '../../../src/runtime/index.js';
import { featureCreated, featureDeleted, featuresFixture } from './fixture-descriptors.js';

const config = loadRuntimeConfig(process.env);
const logger = pino({ level: 'info' });
const kafka = createKafka(config, logger);
const topic = process.env['TOPIC'] as string;
const group = process.env['GROUP'] as string;
const delayMs = Number(process.env['HANDLER_DELAY_MS'] ?? '0');
const { receive } = featuresFixture(topic, group);

const worker = createWorker({ kafka, logger }, receive, [
  route(featureCreated, () => undefined),
  route(featureDeleted, async (event, context) => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    context.logger.info({ handled_id: event.event_id }, 'finished');
  }),
]);

onShutdown(() => worker.stop(), { logger, deadlineMs: config.shutdownTimeoutMs });
await waitForBrokers(config, logger);
await worker.start();
