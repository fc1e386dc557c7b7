import { KafkaJSGroupCoordinatorNotFound, KafkaJSNonRetriableError, KafkaJSProtocolError }
  from 'kafkajs';
import { describe, expect, it } from 'vitest';

import { isRecoverableCrash } from '../../src/runtime/kafka-errors.js';

// kafkajs's typings leave out the `cause` its retrier passes; the classes take it.
const NonRetriable = KafkaJSNonRetriableError as unknown as
  new (error: Error, metadata: { cause: Error }) => Error;

/**
 * Fault (found by the fault run, one run in six): while the broker restarted, kafkajs
 * failed to find the group coordinator, called it non-retriable and stopped the consumer
 * for good; the worker process was left with nothing to do and exited, and its partitions
 * went unread until a rebalance. The worker now starts its consumer again on such crashes.
 */
describe('a consumer crash while the brokers are away', () => {
  it('is one the worker recovers from, as kafkajs wraps it', () => {
    // As kafkajs's retrier rejects once its retries are spent (src/retry/index.js).
    const cause = new (KafkaJSGroupCoordinatorNotFound as unknown as new (message: string) =>
      Error)('Failed to find group coordinator');
    const crash = new NonRetriable(cause, { cause });

    expect(isRecoverableCrash(crash)).toBe(true);
  });

  it('is not a request the broker refuses for good', () => {
    const refused = new KafkaJSProtocolError(Object.assign(
      new Error('Not authorized to access group'),
      { type: 'GROUP_AUTHORIZATION_FAILED', code: 30, retriable: false }));
    const crash = new NonRetriable(refused, { cause: refused });

    expect(isRecoverableCrash(crash)).toBe(false);
  });
});
