/**
 * Cross references inside one service model, looked up by id.
 */
import type { ChannelModel, MessageModel, OperationModel, ServiceModel } from '../model/model.js';

export interface ServiceLookup {
  message(id: string): MessageModel;
  channel(id: string): ChannelModel;
  /** Operations whose channel gets producers and workers. */
  kafkaOperations(action: OperationModel['action']): OperationModel[];
}

export function lookup(service: ServiceModel): ServiceLookup {
  const messages = new Map(service.messages.map((m) => [m.id, m]));
  const channels = new Map(service.channels.map((c) => [c.id, c]));
  const find = <T>(map: Map<string, T>, id: string, what: string): T => {
    const found = map.get(id);
    if (found === undefined) throw new Error(`The model of ${service.documentPath} has no ${what} "${id}".`);
    return found;
  };
  return {
    message: (id) => find(messages, id, 'message'),
    channel: (id) => find(channels, id, 'channel'),
    kafkaOperations: (action) =>
      service.operations.filter(
        (o) => o.action === action && find(channels, o.channelId, 'channel').noKafkaReason === undefined,
      ),
  };
}
