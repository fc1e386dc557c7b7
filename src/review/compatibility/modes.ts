/**
 * Compatibility modes, named as a schema registry names them. A mode says which readers
 * must keep working: consumers that upgrade before producers (BACKWARD), after them
 * (FORWARD), or either (FULL); the transitive forms hold against every earlier version.
 */
export const MODES = [
  'FULL',
  'BACKWARD',
  'FORWARD',
  'FULL_TRANSITIVE',
  'BACKWARD_TRANSITIVE',
  'FORWARD_TRANSITIVE',
  'NONE',
] as const;

export type Mode = (typeof MODES)[number];

/** Services deploy independently, so both old and new readers must cope by default. */
export const DEFAULT_MODE: Mode = 'FULL';

export function isMode(value: unknown): value is Mode {
  return typeof value === 'string' && (MODES as readonly string[]).includes(value);
}

export function isTransitive(mode: Mode): boolean {
  return mode.endsWith('_TRANSITIVE');
}

/** Which readers a mode protects: new readers of old events, old readers of new events. */
export function protects(mode: Mode): { backward: boolean; forward: boolean } {
  const base = mode.replace(/_TRANSITIVE$/, '');
  return {
    backward: base === 'FULL' || base === 'BACKWARD',
    forward: base === 'FULL' || base === 'FORWARD',
  };
}
