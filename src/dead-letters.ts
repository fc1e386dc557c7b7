/**
 * The example service as `npm run dlq` sees it: the audit worker's operation, and the same
 * hand-written handlers that src/main.ts runs, for replaying its dead letters.
 */
import { audit } from '../generated/index.js';
import { featureAuditHandlers } from './handlers/feature-audit-handlers.js';
import type { DeadLetterService } from './ops/dead-letter-service.js';
import { EventPublisher, route, type Route } from './runtime/index.js';

export const deadLetterService: DeadLetterService = {
  operations: [audit.recordFeatureChangesOperation],

  async openHandlers({ kafka, logger }) {
    const publisher = new EventPublisher({ kafka, logger });
    await publisher.connect();
    const handlers = featureAuditHandlers(new audit.PublishAuditEventsProducer(publisher));
    // The generated worker builds these same routes inside; a message left out here is
    // caught by replay, which refuses an operation with a message that has no handler.
    const routes: Route[] = [
      route(audit.featureCreatedMessage, (event, context) =>
        handlers.onFeatureCreated(event, context)),
      route(audit.featureUpdatedMessage, (event, context) =>
        handlers.onFeatureUpdated(event, context)),
      route(audit.featureDeletedMessage, (event, context) =>
        handlers.onFeatureDeleted(event, context)),
    ];
    return {
      routesFor: (operation) => (operation === audit.recordFeatureChangesOperation ? routes : []),
      close: () => publisher.disconnect(),
    };
  },
};
