/**
 * Builds the model of every parsed document: services, channels, messages, operations
 * and types, with every generated name decided here, once.
 */
import path from 'node:path';

import type {
  ChannelInterface,
  MessageInterface,
  OperationInterface,
} from '@asyncapi/parser';

import type { Diagnostic } from '../diagnostics.js';
import { pointerSegments, type ParsedDocument } from '../load/parse-documents.js';
import {
  KAFKA_PROTOCOLS,
  addressParameters,
  declaredValue,
  illegalTopicReason,
  readKafkaChannelBinding,
} from './kafka-topics.js';
import type {
  ChannelModel,
  CodegenModel,
  MessageModel,
  OperationMessage,
  OperationModel,
  ServerModel,
  ServiceModel,
  ValidatorSchema,
} from './model.js';
import { NameRegistry, fileName, typeName, valueName } from './naming.js';
import { mergeAllOf } from './merge-all-of.js';
import { PayloadTypeBuilder } from './payload-types.js';
import { toAcyclicSchema } from './schema-graph.js';
import { invalidPatterns, missingPointerSegment, sensitivePointers } from './schema-walk.js';
import { schemaProblems } from './schema-validity.js';
import { UNKNOWN, type TypeExpression } from './types.js';

export interface ModelResult {
  readonly model: CodegenModel;
  readonly diagnostics: Diagnostic[];
}

/** Names that generated files import from the runtime; types must not take them. */
const RUNTIME_NAMES = [
  'EventPublisher', 'Publisher', 'PublishOptions', 'BatchOptions', 'OutgoingEvent', 'HandlerContext',
  'Worker', 'WorkerRuntime', 'WorkerOptions', 'MessageDescriptor', 'ChannelDescriptor',
  'SendOperationDescriptor', 'ReceiveOperationDescriptor', 'Route', 'route', 'createWorker',
  'ValidateFunction',
];

const ENVELOPE_KEYS = ['event_type', 'event_id', 'timestamp', 'data'];
const KEY_EXPRESSION = /^\$message\.payload#(\/.*)?$/;

export async function buildModel(documents: readonly ParsedDocument[]): Promise<ModelResult> {
  const diagnostics: Diagnostic[] = [];
  const folders = new NameRegistry();
  const baseDir = commonFolder(documents.map((d) => d.file.absolutePath));
  const services: ServiceModel[] = [];

  for (const parsed of documents) {
    const folder = folders.claim(serviceFolderName(parsed.file.absolutePath, baseDir), parsed.displayPath);
    services.push(await buildService(parsed, folder, diagnostics));
  }

  return { model: { services }, diagnostics };
}

function commonFolder(files: readonly string[]): string {
  const folders = files.map((file) => path.dirname(file).split(path.sep));
  const first = folders[0] ?? [];
  let length = first.length;
  for (const folder of folders) {
    let same = 0;
    while (same < length && folder[same] === first[same]) same += 1;
    length = same;
  }
  return first.slice(0, length).join(path.sep) || path.sep;
}

