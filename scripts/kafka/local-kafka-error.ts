/** Why a local broker could not be fetched, started or stopped. */
export type LocalKafkaErrorCode =
  | 'tool-missing'
  | 'fetch-failed'
  | 'format-failed'
  | 'port-in-use'
  | 'broker-exited'
  | 'start-timeout'
  | 'stop-timeout'
  | 'bad-usage';

/**
 * The one error of the local Kafka scripts. Callers branch on `code`, not on
 * the message, and the CLI prints the message as it is.
 */
export class LocalKafkaError extends Error {
  override readonly name = 'LocalKafkaError';
  readonly code: LocalKafkaErrorCode;

  constructor(code: LocalKafkaErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
