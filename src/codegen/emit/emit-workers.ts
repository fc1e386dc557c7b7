/**
 * For every `receive` operation whose channel travels over Kafka: a handler interface
 * with one method per message, and a function that makes its worker. A message added
 * to the channel adds a method, so a handler that lacks it no longer compiles.
 */


import type { OperationModel, ServiceModel } from '../model/model.js';
import type { EmitOptions } from './emit-options.js';
import { singleLineComment, type GeneratedFile } from './generated-file.js';
import { docText, printType } from './print-type.js';
import { lookup, type ServiceLookup } from './service-lookup.js';
import { emitSourceFile, importNames, indentedText, type StatementBuffer } from './source-file.js';
import { collectReferences } from './type-references.js';

export function workerFactoryName(operation: OperationModel): string {
  return `create${operation.className.replace(/Handlers$/, '')}Worker`;
}

export function emitWorkers(service: ServiceModel, options: EmitOptions): GeneratedFile {
  const find = lookup(service);
  const operations = find.kafkaOperations('receive');

  return emitSourceFile(`${service.folder}/workers.ts`, [service.documentPath], (file) => {
    const skipped = service.operations.filter((o) => o.action === 'receive' && !operations.includes(o));
    for (const operation of skipped) {
      const reason = find.channel(operation.channelId).noKafkaReason ?? '';
      file.addStatements(
        `// No worker for operation "${singleLineComment(operation.id)}": ${singleLineComment(reason)}.`,
      );
    }
    if (operations.length === 0) {
      file.addStatements('export {};');
      return;
    }

    const messages = operations.flatMap((o) => o.messages.map((m) => find.message(m.messageId)));
    importNames(file, options.runtimeImport, {
      values: ['createWorker', 'route'],
      types: ['HandlerContext', 'Worker', 'WorkerOptions', 'WorkerRuntime'],
    });
    importNames(file, './descriptors.js', {
      values: [...operations.map((o) => o.descriptorName), ...messages.map((m) => m.descriptorName)],
    });
    importNames(file, './types.js', { types: collectReferences(messages.map((m) => m.payloadType)) });

    for (const operation of operations) addWorker(file, operation, find);
  });
}

function addWorker(file: StatementBuffer, operation: OperationModel, find: ServiceLookup): void {
  const channel = find.channel(operation.channelId);

  file.addInterface({
    name: operation.className,
    isExported: true,
    docs: [
      docText(
        `Handles the events of operation \`${operation.id}\` from topic \`${channel.topic}\`, ` +
          `consumer group \`${operation.groupId}\`.`,
        operation.summary,
        operation.description,
      ) ?? '',
    ],
    methods: operation.messages.map((m) => {
      const message = find.message(m.messageId);
      return {
        name: `on${m.methodSuffix}`,
        docs: [docText(`Handles \`${message.eventType}\`.`, message.summary) ?? ''],
        parameters: [
          { name: 'event', type: printType(message.payloadType, '  ') },
          { name: 'context', type: 'HandlerContext' },
        ],
        returnType: 'void | Promise<void>',
      };
    }),
  });

  const routes = operation.messages
    .map((m) => {
      const message = find.message(m.messageId);
      return `    route(${message.descriptorName}, (event, context) => handlers.on${m.methodSuffix}(event, context)),`;
    })
    .join('\n');

  file.addFunction({
    name: workerFactoryName(operation),
    isExported: true,
    docs: [docText(`Makes the worker of operation \`${operation.id}\`; call \`start()\` on it to consume.`) ?? ''],
    parameters: [
      { name: 'runtime', type: 'WorkerRuntime' },
      { name: 'handlers', type: operation.className },
      { name: 'options', type: 'WorkerOptions', hasQuestionToken: true },
    ],
    returnType: 'Worker',
    statements: indentedText(
      `return createWorker(\n  runtime,\n  ${operation.descriptorName},\n  [\n${routes}\n  ],\n  options,\n);`,
    ),
  });
}
