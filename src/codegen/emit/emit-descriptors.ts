/**
 * The descriptors of messages, channels and operations: the data the runtime works from.
 */

import type { ChannelModel, MessageModel, OperationModel, ServiceModel } from '../model/model.js';
import type { EmitOptions } from './emit-options.js';
import type { GeneratedFile } from './generated-file.js';
import { docText, printType } from './print-type.js';
import { lookup } from './service-lookup.js';
import { emitSourceFile, importNames, type StatementBuffer } from './source-file.js';
import { collectReferences } from './type-references.js';

export function emitDescriptors(service: ServiceModel, options: EmitOptions): GeneratedFile {
  const find = lookup(service);

  return emitSourceFile(`${service.folder}/descriptors.ts`, [service.documentPath], (file) => {
    const runtimeTypes = new Set(['MessageDescriptor']);
    if (service.channels.length > 0) runtimeTypes.add('ChannelDescriptor');
    if (service.operations.some((o) => o.action === 'send')) runtimeTypes.add('SendOperationDescriptor');
    if (service.operations.some((o) => o.action === 'receive')) runtimeTypes.add('ReceiveOperationDescriptor');
    if (service.messages.length === 0) runtimeTypes.delete('MessageDescriptor');

    importNames(file, options.runtimeImport, { types: runtimeTypes });
    importNames(file, './types.js', {
      types: collectReferences(service.messages.map((m) => m.payloadType)),
    });
    importNames(file, './validators.cjs', { values: service.messages.map((m) => m.validatorName) });

    for (const message of service.messages) addMessage(file, message);
    for (const channel of service.channels) addChannel(file, channel, find.message);
    for (const operation of service.operations) {
      addOperation(file, operation, find.channel(operation.channelId), find.message);
    }
    if (file.isEmpty) file.addStatements('export {};');
  });
}

// Written as one text statement: ts-morph gives multi-line initializers a hanging indent.
function addConstant(file: StatementBuffer, name: string, type: string, initializer: string, docs?: string): void {
  const comment = docs === undefined ? '' : `/** ${docs.replace(/\n/g, ' ')} */\n`;
  file.addStatements(`${comment}export const ${name}: ${type} = ${initializer};`);
}

function objectLiteral(entries: ReadonlyArray<[string, string]>): string {
  return `{\n${entries.map(([key, value]) => `  ${key}: ${value},`).join('\n')}\n}`;
}

function recordLiteral(record: Readonly<Record<string, string>>): string {
  const entries = Object.entries(record).map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
}

function addMessage(file: StatementBuffer, message: MessageModel): void {
  const schema = message.payloadSchema as Record<string, unknown> | undefined;
  addConstant(
    file,
    message.descriptorName,
    `MessageDescriptor<${printType(message.payloadType)}>`,
    objectLiteral([
      ['eventType', JSON.stringify(message.eventType)],
      ['messageId', JSON.stringify(message.id)],
      ['contentType', JSON.stringify(message.contentType)],
      ['envelope', String(message.envelopeDataType !== undefined)],
      ['keyPointer', message.key === undefined ? 'undefined' : JSON.stringify(message.key.pointer)],
      ['validate', message.validatorName],
      ['sensitivePaths', JSON.stringify(message.sensitivePaths)],
      ['tombstone', String(schema?.type === 'null')],
    ]),
    docText(`The message \`${message.id}\`, event type \`${message.eventType}\`.`),
  );
}

function addChannel(
  file: StatementBuffer,
  channel: ChannelModel,
  message: (id: string) => MessageModel,
): void {
  const parameters = channel.parameters.map((p) =>
    `{ name: ${JSON.stringify(p.name)}, values: ${p.values === undefined ? 'undefined' : JSON.stringify(p.values)} }`,
  );
  addConstant(
    file,
    channel.constantName,
    'ChannelDescriptor',
    objectLiteral([
      ['id', JSON.stringify(channel.id)],
      ['address', JSON.stringify(channel.topic)],
      ['parameters', `[${parameters.join(', ')}]`],
      ['messages', `[${channel.messageIds.map((id) => message(id).descriptorName).join(', ')}]`],
      ['partitions', String(channel.kafka.partitions)],
      ['replicas', String(channel.kafka.replicas)],
      ['topicConfig', recordLiteral(channel.kafka.topicConfig)],
    ]),
  );
}

function addOperation(
  file: StatementBuffer,
  operation: OperationModel,
  channel: ChannelModel,
  message: (id: string) => MessageModel,
): void {
  const messages = `[${operation.messages.map((m) => message(m.messageId).descriptorName).join(', ')}]`;
  const common: Array<[string, string]> = [
    ['id', JSON.stringify(operation.id)],
    ['channel', channel.constantName],
    ['messages', messages],
  ];
  if (operation.action === 'send') {
    addConstant(file, operation.descriptorName, 'SendOperationDescriptor', objectLiteral(common));
    return;
  }
  addConstant(
    file,
    operation.descriptorName,
    'ReceiveOperationDescriptor',
    objectLiteral([
      ...common,
      ['groupId', JSON.stringify(operation.groupId)],
      ['deadLetterTopic', operation.deadLetterTopic === undefined ? 'undefined' : JSON.stringify(operation.deadLetterTopic)],
    ]),
  );
}
