/**
 * A typed producer class for every `send` operation whose channel travels over Kafka:
 * one method per message, and a batch method for many events in one request.
 */
import { Scope } from 'ts-morph';

import type { ChannelModel, MessageModel, OperationModel, ServiceModel } from '../model/model.js';
import type { EmitOptions } from './emit-options.js';
import { singleLineComment, type GeneratedFile } from './generated-file.js';
import { docText, printType, propertyName } from './print-type.js';
import { lookup, type ServiceLookup } from './service-lookup.js';
import { emitSourceFile, importNames, indentedText, type StatementBuffer } from './source-file.js';
import { collectReferences } from './type-references.js';

export function emitProducers(service: ServiceModel, options: EmitOptions): GeneratedFile {
  const find = lookup(service);
  const operations = find.kafkaOperations('send');

  return emitSourceFile(`${service.folder}/producers.ts`, [service.documentPath], (file) => {
    const skipped = service.operations.filter((o) => o.action === 'send' && !operations.includes(o));
    for (const operation of skipped) {
      const reason = find.channel(operation.channelId).noKafkaReason ?? '';
      file.addStatements(
        `// No producer for operation "${singleLineComment(operation.id)}": ${singleLineComment(reason)}.`,
      );
    }
    if (operations.length === 0) {
      file.addStatements('export {};');
      return;
    }

    const messages = operations.flatMap((o) => o.messages.map((m) => find.message(m.messageId)));
    importNames(file, options.runtimeImport, {
      types: ['BatchOptions', 'Publisher', 'PublishOptions'],
    });
    importNames(file, './descriptors.js', {
      values: [...operations.map((o) => o.descriptorName), ...messages.map((m) => m.descriptorName)],
    });
    importNames(file, './types.js', { types: collectReferences(messages.map(dataType)) });

    for (const operation of operations) addProducer(file, operation, find);
  });
}

/** What a caller passes: the envelope's `data`, or the whole payload. */
function dataType(message: MessageModel) {
  return message.envelopeDataType ?? message.payloadType;
}

function parametersType(channel: ChannelModel): string {
  // Enumerated values are the only ones the document allows, and the only topics workers read.
  const members = channel.parameters.map((p) => {
    const type = p.values === undefined ? 'string' : p.values.map((v) => JSON.stringify(v)).join(' | ');
    return `${p.propertyName}: ${type}`;
  });
  return `{ ${members.join('; ')} }`;
}

function parametersValue(channel: ChannelModel): string {
  const entries = channel.parameters.map((p) => `${propertyName(p.name)}: parameters.${p.propertyName}`);
  return `{ ${entries.join(', ')} }`;
}

function addProducer(file: StatementBuffer, operation: OperationModel, find: ServiceLookup): void {
  const channel = find.channel(operation.channelId);
  const hasParameters = channel.parameters.length > 0;
  const eventUnion = operation.batchEventTypeName ?? `${operation.className}Event`;
  const parameterArgument = hasParameters ? [{ name: 'parameters', type: parametersType(channel) }] : [];
  const withParameters = hasParameters ? `{ ...options, parameters: ${parametersValue(channel)} }` : 'options';

  file.addTypeAlias({
    name: eventUnion,
    isExported: true,
    docs: [docText(`One event that \`${operation.className}.publishBatch\` sends.`) ?? ''],
    type: operation.messages
      .map((m) => {
        const message = find.message(m.messageId);
        return `\n| { eventType: ${JSON.stringify(message.eventType)}; data: ${printType(dataType(message), '    ')}; options?: PublishOptions }`;
      })
      .join(''),
  });

  const byEventType = operation.messages
    .map((m) => {
      const message = find.message(m.messageId);
      return `  ${JSON.stringify(message.eventType)}: ${message.descriptorName},`;
    })
    .join('\n');

  file.addClass({
    name: operation.className,
    isExported: true,
    docs: [
      docText(
        `Publishes the events of operation \`${operation.id}\` to topic \`${channel.topic}\`.`,
        operation.summary,
        operation.description,
      ) ?? '',
    ],
    // Any Publisher: the runtime's EventPublisher, or the recording one of the test harness.
    properties: [{ name: '#publisher', type: 'Publisher', isReadonly: true }],
    ctors: [
      {
        parameters: [{ name: 'publisher', type: 'Publisher' }],
        statements: 'this.#publisher = publisher;',
      },
    ],
    methods: [
      ...operation.messages.map((m) => {
        const message = find.message(m.messageId);
        return {
          name: `publish${m.methodSuffix}`,
          scope: Scope.Public,
          docs: [
            docText(
              `Publishes \`${message.eventType}\`${message.key ? `, keyed by \`${message.key.expression}\`` : ''}.`,
              message.summary,
            ) ?? '',
          ],
          parameters: [
            ...parameterArgument,
            { name: message.envelopeDataType ? 'data' : 'payload', type: printType(dataType(message), '  ') },
            { name: 'options', type: 'PublishOptions', hasQuestionToken: true },
          ],
          returnType: 'Promise<void>',
          statements: `return this.#publisher.publish(${operation.descriptorName}, ${message.descriptorName}, ${message.envelopeDataType ? 'data' : 'payload'}, ${withParameters});`,
        };
      }),
      {
        name: 'publishBatch',
        scope: Scope.Public,
        docs: ['Publishes many events in one produce request per partition leader.'],
        parameters: [
          ...parameterArgument,
          { name: 'events', type: `ReadonlyArray<${eventUnion}>` },
          { name: 'options', type: 'BatchOptions', hasQuestionToken: true },
        ],
        returnType: 'Promise<void>',
        statements: indentedText(
          [
            'const messages = {',
            byEventType,
            '} as const;',
            'return this.#publisher.publishBatch(',
            `  ${operation.descriptorName},`,
            '  events.map((event) => ({',
            '    message: messages[event.eventType],',
            '    data: event.data,',
            '    ...(event.options === undefined ? {} : { options: event.options }),',
            '  })),',
            `  ${hasParameters ? `{ ...options, parameters: ${parametersValue(channel)} }` : 'options'},`,
            ');',
          ].join('\n'),
        ),
      },
    ],
  });
}