/** `asyncapi/features.yaml` → `features`; `backend/asyncapi.yaml` → `backend`. */
function serviceFolderName(file: string, baseDir: string): string {
  const relative = path.relative(baseDir, file).replace(/\.(ya?ml|json)$/i, '');
  const parts = relative.split(path.sep);
  if (parts.length > 1 && /^asyncapi$/i.test(parts[parts.length - 1] ?? '')) parts.pop();
  return fileName(parts.join('-'));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

async function buildService(
  parsed: ParsedDocument,
  folder: string,
  diagnostics: Diagnostic[],
): Promise<ServiceModel> {
  const document = parsed.document;
  const info = document.info();
  const typeNames = new NameRegistry(RUNTIME_NAMES);
  const valueNames = new NameRegistry(RUNTIME_NAMES);
  const types = new PayloadTypeBuilder(typeNames);
  const schemas: ValidatorSchema[] = [];
  const warn = (pointer: string, message: string): void => {
    diagnostics.push({ severity: 'warning', location: parsed.locate(pointer), message });
  };
  const fail = (pointer: string, message: string): void => {
    diagnostics.push({ severity: 'error', location: parsed.locate(pointer), message });
  };

  const servers: ServerModel[] = document.servers().all().map((server) => ({
    name: server.id(),
    protocol: server.protocol(),
    host: serverHost(server),
    description: server.description(),
  }));

  // Messages, each once, in document order: first those of channels, then components.
  const messageSources: MessageInterface[] = [];
  const messageByJson = new Map<unknown, MessageModel>();
  for (const channel of document.channels().all()) messageSources.push(...channel.messages().all());
  messageSources.push(...document.components().messages().all());
  const uniqueSources = [...new Map(messageSources.map((m) => [m.json(), m])).values()];

  // Event types: a message's name, or its id when it has none. Where two messages on one
  // channel would share one, both use their ids, until no channel has two alike.
  const declaredIds = new Map(uniqueSources.map((m, index) => [m.json(), declaredIdOf(m, index)]));
  const eventTypes = new Map(
    uniqueSources.map((m) => [m.json(), text(m.name()) ?? declaredIds.get(m.json()) ?? '']),
  );
  for (let changed = true; changed; ) {
    changed = false;
    for (const channel of document.channels().all()) {
      const byType = new Map<string, unknown[]>();
      for (const message of new Set(channel.messages().all().map((m) => m.json()))) {
        const type = eventTypes.get(message) ?? '';
        byType.set(type, [...(byType.get(type) ?? []), message]);
      }
      for (const [type, sharing] of byType) {
        const renamed = sharing.filter((m) => eventTypes.get(m) !== declaredIds.get(m));
        if (sharing.length < 2 || renamed.length === 0) continue;
        for (const message of renamed) eventTypes.set(message, declaredIds.get(message) ?? type);
        changed = true;
        warn(
          channel.meta().pointer,
          `channel "${channel.id()}" has ${sharing.length} messages with event type "${type}"; ` +
            'their ids are used as event types instead',
        );
      }
    }
  }

  const defaultContentType = document.defaultContentType() ?? 'application/json';
  const messageIds = new NameRegistry();
  for (const [index, source] of uniqueSources.entries()) {
    const model = await buildMessage(source, index);
    messageByJson.set(source.json(), model);
  }

  /**
   * The key a message has in `messages`. 2.x messages declared inline have none, and the
   * parser numbers them in document order; they are named after where they stand instead,
   * so that adding a channel elsewhere does not rename them.
   */
  function declaredIdOf(source: MessageInterface, index: number): string {
    const json = source.json() as Record<string, unknown>;
    const declared = text(source.id()) ?? text(json['x-parser-message-name']) ?? text(source.name());
    if (declared !== undefined && !/^<anonymous-message-\d+>$/.test(declared)) return declared;
    const steps = pointerSegments(source.meta().pointer ?? '').filter((step) => step !== 'channels' && step !== 'message');
    return steps.length > 0 ? valueName(steps.join(' '), 'message') : `message${index + 1}`;
  }

  async function buildMessage(source: MessageInterface, index: number): Promise<MessageModel> {
    const json = source.json() as Record<string, unknown>;
    const pointer = source.meta().pointer ?? '';
    const declaredId = declaredIds.get(json) ?? `message${index + 1}`;
    const id = messageIds.claim(declaredId, pointer || declaredId);
    const eventType = eventTypes.get(json) ?? id;
    const baseName = typeName(eventType, 'Message');
    const contentType = text(json.contentType) ?? (isAvro(source) ? 'avro/binary' : defaultContentType);

    const payloadSchema = unwrapSchema(source.payload()?.json());
    const headersSchema = unwrapSchema(source.headers()?.json());
    for (const { pattern, reason } of invalidPatterns([payloadSchema, source.headers()?.json()])) {
      fail(pointer, `message "${eventType}" has the pattern ${JSON.stringify(pattern)}, which is no valid regular expression: ${reason}`);
    }
    // Checked before Modelina and Ajv see them: neither says where a bad schema is wrong.
    let usable = true;
    const checked = (part: 'payload' | 'headers', schema: unknown): unknown => {
      const validatorSchema = toAcyclicSchema(schema, { stripAnnotations: true });
      // A multi-format schema (3.0) holds the schema itself one step further in.
      const at = unwrapSchema(json[part]) === json[part] ? `${pointer}/${part}` : `${pointer}/${part}/schema`;
      for (const problem of schemaProblems(validatorSchema)) {
        usable = false;
        fail(`${at}${problem.path}`, `message "${eventType}" has a ${part} schema that is not valid JSON Schema: ${problem.message}`);
      }
      return validatorSchema;
    };
    const payloadValidatorSchema = payloadSchema === undefined ? true : checked('payload', payloadSchema);
    const headersValidatorSchema = headersSchema === undefined ? undefined : checked('headers', headersSchema);
    const typeOf = async (schema: unknown, name: string): Promise<TypeExpression> => {
      if (!usable) return UNKNOWN;
      try {
        return await types.typeOf(forTypes(schema), name);
      } catch (thrown) {
        fail(pointer, `message "${eventType}" has a schema that Modelina cannot model: ${(thrown as Error).message}`);
        return UNKNOWN;
      }
    };
    const payloadType = await typeOf(payloadSchema, `${baseName}Payload`);
    const headersType = headersSchema === undefined ? undefined : await typeOf(headersSchema, `${baseName}Headers`);

    const validatorName = valueNames.claim(`validate${baseName}`, `${id}:payload`);
    schemas.push({ exportName: validatorName, schema: payloadValidatorSchema });
    let headersValidatorName: string | undefined;
    if (headersValidatorSchema !== undefined) {
      headersValidatorName = valueNames.claim(`validate${baseName}Headers`, `${id}:headers`);
      schemas.push({ exportName: headersValidatorName, schema: headersValidatorSchema });
    }

    const rawKey = json['x-key'];
    let key: MessageModel['key'];
    if (rawKey !== undefined) {
      const match = typeof rawKey === 'string' ? KEY_EXPRESSION.exec(rawKey) : null;
      if (match === null) {
        fail(
          `${pointer}/x-key`,
          `message "${eventType}" has x-key ${JSON.stringify(rawKey)}, which is not of the form ` +
            '$message.payload#/path/to/field',
        );
      } else {
        const keyPointer = match[1] ?? '';
        const missing = missingPointerSegment(payloadSchema, keyPointer);
        if (missing !== undefined) {
          fail(
            `${pointer}/x-key`,
            `message "${eventType}" has x-key "${rawKey}", which points nowhere: the payload ` +
              `declares no property "${missing.segment}" at ${missing.parent}`,
          );
        }
        key = { expression: rawKey as string, pointer: keyPointer };
      }
    }

    return {
      id,
      eventType,
      title: text(source.title()),
      summary: text(source.summary()),
      description: text(source.description()),
      contentType,
      payloadSchema,
      payloadType,
      headersType,
      headersSchema,
      envelopeDataType: envelopeDataType(payloadType, eventType),
      key,
      sensitivePaths: sensitivePointers(payloadSchema),
      examples: source.examples().all().map((example) => ({
        name: example.name(),
        summary: example.summary(),
        payload: example.payload(),
        headers: example.headers(),
      })),
      typeName: baseName,
      validatorName,
      headersValidatorName,
      descriptorName: valueNames.claim(`${valueName(eventType, 'message')}Message`, `${id}:descriptor`),
      location: parsed.locate(pointer),
    };
  }

  /**
   * The type of `data` when the payload is the house envelope: exactly the four required
   * keys, with the types producers fill in, so that a producer that takes only `data` can
   * make every payload the schema allows.
   */
  function envelopeDataType(payloadType: TypeExpression, eventType: string): TypeExpression | undefined {
    if (payloadType.kind !== 'reference') return undefined;
    const declaration = types.declarations.find((d) => d.name === payloadType.name);
    if (declaration?.kind !== 'interface') return undefined;
    const required = new Map(declaration.properties.filter((p) => p.required).map((p) => [p.key, p.type]));
    if (required.size !== ENVELOPE_KEYS.length || !ENVELOPE_KEYS.every((key) => required.has(key))) {
      return undefined;
    }
    const isString = (type: TypeExpression | undefined): boolean =>
      type?.kind === 'primitive' && type.name === 'string';
    const type = required.get('event_type');
    const typeFits = isString(type) || (type?.kind === 'literal' && type.value === eventType);
    if (!typeFits || !isString(required.get('event_id')) || !isString(required.get('timestamp'))) {
      return undefined;
    }
    return required.get('data');
  }

  const channels: ChannelModel[] = document.channels().all().map((channel) => buildChannel(channel));

  function buildChannel(channel: ChannelInterface): ChannelModel {
    const json = channel.json() as Record<string, unknown>;
    const pointer = channel.meta().pointer ?? `/channels/${channel.id()}`;
    const kafka = readKafkaChannelBinding(channel.bindings().get('kafka')?.json());
    const address = channel.address() ?? undefined;
    const topic = kafka.topic ?? address;
    const messages = channel.messages().all().map((m) => messageByJson.get(m.json()));

    const parameterNames = topic === undefined ? [] : addressParameters(topic);
    const argumentNames = new NameRegistry();
    const parameters = parameterNames.map((name) => {
      const parameter = channel.parameters().get(name);
      const parameterJson = (parameter?.json() ?? {}) as Record<string, unknown>;
      const schema = parameter?.schema()?.json() as Record<string, unknown> | undefined;
      const values = Array.isArray(parameterJson.enum) ? parameterJson.enum : schema?.enum;
      return {
        name,
        propertyName: argumentNames.claim(valueName(name, 'parameter'), name),
        values: Array.isArray(values) ? values.map((value) => String(value)) : undefined,
        description: text(parameterJson.description) ?? text(schema?.description),
      };
    });

    const protocols = channel.servers().all().map((server) => server.protocol());
    let noKafkaReason: string | undefined;
    if (topic === undefined) {
      noKafkaReason = 'it has no address';
    } else if (protocols.length > 0 && !protocols.some((p) => KAFKA_PROTOCOLS.has(p))) {
      noKafkaReason = `it travels over ${[...new Set(protocols)].join(', ')}, not Kafka`;
    } else {
      noKafkaReason = illegalTopicReason(topic);
      const notJson = messages.find((m) => m !== undefined && !isJsonContentType(m.contentType));
      if (noKafkaReason === undefined && notJson !== undefined) {
        noKafkaReason = `message "${notJson.eventType}" is ${notJson.contentType}, not JSON`;
      }
    }

    return {
      id: channel.id(),
      address: address ?? '',
      topic: topic ?? '',
      description: text(json.description) ?? text(json.summary),
      parameters,
      kafka,
      messageIds: messages.flatMap((m) => (m === undefined ? [] : [m.id])),
      noKafkaReason,
      constantName: valueNames.claim(`${valueName(channel.id(), 'channel')}Channel`, `channel:${channel.id()}`),
      location: parsed.locate(pointer),
    };
  }

  const channelById = new Map(channels.map((channel) => [channel.id, channel]));
  const messages = [...messageByJson.values()];
  const messagesById = new Map(messages.map((m) => [m.id, m]));
  const operations: OperationModel[] = [];
  const operationIds = new NameRegistry();
  for (const operation of document.operations().all()) {
    const built = buildOperation(operation);
    if (built !== undefined) operations.push(built);
  }

  /**
   * The dead-letter topic an operation names: `x-dead-letter-channel` (a channel id, or a
   * `$ref` to a channel) or `x-dead-letter-topic` (a topic name).
   */
  function deadLetterTopicOf(json: Record<string, unknown>, pointer: string): string | undefined {
    const named = json['x-dead-letter-channel'];
    if (named !== undefined) {
      const found = document.channels().all().find((c) => c.id() === named || c.json() === named);
      const topic = found === undefined ? undefined : channelById.get(found.id())?.topic;
      if (topic === undefined) {
        fail(`${pointer}/x-dead-letter-channel`, `x-dead-letter-channel names no channel of this document`);
      }
      return topic;
    }
    return text(json['x-dead-letter-topic']);
  }

  function buildOperation(operation: OperationInterface): OperationModel | undefined {
    const json = operation.json() as Record<string, unknown>;
    const pointer = operation.meta().pointer ?? '';
    const channel = operation.channels().all()[0];
    const channelModel = channel === undefined ? undefined : channelById.get(channel.id());
    if (channelModel === undefined) {
      warn(pointer, `operation "${operation.id()}" names no channel; it gets no code`);
      return undefined;
    }

    // An operation that lists no messages handles every message of its channel.
    const listed = operation.messages().all().map((m) => messageByJson.get(m.json()));
    const messageModels = (listed.length > 0 ? listed : channelModel.messageIds.map((id) => messagesById.get(id)))
      .filter((m): m is MessageModel => m !== undefined);
    // `publishBatch` is taken by the batch method of every producer.
    const methodNames = new NameRegistry(['Batch']);
    const messages: OperationMessage[] = messageModels.map((message) => ({
      messageId: message.id,
      methodSuffix: methodNames.claim(message.typeName, message.id),
    }));

    const action = operation.isSend() ? 'send' : 'receive';
    const binding = operation.bindings().get('kafka')?.json() as Record<string, unknown> | undefined;
    const declaredGroup = declaredValue(binding?.groupId);
    // 2.x operations without an operationId are all called "publish" or "subscribe".
    const declaredId = text(json.operationId) ?? (document.version().startsWith('2.') ? undefined : operation.id());
    const id = operationIds.claim(declaredId ?? `${action}${typeName(channelModel.id)}`, pointer);
    const base = typeName(id, 'Operation');
    const className = typeNames.claim(action === 'send' ? `${base}Producer` : `${base}Handlers`, `operation:${pointer}`);

    return {
      id,
      action,
      channelId: channelModel.id,
      messages,
      summary: text(operation.summary()),
      description: text(operation.description()),
      // Made from the document's own title, not its folder, whose name depends on others.
      groupId: typeof declaredGroup === 'string'
        ? declaredGroup
        : `${fileName(info.title())}.${fileName(id, 'operation')}`,
      deadLetterTopic: deadLetterTopicOf(json, pointer),
      className,
      batchEventTypeName: action === 'send' ? typeNames.claim(`${className}Event`, `operation-event:${pointer}`) : undefined,
      descriptorName: valueNames.claim(`${valueName(id, 'operation')}Operation`, `operation:${pointer}`),
      location: parsed.locate(pointer),
    };
  }

  for (const collision of typeNames.collisions) {
    warn('', `two declarations would both be named ${collision.name}; the second is named ${collision.given}`);
  }
  for (const channel of channels) {
    if (channel.noKafkaReason !== undefined) {
      diagnostics.push({
        severity: 'warning',
        location: channel.location,
        message: `channel "${channel.id}" gets types but no producer or worker: ${channel.noKafkaReason}`,
      });
    }
  }

  return {
    documentPath: parsed.displayPath,
    folder,
    title: info.title(),
    version: info.version(),
    asyncapiVersion: document.version(),
    description: text(info.description()),
    servers,
    channels,
    messages,
    operations,
    types: types.declarations,
    schemas,
  };
}

/**
 * AsyncAPI 3 lets a payload name its format: `{ schemaFormat, schema }`. The parser has
 * already converted the schema (Avro, OpenAPI) to JSON Schema; the wrapper remains.
 */
function unwrapSchema(json: unknown): unknown {
  if (isRecord(json) && 'schemaFormat' in json && 'schema' in json) return json.schema;
  return json;
}

/** The schema as Modelina should see it: acyclic, annotated, `allOf` merged. */
function forTypes(schema: unknown): unknown {
  return schema === undefined ? undefined : mergeAllOf(toAcyclicSchema(schema, { stripAnnotations: false }));
}

/**
 * Avro schemas with no declared content type describe Avro binary on the wire, as with
 * a schema registry; only a declared JSON content type makes them JSON.
 */
function isAvro(source: MessageInterface): boolean {
  const payload = source.payload()?.json() as unknown;
  const format = (isRecord(payload) ? payload.schemaFormat : undefined) ?? (source.json() as Record<string, unknown>).schemaFormat;
  return typeof format === 'string' && /avro/i.test(format);
}

/** The parser reads 2.x URLs with `new URL`, which throws on templated or bare hosts. */
function serverHost(server: { host(): string; url(): string }): string {
  try {
    return server.host();
  } catch {
    return server.url();
  }
}

export function isJsonContentType(contentType: string): boolean {
  return /(^|[/+])json(\s*;|$)/i.test(contentType.trim());
}
