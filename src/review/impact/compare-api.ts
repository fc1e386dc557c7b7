/**
 * How the generated API changes between two versions: what a reviewer must expect to
 * fix by hand. A handler interface that gains a method breaks the compile of every
 * worker of its channel until the method is written.
 */
import type { ApiSurface, ApiUnit } from './api-surface.js';
import { assignability } from './type-assignability.js';

export interface ApiImpact {
  readonly kind:
    | 'handler-method-added'
    | 'handler-method-removed'
    | 'producer-method-added'
    | 'producer-method-removed'
    | 'argument-narrowed'
    | 'argument-widened'
    | 'argument-type-changed'
    | 'unit-added'
    | 'unit-removed'
    | 'unit-renamed'
    | 'type-renamed'
    | 'type-added'
    | 'type-removed';
  readonly message: string;
}

interface ArgumentChange {
  readonly unit: ApiUnit;
  readonly method: string;
  readonly before: string;
  readonly after: string;
}

export function compareApi(before: ApiSurface, after: ApiSurface): ApiImpact[] {
  const impacts: ApiImpact[] = [];
  const argumentChanges: ArgumentChange[] = [];
  const oldUnits = new Map(before.units.map((u) => [u.key, u]));
  const newKeys = new Set(after.units.map((u) => u.key));

  for (const unit of after.units) {
    const old = oldUnits.get(unit.key);
    if (old === undefined) {
      impacts.push({ kind: 'unit-added', message: `new ${describe(unit)}` });
      continue;
    }
    if (old.name !== unit.name) {
      impacts.push({
        kind: 'unit-renamed',
        message: `${old.name} is renamed to ${unit.name}; its importers must follow`,
      });
    }
    impacts.push(...compareMethods(old, unit, argumentChanges));
  }
  impacts.push(...describeArguments(argumentChanges));
  for (const unit of before.units) {
    if (!newKeys.has(unit.key)) {
      impacts.push({ kind: 'unit-removed', message: `${describe(unit)} is no longer generated` });
    }
  }

  // A message whose payload type gets another name: the old name is gone for importers.
  const renamedTypes = new Set<string>();
  for (const [message, newName] of after.messageTypes) {
    const oldName = before.messageTypes.get(message);
    if (oldName === undefined || oldName === newName) continue;
    renamedTypes.add(oldName).add(newName);
    impacts.push({
      kind: 'type-renamed',
      message: `type ${oldName}Payload is renamed to ${newName}Payload`,
    });
  }
  const name = (key: string): string => key.slice(key.indexOf('/') + 1);
  const isRenamed = (key: string): boolean =>
    [...renamedTypes].some((base) => name(key).startsWith(base));
  for (const key of after.types) {
    if (!before.types.has(key) && !isRenamed(key)) {
      impacts.push({ kind: 'type-added', message: `new type ${name(key)} (${key})` });
    }
  }
  for (const key of before.types) {
    if (!after.types.has(key) && !isRenamed(key)) {
      impacts.push({
        kind: 'type-removed',
        message: `type ${name(key)} (${key}) is no longer generated; its importers break`,
      });
    }
  }
  // Two methods can take one message; a reviewer needs each sentence once.
  return impacts.filter(
    (impact, index) => impacts.findIndex((other) => other.message === impact.message) === index,
  );
}

function describe(unit: ApiUnit): string {
  return unit.kind === 'handlers'
    ? `handler interface ${unit.name} (channel ${unit.channelId})`
    : `producer ${unit.name} (channel ${unit.channelId})`;
}

function compareMethods(
  old: ApiUnit,
  unit: ApiUnit,
  argumentChanges: ArgumentChange[],
): ApiImpact[] {
  const impacts: ApiImpact[] = [];
  const oldMethods = new Map(old.methods.map((m) => [m.name, m]));
  const newNames = new Set(unit.methods.map((m) => m.name));
  const handlers = unit.kind === 'handlers';

  for (const method of unit.methods) {
    const before = oldMethods.get(method.name);
    if (before === undefined) {
      impacts.push(
        handlers
          ? {
              kind: 'handler-method-added',
              message:
                `${unit.name} gains ${method.name}: every ` +
                `worker of channel ${unit.channelId} must implement it`,
            }
          : { kind: 'producer-method-added', message: `${unit.name} gains ${method.name}` },
      );
    } else if (before.argument !== method.argument) {
      argumentChanges.push({
        unit,
        method: method.name,
        before: before.argument,
        after: method.argument,
      });
    }
  }
  for (const method of old.methods) {
    if (newNames.has(method.name)) continue;
    impacts.push(
      handlers
        ? {
            kind: 'handler-method-removed',
            message:
              `${unit.name} loses ${method.name}; ` +
              'implementations keep a method nothing calls',
          }
        : {
            kind: 'producer-method-removed',
            message: `${unit.name} loses ${method.name}; its callers no longer compile`,
          },
    );
  }
  return impacts;
}

/**
 * Narrowed or widened, as the compiler sees it: a producer argument that no longer
 * accepts the old type breaks its callers; a handler that receives more breaks the
 * assumptions of its implementations.
 */
function describeArguments(changes: readonly ArgumentChange[]): ApiImpact[] {
  const answers = assignability(
    changes.flatMap((c) => [
      { from: c.before, to: c.after },
      { from: c.after, to: c.before },
    ]),
  );
  return changes.map((change, index) => {
    const oldFits = answers[2 * index];
    const newFits = answers[2 * index + 1];
    const name = `${change.unit.name}.${change.method}`;
    const types = `\`${oneLine(change.before)}\` → \`${oneLine(change.after)}\``;
    const producer = change.unit.kind === 'producer';
    if (oldFits === 'not-assignable' && newFits === 'assignable') {
      const effect = producer
        ? 'callers that pass what they passed before may no longer compile'
        : 'handlers receive fewer kinds of events';
      return {
        kind: 'argument-narrowed',
        message: `the argument of ${name} narrows (${effect}): ${types}`,
      };
    }
    if (oldFits === 'assignable' && newFits === 'not-assignable') {
      const effect = producer
        ? 'existing callers still compile'
        : 'handlers receive values they did not before';
      return {
        kind: 'argument-widened',
        message: `the argument of ${name} widens (${effect}): ${types}`,
      };
    }
    const both = oldFits === 'assignable' && newFits === 'assignable';
    const neither = oldFits === 'not-assignable' && newFits === 'not-assignable';
    const effect = both
      ? ', and values of either type still fit'
      : neither
        ? ': neither type fits the other'
        : '';
    return {
      kind: 'argument-type-changed',
      message: `the argument of ${name} changes${effect}: ${types}`,
    };
  });
}

function oneLine(type: string): string {
  return type
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\{ /g, '{ ')
    .replace(/; \}/g, ' }');
}
