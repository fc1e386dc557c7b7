/**
 * The topics the documents declare, read from the codegen model: every channel that gets
 * producers and workers, on each topic its enumerated parameter values give, and the
 * dead-letter topic of every `receive` operation on it.
 */
import type { Diagnostic, SourceLocation } from '../codegen/diagnostics.js';
import type { ChannelModel, CodegenModel } from '../codegen/model/model.js';
import { expandAddress } from '../runtime/topic-address.js';
import {
  mergeTopicRequests,
  type TopicDeclaration,
  type TopicRequest,
} from './topic-declaration.js';

export interface ModelTopics {
  readonly topics: readonly TopicDeclaration[];
  /** Conflicts between documents are errors; channels whose topics are unknown are notes. */
  readonly diagnostics: readonly Diagnostic[];
}

export function topicsOfModel(model: CodegenModel): ModelTopics {
  const requests: TopicRequest[] = [];
  const diagnostics: Diagnostic[] = [];
  const locations = new Map<string, SourceLocation>();

  for (const service of model.services) {
    for (const channel of service.channels) {
      if (channel.noKafkaReason !== undefined) continue;
      const topics = concreteTopics(channel);
      if (topics === undefined) {
        const open = channel.parameters.filter((parameter) => !parameter.values?.length);
        diagnostics.push({
          severity: 'note',
          location: channel.location,
          message: `channel "${channel.id}" (${channel.topic}) is not created: parameter ` +
            `${open.map((parameter) => `"${parameter.name}"`).join(', ')} has no enumerated ` +
            'values, so its topics are only known when they are used',
        });
        continue;
      }

      const source = where(channel.location);
      locations.set(source, channel.location);
      for (const topic of topics) {
        requests.push({
          topic,
          partitions: channel.kafka.partitions,
          replicas: channel.kafka.replicas,
          config: channel.kafka.topicConfig,
          source,
          derived: false,
        });
      }

      for (const operation of service.operations) {
        if (operation.action !== 'receive' || operation.channelId !== channel.id) continue;
        const dlqSource = where(operation.location);
        locations.set(dlqSource, operation.location);
        const deadLetterTopics = operation.deadLetterTopic === undefined
          ? topics.map((topic) => `${topic}.${operation.groupId}.dlq`)
          : [operation.deadLetterTopic];
        for (const topic of new Set(deadLetterTopics)) {
          // Dead letters keep the source's partitions, so that a replay can keep per-key
          // order; they keep none of its configuration, since letters may need to stay longer.
          requests.push({
            topic,
            partitions: channel.kafka.partitions,
            replicas: channel.kafka.replicas,
            config: {},
            source: dlqSource,
            derived: true,
          });
        }
      }
    }
  }

  const merged = mergeTopicRequests(requests);
  for (const conflict of merged.conflicts) {
    const first = conflict.values[0];
    const location = (first && locations.get(first.source)) ?? { file: '', line: 1, column: 1 };
    const said = conflict.values.map((entry) => `${entry.value} at ${entry.source}`).join(', ');
    diagnostics.push({
      severity: 'error',
      location,
      message: `the documents disagree on ${conflict.setting} of topic "${conflict.topic}": ` +
        `${said}`,
    });
  }
  return { topics: merged.topics, diagnostics };
}

/** The topics of a channel, or undefined when a parameter has no enumerated values. */
function concreteTopics(channel: ChannelModel): string[] | undefined {
  const values: Record<string, readonly string[] | undefined> = {};
  for (const parameter of channel.parameters) values[parameter.name] = parameter.values;
  return expandAddress(channel.topic, values);
}

function where(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}
