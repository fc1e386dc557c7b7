import { randomBytes } from 'node:crypto';

import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Bootstrap addresses, comma-separated, as `KAFKA_BROKERS` takes them. */
    kafkaBrokers: string;
  }
}

/**
 * The brokers of this test run, for `new Kafka({ brokers: brokers() })`:
 * the ones named in `KAFKA_BROKERS`, or the broker that
 * test/setup/kafka-global-setup.ts started.
 */
export function brokers(): string[] {
  const list = inject('kafkaBrokers') || process.env['KAFKA_BROKERS'] || '';
  const addresses = list.split(',').map((address) => address.trim()).filter(Boolean);
  if (addresses.length === 0) {
    throw new Error(
      'No Kafka broker for this test: KAFKA_BROKERS is not set and the global setup ' +
        'test/setup/kafka-global-setup.ts did not run.',
    );
  }
  return addresses;
}

let counter = 0;

/**
 * A topic or group name that no other test, worker or earlier run on the
 * same broker uses, so tests never see each other's messages or members.
 */
export function uniqueName(prefix: string): string {
  if (!/^[a-zA-Z0-9._-]+$/.test(prefix)) {
    throw new Error(`Name prefix "${prefix}" may only hold letters, digits, '.', '_' and '-'.`);
  }
  counter += 1;
  return `${prefix}-${randomBytes(4).toString('hex')}-${counter}`;
}
