import { describe, expect, it } from 'vitest';

import { isRuntimeError, loadRuntimeConfig } from '../../src/runtime/index.js';

describe('loadRuntimeConfig', () => {
  it('has defaults for a local broker', () => {
    expect(loadRuntimeConfig({})).toEqual({
      brokers: ['127.0.0.1:9092'],
      clientId: 'asyncapi-kafka',
      ssl: false,
      sasl: undefined,
      connectionTimeoutMs: 3000,
      connectAttempts: 5,
      concurrency: 1,
      retry: { attempts: 5, baseDelayMs: 200, maxDelayMs: 30_000 },
      logLevel: 'info',
      shutdownTimeoutMs: 30_000,
      metricsPort: undefined,
      metricsHost: '127.0.0.1',
    });
  });

  it('reads brokers, client id, SASL, TLS, concurrency, retries and log level', () => {
    const files: Record<string, string> = { '/ca.pem': 'CA' };
    const config = loadRuntimeConfig({
      KAFKA_BROKERS: 'a:9092, b:9093',
      KAFKA_CLIENT_ID: 'orders',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: 'u',
      KAFKA_SASL_PASSWORD: 'p',
      KAFKA_TLS: 'true',
      KAFKA_TLS_CA_FILE: '/ca.pem',
      WORKER_CONCURRENCY: '4',
      WORKER_RETRY_ATTEMPTS: '7',
      WORKER_RETRY_BASE_DELAY_MS: '50',
      WORKER_RETRY_MAX_DELAY_MS: '1000',
      LOG_LEVEL: 'debug',
      METRICS_PORT: '9464',
    }, (path) => files[path] ?? '');

    expect(config).toMatchObject({
      brokers: ['a:9092', 'b:9093'],
      clientId: 'orders',
      sasl: { mechanism: 'scram-sha-512', username: 'u', password: 'p' },
      ssl: { ca: 'CA', rejectUnauthorized: true },
      concurrency: 4,
      retry: { attempts: 7, baseDelayMs: 50, maxDelayMs: 1000 },
      logLevel: 'debug',
      metricsPort: 9464,
    });
  });

  it('reports every bad variable at once, by name', () => {
    let thrown: unknown;
    try {
      loadRuntimeConfig({
        KAFKA_BROKERS: 'localhost',
        WORKER_CONCURRENCY: 'many',
        LOG_LEVEL: 'loud',
        KAFKA_SASL_MECHANISM: 'plain',
      });
    } catch (error) {
      thrown = error;
    }
    expect(isRuntimeError(thrown, 'invalid-config')).toBe(true);
    expect((thrown as Error).message).toBe([
      'the environment has 5 problem(s):',
      '  KAFKA_BROKERS: "localhost" is not host:port',
      '  KAFKA_SASL_USERNAME: needed with KAFKA_SASL_MECHANISM',
      '  KAFKA_SASL_PASSWORD: needed with KAFKA_SASL_MECHANISM',
      '  WORKER_CONCURRENCY: "many" is not a whole number from 1 to 9007199254740991',
      '  LOG_LEVEL: "loud" is not one of fatal, error, warn, info, debug, trace, silent',
    ].join('\n'));
  });
});
