/**
 * The topics a running service needs, read from the descriptors of its generated code
 * rather than from the documents, so that a service checks them without parsing YAML.
 * A document that only reads a topic may leave out settings that its owner declares; the
 * check then holds the topic to what this service's documents say, which is less.
 */
import { deadLetterTopicFor } from '../runtime/dead-letter.js';
import type {
  ChannelDescriptor,
  ReceiveOperationDescriptor,
  SendOperationDescriptor,
} from '../runtime/descriptors.js';
import { expandAddress } from '../runtime/topic-address.js';
import {
  mergeTopicRequests,
  type TopicDeclaration,
  type TopicRequest,
} from './topic-declaration.js';

export interface ServiceOperations {
  readonly receive: readonly ReceiveOperationDescriptor[];
  readonly send: readonly SendOperationDescriptor[];
}

export function topicsOfOperations(operations: ServiceOperations): TopicDeclaration[] {
  const requests: TopicRequest[] = [];

  for (const operation of operations.send) {
    for (const topic of channelTopics(operation.channel)) {
      requests.push(channelRequest(operation.channel, topic, `operation "${operation.id}"`));
    }
  }
  for (const operation of operations.receive) {
    const source = `operation "${operation.id}"`;
    for (const topic of channelTopics(operation.channel)) {
      requests.push(channelRequest(operation.channel, topic, source));
      requests.push({
        topic: deadLetterTopicFor(operation, topic, operation.groupId),
        partitions: operation.channel.partitions,
        replicas: operation.channel.replicas,
        config: {},
        source: `dead letters of ${source}`,
        derived: true,
      });
    }
  }

  // Descriptors of one build cannot disagree with each other, except through a stale
  // generated/; the first declaration then wins, and `npm run topics` reports the conflict.
  return mergeTopicRequests(requests).topics;
}

function channelTopics(channel: ChannelDescriptor): string[] {
  const values: Record<string, readonly string[] | undefined> = {};
  for (const parameter of channel.parameters) values[parameter.name] = parameter.values;
  return expandAddress(channel.address, values) ?? [];
}

function channelRequest(channel: ChannelDescriptor, topic: string, source: string): TopicRequest {
  return {
    topic,
    partitions: channel.partitions,
    replicas: channel.replicas,
    config: channel.topicConfig,
    source,
    derived: false,
  };
}
