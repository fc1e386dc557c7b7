import { readFileSync } from 'node:fs';

import type { RetryOptions } from './worker.js';
import { RuntimeError } from './runtime-error.js';

/**
 * Everything a service reads from its environment, checked at once, so that a typo in a
 * variable stops the process at start-up with the variable's name, not later with a
 * confusing broker error. README.md lists the variables.
 */
export interface RuntimeConfig {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly ssl: boolean | TlsConfig;
  readonly sasl: SaslConfig | undefined;
  readonly connectionTimeoutMs: number;
  /** Start-up attempts to reach the brokers before giving up. */
  readonly connectAttempts: number;
  readonly concurrency: number;
  readonly retry: Required<RetryOptions>;
  readonly logLevel: string;
  readonly shutdownTimeoutMs: number;
  readonly metricsPort: number | undefined;
  readonly metricsHost: string;
}

export interface TlsConfig {
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
  readonly rejectUnauthorized: boolean;
}

export type SaslConfig =
  | { readonly mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
      readonly username: string; readonly password: string };

type Env = Readonly<Record<string, string | undefined>>;

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const mechanisms = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;

export function loadRuntimeConfig(
  env: Env = process.env,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): RuntimeConfig {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);

  const brokers = (read.text('KAFKA_BROKERS') ?? '127.0.0.1:9092')
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
  for (const broker of brokers) {
    if (!/^[^\s:]+:\d{1,5}$/.test(broker)) {
      problems.push(`KAFKA_BROKERS: "${broker}" is not host:port`);
    }
  }
  if (brokers.length === 0) problems.push('KAFKA_BROKERS: no broker given');

  const config: RuntimeConfig = {
    brokers,
    clientId: read.text('KAFKA_CLIENT_ID') ?? 'asyncapi-kafka',
    ssl: readTls(read, readFile, problems),
    sasl: readSasl(read, problems),
    connectionTimeoutMs: read.integer('KAFKA_CONNECTION_TIMEOUT_MS', 3000, 1),
    connectAttempts: read.integer('KAFKA_CONNECT_ATTEMPTS', 5, 1),
    concurrency: read.integer('WORKER_CONCURRENCY', 1, 1),
    retry: {
      attempts: read.integer('WORKER_RETRY_ATTEMPTS', 5, 1),
      baseDelayMs: read.integer('WORKER_RETRY_BASE_DELAY_MS', 200, 0),
      maxDelayMs: read.integer('WORKER_RETRY_MAX_DELAY_MS', 30_000, 0),
    },
    logLevel: read.choice('LOG_LEVEL', logLevels, 'info'),
    shutdownTimeoutMs: read.integer('SHUTDOWN_TIMEOUT_MS', 30_000, 1),
    metricsPort: read.optionalInteger('METRICS_PORT', 0, 65_535),
    metricsHost: read.text('METRICS_HOST') ?? '127.0.0.1',
  };

  if (problems.length > 0) {
    throw new RuntimeError('invalid-config',
      `the environment has ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  }
  return config;
}

function readTls(
  read: EnvReader,
  readFile: (path: string) => string,
  problems: string[],
): boolean | TlsConfig {
  const enabled = read.boolean('KAFKA_TLS', false);
  const files = {
    ca: read.text('KAFKA_TLS_CA_FILE'),
    cert: read.text('KAFKA_TLS_CERT_FILE'),
    key: read.text('KAFKA_TLS_KEY_FILE'),
  };
  const rejectUnauthorized = read.boolean('KAFKA_TLS_REJECT_UNAUTHORIZED', true);
  const anyFile = Object.values(files).some((file) => file !== undefined);
  if (!enabled && !anyFile) return false;
  if (!anyFile && rejectUnauthorized) return true;

  const tls: { ca?: string; cert?: string; key?: string; rejectUnauthorized: boolean } = {
    rejectUnauthorized,
  };
  for (const [field, path] of Object.entries(files) as ['ca' | 'cert' | 'key', string][]) {
    if (path === undefined) continue;
    try {
      tls[field] = readFile(path);
    } catch (thrown) {
      const reason = thrown instanceof Error ? thrown.message : String(thrown);
      problems.push(`KAFKA_TLS_${field.toUpperCase()}_FILE: cannot read ${path}: ${reason}`);
    }
  }
  return tls;
}

function readSasl(read: EnvReader, problems: string[]): SaslConfig | undefined {
  const mechanism = read.text('KAFKA_SASL_MECHANISM')?.toLowerCase();
  if (mechanism === undefined) return undefined;
  if (!(mechanisms as readonly string[]).includes(mechanism)) {
    problems.push(`KAFKA_SASL_MECHANISM: "${mechanism}" is not one of ${mechanisms.join(', ')}`);
    return undefined;
  }
  const username = read.text('KAFKA_SASL_USERNAME');
  const password = read.text('KAFKA_SASL_PASSWORD');
  if (username === undefined) problems.push('KAFKA_SASL_USERNAME: needed with KAFKA_SASL_MECHANISM');
  if (password === undefined) problems.push('KAFKA_SASL_PASSWORD: needed with KAFKA_SASL_MECHANISM');
  if (username === undefined || password === undefined) return undefined;
  return { mechanism: mechanism as SaslConfig['mechanism'], username, password };
}

class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  text(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  integer(name: string, fallback: number, min: number): number {
    return this.optionalInteger(name, min, Number.MAX_SAFE_INTEGER) ?? fallback;
  }

  optionalInteger(name: string, min: number, max: number): number | undefined {
    const text = this.text(name);
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max) {
      this.problems.push(`${name}: "${text}" is not a whole number from ${min} to ${max}`);
      return undefined;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const text = this.text(name)?.toLowerCase();
    if (text === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(text)) return true;
    if (['0', 'false', 'no', 'off'].includes(text)) return false;
    this.problems.push(`${name}: "${text}" is not true or false`);
    return fallback;
  }

  choice(name: string, choices: readonly string[], fallback: string): string {
    const text = this.text(name)?.toLowerCase();
    if (text === undefined) return fallback;
    if (choices.includes(text)) return text;
    this.problems.push(`${name}: "${text}" is not one of ${choices.join(', ')}`);
    return fallback;
  }
}
