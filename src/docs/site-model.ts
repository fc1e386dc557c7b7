/**
 * The codegen model seen across documents, as the site presents it: one topic however
 * many documents declare it, one event type however many documents reference it, and
 * for each who sends and who receives it.
 */
import { compareText } from '../codegen/diagnostics.js';
import type {
  ChannelModel,
  CodegenModel,
  MessageModel,
  OperationModel,
  ServiceModel,
} from '../codegen/model/model.js';
import { eventPage, servicePage, topicPage } from './site-paths.js';

export interface OperationUse {
  readonly service: ServiceModel;
  readonly operation: OperationModel;
  readonly channel: ChannelModel;
  /** Event types the operation sends or receives. */
  readonly eventTypes: readonly string[];
}

export interface ServiceView {
  readonly service: ServiceModel;
  readonly page: string;
}

export interface TopicView {
  readonly topic: string;
  readonly page: string;
  /** Every channel, in any document, with this topic. */
  readonly channels: ReadonlyArray<{
    readonly service: ServiceModel;
    readonly channel: ChannelModel;
  }>;
  readonly senders: readonly OperationUse[];
  readonly receivers: readonly OperationUse[];
  readonly eventTypes: readonly string[];
}

export interface EventDeclaration {
  readonly service: ServiceModel;
  readonly message: MessageModel;
}

export interface EventView {
  readonly eventType: string;
  readonly page: string;
  /**
   * The declarations that differ in payload, headers or key; usually one. Each lists
   * the documents that declare it that way.
   */
  readonly variants: ReadonlyArray<readonly EventDeclaration[]>;
  readonly topics: readonly string[];
  readonly senders: readonly OperationUse[];
  readonly receivers: readonly OperationUse[];
}

export interface SiteModel {
  readonly services: readonly ServiceView[];
  readonly topics: readonly TopicView[];
  readonly events: readonly EventView[];
  readonly documentPaths: readonly string[];
}

/** The topic a channel is shown under; channels without an address go by their id. */
export function topicOf(channel: ChannelModel): string {
  return channel.topic === '' ? channel.id : channel.topic;
}

export function buildSiteModel(model: CodegenModel): SiteModel {
  const services = [...model.services].sort(
    (a, b) => compareText(a.title, b.title) || compareText(a.folder, b.folder),
  );
  const topics = new Map<
    string,
    { channels: TopicView['channels'][number][]; types: Set<string> }
  >();
  const events = new Map<string, { declarations: EventDeclaration[]; topics: Set<string> }>();
  const uses: OperationUse[] = [];

  for (const service of services) {
    const messages = new Map(service.messages.map((message) => [message.id, message]));
    const channels = new Map(service.channels.map((channel) => [channel.id, channel]));

    for (const message of service.messages) {
      const entry = events.get(message.eventType) ?? { declarations: [], topics: new Set() };
      entry.declarations.push({ service, message });
      events.set(message.eventType, entry);
    }
    for (const channel of service.channels) {
      const topic = topicOf(channel);
      const entry = topics.get(topic) ?? { channels: [], types: new Set() };
      entry.channels.push({ service, channel });
      for (const id of channel.messageIds) {
        const eventType = messages.get(id)?.eventType;
        if (eventType === undefined) continue;
        entry.types.add(eventType);
        events.get(eventType)?.topics.add(topic);
      }
      topics.set(topic, entry);
    }
    for (const operation of service.operations) {
      const channel = channels.get(operation.channelId);
      if (channel === undefined) continue;
      const eventTypes = operation.messages.flatMap(
        (m) => messages.get(m.messageId)?.eventType ?? [],
      );
      uses.push({ service, operation, channel, eventTypes });
    }
  }

  const byAction = (action: OperationModel['action'], test: (use: OperationUse) => boolean) =>
    uses.filter((use) => use.operation.action === action && test(use));

  return {
    services: services.map((service) => ({ service, page: servicePage(service.folder) })),
    topics: [...topics.entries()]
      .sort(([a], [b]) => compareText(a, b))
      .map(([topic, entry]) => {
        const onTopic = (use: OperationUse): boolean => topicOf(use.channel) === topic;
        return {
          topic,
          page: topicPage(topic),
          channels: entry.channels,
          senders: byAction('send', onTopic),
          receivers: byAction('receive', onTopic),
          eventTypes: [...entry.types].sort(compareText),
        };
      }),
    events: [...events.entries()]
      .sort(([a], [b]) => compareText(a, b))
      .map(([eventType, entry]) => {
        const carries = (use: OperationUse): boolean => use.eventTypes.includes(eventType);
        const senders = byAction('send', carries);
        return {
          eventType,
          page: eventPage(eventType),
          variants: variantsOf(entry.declarations, senders),
          topics: [...entry.topics].sort(compareText),
          senders,
          receivers: byAction('receive', carries),
        };
      }),
    documentPaths: services.map((service) => service.documentPath).sort(compareText),
  };
}

/**
 * Groups declarations that say the same thing. The documents of a service that sends
 * the event come first: theirs is the declaration that the others read.
 */
function variantsOf(declarations: readonly EventDeclaration[], senders: readonly OperationUse[]) {
  const sending = new Set(senders.map((use) => use.service));
  const ordered = [...declarations].sort(
    (a, b) => Number(sending.has(b.service)) - Number(sending.has(a.service)),
  );
  const groups = new Map<string, EventDeclaration[]>();
  for (const declaration of ordered) {
    const { message } = declaration;
    const print = fingerprint([
      message.payloadSchema,
      message.headersSchema,
      message.key?.expression,
    ]);
    groups.set(print, [...(groups.get(print) ?? []), declaration]);
  }
  return [...groups.values()];
}

/** A schema's content as text, without the parser's ids, which differ between files. */
function fingerprint(value: unknown): string {
  const onPath = new Set<unknown>();
  const visit = (node: unknown): unknown => {
    if (typeof node !== 'object' || node === null) return node;
    if (onPath.has(node)) return '(cycle)';
    onPath.add(node);
    const result = Array.isArray(node)
      ? node.map(visit)
      : Object.fromEntries(
          Object.entries(node)
            .filter(([key]) => !key.startsWith('x-parser-'))
            .map(([key, child]) => [key, visit(child)]),
        );
    onPath.delete(node);
    return result;
  };
  return JSON.stringify(visit(value)) ?? '';
}
