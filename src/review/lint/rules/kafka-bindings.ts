/**
 * Kafka bindings say what the topic needs: a partition count (it decides per-key order
 * and cannot shrink), replicas when given, and a consumer group for every receiver.
 */
import { isRecord } from '../../contract/normalise-schema.js';
import { declaredValue, illegalTopicReason } from '../../../codegen/model/kafka-topics.js';
import type { LintRule, RuleFinding } from '../rule.js';
import { locateNear } from '../../contract/locate-near.js';

function isPositiveInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

export const kafkaBindings: LintRule = {
  id: 'kafka-bindings',
  defaultSeverity: 'error',
  description:
    'Every channel has a Kafka binding with a positive whole partitions (and ' +
    'replicas when given) and a legal topic; every receive operation names its groupId.',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const parsed of context.documents) {
      for (const channel of parsed.document.channels().all()) {
        const pointer = channel.meta().pointer ?? '';
        const binding = channel.bindings().get('kafka')?.json() as unknown;
        const at = (field: string): string => `${pointer}/bindings/kafka/${field}`;
        if (!isRecord(binding)) {
          findings.push({
            location: locateNear(parsed, pointer),
            message:
              `channel "${channel.id()}" ` +
              'has no Kafka binding; declare at least bindings.kafka.partitions',
          });
          continue;
        }
        if (!isPositiveInteger(binding.partitions)) {
          findings.push({
            location: locateNear(parsed, at('partitions')),
            message: `channel "${channel.id()}" declares no positive whole number of partitions`,
          });
        }
        if (binding.replicas !== undefined && !isPositiveInteger(binding.replicas)) {
          findings.push({
            location: locateNear(parsed, at('replicas')),
            message:
              `channel ` +
              `"${channel.id()}" declares replicas ${JSON.stringify(binding.replicas)}, which ` +
              'is not a positive whole number',
          });
        }
        const topic = typeof binding.topic === 'string' ? binding.topic : channel.address();
        const illegal =
          topic === null || topic === undefined ? undefined : illegalTopicReason(topic);
        if (illegal !== undefined) {
          findings.push({
            location: locateNear(parsed, pointer),
            message: `channel "${channel.id()}": ` + illegal,
          });
        }
      }
      for (const operation of parsed.document.operations().all()) {
        if (!operation.isReceive()) continue;
        const binding = operation.bindings().get('kafka')?.json() as unknown;
        const group = declaredValue(isRecord(binding) ? binding.groupId : undefined);
        if (typeof group !== 'string' || group === '') {
          findings.push({
            location: locateNear(parsed, operation.meta().pointer ?? ''),
            message:
              `receive operation "${operation.id()}" names no consumer group in ` +
              'bindings.kafka.groupId',
          });
        }
      }
    }
    return findings;
  },
};
