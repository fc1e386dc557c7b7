import { Kafka, logLevel } from 'kafkajs';

export interface WaitOptions {
  timeoutMs: number;
  /** Stops the wait early when the broker process is gone. */
  isRunning: () => boolean;
}

export type WaitOutcome = 'ready' | 'exited' | 'timeout';

/**
 * Waits until a client can do what tests do first: connect and list topics.
 * An open port is not enough, the broker accepts connections before its
 * metadata is loaded.
 */
export async function waitForBroker(brokers: string, options: WaitOptions): Promise<WaitOutcome> {
  const deadline = Date.now() + options.timeoutMs;
  const kafka = new Kafka({
    clientId: 'local-broker-probe',
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    retry: { retries: 0 },
  });

  while (Date.now() < deadline) {
    if (!options.isRunning()) {
      return 'exited';
    }
    const admin = kafka.admin({ retry: { retries: 0 } });
    try {
      await admin.connect();
      await admin.listTopics();
      return 'ready';
    } catch {
      // Not ready yet; the next try comes after a short pause below.
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    // Nothing announces readiness, so the probe is repeated on a short beat.
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return 'timeout';
}
