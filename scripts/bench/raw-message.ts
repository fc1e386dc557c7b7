import { randomUUID } from 'node:crypto';

import type { Message } from 'kafkajs';

import type { FeatureChange } from '../../generated/features/types.js';

/**
 * What a raw kafkajs user writes for the same bytes as the generated producer: the envelope
 * with a fresh UUID and timestamp, stringified, keyed by the feature id, with the same headers.
 */
export function rawMessage(data: FeatureChange): Message {
  const eventId = randomUUID();
  const now = new Date();
  const envelope = {
    event_type: 'feature.created',
    event_id: eventId,
    timestamp: now.toISOString(),
    data,
  };
  return {
    key: data.feature_id,
    value: JSON.stringify(envelope),
    headers: {
      event_type: 'feature.created',
      'content-type': 'application/json',
      event_id: eventId,
    },
    timestamp: String(now.getTime()),
  };
}
