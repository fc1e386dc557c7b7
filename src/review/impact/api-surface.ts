/**
 * The generated API of a codegen model, as a reviewer meets it: handler interfaces with
 * their methods, producer classes with their methods, and the names of the types. Types
 * are printed with every reference expanded, so that a change deep inside a payload
 * shows in the method that carries it.
 */
import { printType } from '../../codegen/emit/print-type.js';
import type { CodegenModel, MessageModel, ServiceModel } from '../../codegen/model/model.js';
import type { TypeDeclaration, TypeExpression } from '../../codegen/model/types.js';

export interface ApiMethod {
  readonly name: string;
  /** The argument type, references expanded. */
  readonly argument: string;
  /** The argument type as the generated code names it. */
  readonly argumentName: string;
}

export interface ApiUnit {
  readonly kind: 'handlers' | 'producer';
  /** `features/FeaturesProducer`: the service folder and the generated name. */
  readonly key: string;
  readonly name: string;
  readonly channelId: string;
  readonly methods: readonly ApiMethod[];
}

export interface ApiSurface {
  readonly units: readonly ApiUnit[];
  /** `folder/TypeName` of every generated type. */
  readonly types: ReadonlySet<string>;
  /** Message id in a service folder → the type name its payload gets. */
  readonly messageTypes: ReadonlyMap<string, string>;
}

export function apiSurface(model: CodegenModel): ApiSurface {
  const units: ApiUnit[] = [];
  const types = new Set<string>();
  const messageTypes = new Map<string, string>();

  for (const service of model.services) {
    const expand = expander(service.types);
    const messages = new Map(service.messages.map((m) => [m.id, m]));
    for (const declaration of service.types) types.add(`${service.folder}/${declaration.name}`);
    for (const message of service.messages) {
      messageTypes.set(`${service.folder}/${message.id}`, message.typeName);
    }

    for (const operation of service.operations) {
      const channel = service.channels.find((c) => c.id === operation.channelId);
      if (channel?.noKafkaReason !== undefined) continue;
      const methods = operation.messages.flatMap((m) => {
        const message = messages.get(m.messageId);
        if (message === undefined) return [];
        const type = argumentType(message, operation.action);
        return [
          {
            name: `${operation.action === 'send' ? 'publish' : 'on'}${m.methodSuffix}`,
            argument: expand(type),
            argumentName: printType(type),
          },
        ];
      });
      units.push({
        kind: operation.action === 'send' ? 'producer' : 'handlers',
        key: `${service.folder}/${operation.id}`,
        name: operation.className,
        channelId: operation.channelId,
        methods,
      });
    }
  }
  return { units, types, messageTypes };
}

/** Producers take the envelope's `data`; handlers get the whole payload. */
function argumentType(message: MessageModel, action: 'send' | 'receive'): TypeExpression {
  return action === 'send'
    ? (message.envelopeDataType ?? message.payloadType)
    : message.payloadType;
}

function expander(declarations: ServiceModel['types']): (type: TypeExpression) => string {
  const byName = new Map<string, TypeDeclaration>(declarations.map((d) => [d.name, d]));
  const expand = (type: TypeExpression, seen: ReadonlySet<string>): TypeExpression => {
    switch (type.kind) {
      case 'reference': {
        const declaration = byName.get(type.name);
        if (declaration === undefined || seen.has(type.name)) return type;
        const inner = new Set([...seen, type.name]);
        if (declaration.kind === 'alias') return expand(declaration.type, inner);
        return {
          kind: 'object',
          properties: declaration.properties.map((p) => ({ ...p, type: expand(p.type, inner) })),
        };
      }
      case 'array':
        return { kind: 'array', item: expand(type.item, seen) };
      case 'tuple':
        // Spread, so that what else a tuple says (optional and rest items) is kept.
        return { ...type, items: type.items.map((item) => expand(item, seen)) };
      case 'union':
        return { kind: 'union', members: type.members.map((member) => expand(member, seen)) };
      case 'record':
        return { kind: 'record', value: expand(type.value, seen) };
      case 'object':
        return {
          kind: 'object',
          properties: type.properties.map((p) => ({ ...p, type: expand(p.type, seen) })),
        };
      default:
        return type;
    }
  };
  return (type) => printType(expand(type, new Set()));
}
