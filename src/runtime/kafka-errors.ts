/**
 * Which kafkajs failures are worth another try later: the broker being away or busy, as
 * opposed to a request the broker will never accept (too large, bad topic, no rights).
 */
const transientNames = new Set([
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSLockTimeout',
  'KafkaJSMetadataNotLoaded',
  'KafkaJSTopicMetadataNotLoaded',
  'KafkaJSStaleTopicMetadataAssignment',
  'KafkaJSNoBrokerAvailableError',
]);

export function isTransientKafkaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, retriable, originalError } = error as {
    name?: unknown;
    retriable?: unknown;
    originalError?: unknown;
  };
  if (name === 'KafkaJSNumberOfRetriesExceeded' && originalError !== undefined) {
    return isTransientKafkaError(originalError) || (originalError as { retriable?: unknown })
      .retriable === true;
  }
  if (typeof name === 'string' && transientNames.has(name)) return true;
  return retriable === true;
}

/** The broker refused a record or a batch as larger than it accepts; trying again cannot help. */
export function isTooLargeKafkaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { type, originalError } = error as { type?: unknown; originalError?: unknown };
  if (type === 'MESSAGE_TOO_LARGE' || type === 'RECORD_LIST_TOO_LARGE') return true;
  return originalError !== undefined && isTooLargeKafkaError(originalError);
}

/**
 * kafkajs stops a consumer for good when an error it calls non-retriable ends its run, and
 * one such is not finding the group coordinator while a broker restarts. The worker starts
 * itself again on those: the broker going away is to be ridden out.
 */
export function isRecoverableCrash(error: unknown): boolean {
  for (let cause: unknown = error; typeof cause === 'object' && cause !== null;
    cause = (cause as { cause?: unknown }).cause) {
    const { name } = cause as { name?: unknown };
    if (name === 'KafkaJSGroupCoordinatorNotFound' || isTransientKafkaError(cause)) return true;
  }
  return false;
}
