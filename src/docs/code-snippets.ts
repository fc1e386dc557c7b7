/**
 * TypeScript that uses the generated code for an event: publishing it with the producer
 * of a `send` operation, handling it with the handler interface of a `receive` one. The
 * names are the ones codegen gives, read from the same model.
 */
import type { MessageModel, OperationModel, ServiceModel } from '../codegen/model/model.js';
import { valueName } from '../codegen/model/naming.js';

/** Where the snippets import generated code from: `src/` next to the default `generated/`. */
const GENERATED_IMPORT = '../generated/index.js';

function namespaceOf(service: ServiceModel): string {
  return valueName(service.folder, 'service');
}

function methodSuffix(operation: OperationModel, message: MessageModel): string | undefined {
  return operation.messages.find((m) => m.messageId === message.id)?.methodSuffix;
}

/** What the producer method takes: `data` for events in the envelope, else the payload. */
export function producerArgument(message: MessageModel, example: unknown): unknown {
  const isRecord = typeof example === 'object' && example !== null && !Array.isArray(example);
  if (message.envelopeDataType !== undefined && isRecord && 'data' in example) return example.data;
  return example;
}

export function producerSnippet(
  service: ServiceModel,
  operation: OperationModel,
  message: MessageModel,
  example: unknown,
): string | undefined {
  const suffix = methodSuffix(operation, message);
  if (suffix === undefined) return undefined;
  const ns = namespaceOf(service);
  const argument = JSON.stringify(producerArgument(message, example), null, 2) ?? 'undefined';
  return [
    `import { ${ns} } from '${GENERATED_IMPORT}';`,
    '',
    '// `publisher` is the one EventPublisher of the process (src/runtime).',
    `const producer = new ${ns}.${operation.className}(publisher);`,
    `await producer.publish${suffix}(${argument});`,
  ].join('\n');
}

export function handlerSnippet(
  service: ServiceModel,
  operation: OperationModel,
  message: MessageModel,
): string | undefined {
  const suffix = methodSuffix(operation, message);
  if (suffix === undefined) return undefined;
  const ns = namespaceOf(service);
  const others = operation.messages.length - 1;
  const workerFactory = `create${operation.className.replace(/Handlers$/, '')}Worker`;
  const logMessage = JSON.stringify(`handling ${message.eventType}`);
  const otherMethods = `  // …and one method for each of the other ${others} event type(s).`;
  const body = message.envelopeDataType === undefined ? 'event' : 'event.data';
  return [
    `import { ${ns} } from '${GENERATED_IMPORT}';`,
    '',
    `const handlers: ${ns}.${operation.className} = {`,
    `  async on${suffix}(event, context) {`,
    `    context.logger.info({ data: ${body} }, ${logMessage});`,
    '  },',
    ...(others > 0 ? [otherMethods] : []),
    '};',
    `const worker = ${ns}.${workerFactory}({ kafka, logger }, handlers);`,
    'await worker.start();',
  ].join('\n');
}
