/**
 * Reads the contract of every parsed document straight from the parser's view, with
 * pointers back into the text for every channel, message and operation.
 */
import path from 'node:path';

import { pointerSegments, type ParsedDocument } from '../../codegen/load/parse-documents.js';
import { declaredValue, readKafkaChannelBinding } from '../../codegen/model/kafka-topics.js';
import { isMode, type Mode } from '../compatibility/modes.js';
import type {
  ChannelContract,
  ContractSet,
  DocumentContract,
  MessageContract,
  OperationContract,
} from './contract.js';
import { isRecord, normaliseSchema } from './normalise-schema.js';
import { definitionPointer, rawTree, schemaPointer, valueAt } from './raw-document.js';
import { locateNear } from './locate-near.js';

export function buildContracts(documents: readonly ParsedDocument[], root?: string): ContractSet {
  return { documents: documents.map((parsed) => buildDocumentContract(parsed, root)) };
}

function modeOf(json: unknown): Mode | undefined {
  const value = isRecord(json) ? json['x-compatibility'] : undefined;
  return isMode(value) ? value : undefined;
}

export function buildDocumentContract(parsed: ParsedDocument, root?: string): DocumentContract {
  const document = parsed.document;
  const tree = rawTree(parsed.file);

  const channels: ChannelContract[] = document
    .channels()
    .all()
    .map((channel) => {
      const pointer = channel.meta().pointer ?? `/channels/${channel.id()}`;
      const bindingJson = channel.bindings().get('kafka')?.json();
      const kafka = readKafkaChannelBinding(bindingJson);
      const messages: MessageContract[] = channel
        .messages()
        .all()
        .map((message) => {
          const json = message.json() as Record<string, unknown>;
          const declaredPointer = message.meta().pointer ?? `${pointer}/messages/${message.id()}`;
          const messagePointer = definitionPointer(tree, declaredPointer);
          const ref = valueAt(tree, messagePointer);
          const refText = isRecord(ref) && typeof ref.$ref === 'string' ? ref.$ref : '';
          const definedIn =
            refText === '' || refText.startsWith('#')
              ? parsed.file.absolutePath
              : path.resolve(path.dirname(parsed.file.absolutePath), refText.split('#')[0] ?? '');
          const keyBinding = message.bindings().get('kafka')?.json() as unknown;
          const rawKey = json['x-key'];
          return {
            id: message.id(),
            eventType: message.name() ?? message.id(),
            payload: normaliseSchema(message.payload()?.json()),
            headers: normaliseSchema(message.headers()?.json()),
            keySchema: normaliseSchema(isRecord(keyBinding) ? keyBinding.key : undefined),
            keyExpression: typeof rawKey === 'string' ? rawKey : undefined,
            definedIn,
            pointer: messagePointer,
            location: locateNear(parsed, messagePointer),
            keyLocation: locateNear(parsed, `${messagePointer}/x-key`),
            locateSchema(part, schemaPath) {
              const start =
                part === 'key'
                  ? `${messagePointer}/bindings/kafka/key`
                  : `${messagePointer}/${part}`;
              const steps = pointerSegments(schemaPath);
              return locateNear(parsed, schemaPointer(tree, start, steps));
            },
          };
        });
      return {
        id: channel.id(),
        topic: kafka.topic ?? channel.address() ?? '',
        partitions: kafka.partitions,
        otherBindings: JSON.stringify({ replicas: kafka.replicas, config: kafka.topicConfig }),
        mode: modeOf(channel.json()),
        messages,
        location: locateNear(parsed, pointer),
      };
    });

  const operations: OperationContract[] = document
    .operations()
    .all()
    .map((operation) => {
      const binding = operation.bindings().get('kafka')?.json() as unknown;
      const group = declaredValue(isRecord(binding) ? binding.groupId : undefined);
      const json = operation.json() as Record<string, unknown>;
      const id = typeof json.operationId === 'string' ? json.operationId : (operation.id() ?? '');
      return {
        id,
        action: operation.isSend() ? 'send' : 'receive',
        channelId: operation.channels().all()[0]?.id(),
        groupId: typeof group === 'string' ? group : undefined,
        location: locateNear(parsed, operation.meta().pointer ?? ''),
      };
    });

  return {
    path: parsed.displayPath,
    key:
      root === undefined
        ? parsed.displayPath
        : path.relative(root, parsed.file.absolutePath).split(path.sep).join('/'),
    parsed,
    mode: modeOf(document.json()),
    channels,
    operations,
  };
}
