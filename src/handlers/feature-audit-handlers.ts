/**
 * The hand-written handlers of the example audit service: each feature change becomes
 * an audit entry, announced as `audit.recorded`. The interface comes from codegen, so
 * a new feature event type in asyncapi/features.yaml makes this file fail to compile
 * until it handles that type too.
 */
import { randomUUID } from 'node:crypto';

import type { audit } from '../../generated/index.js';
import type { HandlerContext } from '../runtime/index.js';

type FeatureEvent = audit.FeatureCreatedPayload | audit.FeatureUpdatedPayload | audit.FeatureDeletedPayload;

export function featureAuditHandlers(
  producer: audit.PublishAuditEventsProducer,
): audit.RecordFeatureChangesHandlers {
  const record = async (event: FeatureEvent, context: HandlerContext): Promise<void> => {
    const entry: audit.AuditEntry = {
      audit_id: randomUUID(),
      account_id: event.data.account_id,
      feature_id: event.data.feature_id,
      change: event.event_type,
      recorded_at: new Date().toISOString(),
    };
    await producer.publishAuditRecorded(entry);
    context.logger.info({ audit_id: entry.audit_id }, 'audit entry recorded');
  };

  return {
    onFeatureCreated: record,
    onFeatureUpdated: record,
    onFeatureDeleted: record,
  };
}
