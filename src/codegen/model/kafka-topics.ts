/**
 * What Kafka accepts as a topic name, and what the Kafka bindings of a channel say.
 */
import type { KafkaChannelBinding } from './model.js';

const LEGAL_TOPIC = /^[A-Za-z0-9._-]{1,249}$/;
const PARAMETER_PLACEHOLDER = /\{([^{}]+)\}/g;

export const KAFKA_PROTOCOLS = new Set(['kafka', 'kafka-secure']);

/** Why a topic name is not legal in Kafka, or undefined when it is. */
export function illegalTopicReason(topic: string): string | undefined {
  // Parameters are filled in at run time; check the address with a legal stand-in.
  const filled = topic.replace(PARAMETER_PLACEHOLDER, 'x');
  if (filled === '.' || filled === '..') return `"${topic}" is not a legal Kafka topic name`;
  if (!LEGAL_TOPIC.test(filled)) {
    return (
      `"${topic}" is not a legal Kafka topic name ` +
      '(only letters, digits, ".", "_" and "-", at most 249 characters)'
    );
  }
  return undefined;
}

export function addressParameters(address: string): string[] {
  return [...address.matchAll(PARAMETER_PLACEHOLDER)].map((match) => match[1] ?? '');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A single value a binding field declares, whether written plainly or as a schema. */
export function declaredValue(field: unknown): unknown {
  if (!isRecord(field)) return field;
  if ('const' in field) return field.const;
  if (Array.isArray(field.enum) && field.enum.length > 0) return field.enum[0];
  if ('default' in field) return field.default;
  return undefined;
}

export function readKafkaChannelBinding(binding: unknown): KafkaChannelBinding {
  if (!isRecord(binding)) {
    return { topic: undefined, partitions: undefined, replicas: undefined, topicConfig: {} };
  }
  const topicConfig: Record<string, string> = {};
  if (isRecord(binding.topicConfiguration)) {
    for (const [key, value] of Object.entries(binding.topicConfiguration)) {
      // Bindings spell configuration in camelCase; Kafka wants dotted names.
      const kafkaName = key.replace(/[A-Z]/g, (letter) => `.${letter.toLowerCase()}`);
      topicConfig[kafkaName] = Array.isArray(value) ? value.join(',') : String(value);
    }
  }
  return {
    topic: typeof binding.topic === 'string' ? binding.topic : undefined,
    partitions: typeof binding.partitions === 'number' ? binding.partitions : undefined,
    replicas: typeof binding.replicas === 'number' ? binding.replicas : undefined,
    topicConfig,
  };
}
