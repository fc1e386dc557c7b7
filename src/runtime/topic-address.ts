import { RuntimeError } from './runtime-error.js';

/**
 * Channel addresses are topics with `{parameter}` placeholders. Producers fill them with
 * one value per parameter; workers either expand enumerated values into concrete topics
 * or subscribe by a pattern.
 */

const legalTopic = /^[A-Za-z0-9._-]{1,249}$/;
const placeholder = /\{([^{}]+)\}/g;

export function isLegalTopic(topic: string): boolean {
  return legalTopic.test(topic) && topic !== '.' && topic !== '..';
}

/** The names of the parameters an address uses, in order of first appearance. */
export function addressParameters(address: string): string[] {
  const names: string[] = [];
  for (const match of address.matchAll(placeholder)) {
    const name = match[1] as string;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** Addresses without placeholders already found legal: the topic of every event sent to them. */
const legalFixedAddresses = new Set<string>();

export function fillAddress(address: string, parameters: Readonly<Record<string, string>>): string {
  // Checked once, not once an event: most channels have no parameters.
  if (legalFixedAddresses.has(address)) return address;
  const topic = address.replace(placeholder, (_, name: string) => {
    const value = parameters[name];
    if (value === undefined) {
      throw new RuntimeError(
        'missing-parameter',
        `channel "${address}" needs a value for parameter "${name}"`,
      );
    }
    if (!isLegalTopic(value) || value.includes('.')) {
      throw new RuntimeError(
        'illegal-topic',
        `channel "${address}": parameter "${name}" is ${JSON.stringify(value)}, ` +
          'but a parameter value may only contain letters, digits, "_" and "-"',
      );
    }
    return value;
  });

  if (!isLegalTopic(topic)) {
    throw new RuntimeError(
      'illegal-topic',
      `channel "${address}" gives "${topic}", which is not a legal Kafka topic ` +
        '(1 to 249 of letters, digits, ".", "_" and "-")',
    );
  }
  // Without placeholders the address is the topic; with any, a value replaced one.
  if (topic === address) legalFixedAddresses.add(address);
  return topic;
}

/**
 * Every topic the enumerated values give, or undefined when some parameter has no values,
 * in which case the worker subscribes by `addressPattern`.
 */
export function expandAddress(
  address: string,
  values: Readonly<Record<string, readonly string[] | undefined>>,
): string[] | undefined {
  let combinations: Record<string, string>[] = [{}];
  for (const name of addressParameters(address)) {
    const options = values[name];
    if (options === undefined || options.length === 0) return undefined;
    combinations = combinations.flatMap((partial) =>
      options.map((value) => ({ ...partial, [name]: value })),
    );
  }
  return [...new Set(combinations.map((parameters) => fillAddress(address, parameters)))];
}

/**
 * A pattern that matches every topic the address can give. Parameter values cannot hold a
 * dot, so `orders.{region}` does not match the dead-letter topic `orders.eu.group.dlq`.
 */
export function addressPattern(address: string): RegExp {
  let source = '';
  let last = 0;
  for (const match of address.matchAll(placeholder)) {
    source += escapeRegExp(address.slice(last, match.index)) + '[A-Za-z0-9_-]+';
    last = (match.index ?? 0) + match[0].length;
  }
  source += escapeRegExp(address.slice(last));
  return new RegExp(`^${source}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
