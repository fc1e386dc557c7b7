/**
 * `.asyncapi-review.json` at the project root: lint rule severities, the naming patterns
 * the house rules check, and the compatibility mode where documents set none.
 *
 *   {
 *     "rules": { "descriptions": "warn", "message-examples": "off" },
 *     "messageNamePattern": "^[a-z]+(-[a-z]+)*\\.[a-z]+ed$",
 *     "channelAddressPattern": "^[a-z]+(-[a-z]+)*(\\.[a-z]+(-[a-z]+)*)+$",
 *     "compatibility": "FULL"
 *   }
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { ToolError } from '../../errors.js';
import { DEFAULT_MODE, isMode, MODES, type Mode } from '../compatibility/modes.js';

export type RuleSetting = 'off' | 'warn' | 'error';

export interface ReviewConfig {
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly messageNamePattern: RegExp;
  readonly channelAddressPattern: RegExp;
  readonly compatibility: Mode;
}

export const CONFIG_FILE = '.asyncapi-review.json';

/**
 * `<entity>.<past-tense verb>`: `feature.created`, `audit-entry.recorded`, `order.paid`.
 * No pattern knows every irregular verb; the common ones of event names are listed.
 */
const IRREGULAR_PAST = [
  'made',
  'sent',
  'paid',
  'built',
  'sold',
  'won',
  'lost',
  'held',
  'set',
  'put',
  'cut',
  'shut',
  'read',
  'run',
  'done',
  'given',
  'taken',
  'written',
  'frozen',
  'chosen',
  'bought',
  'brought',
  'found',
  'kept',
  'left',
  'met',
  'told',
  'withdrawn',
  'drawn',
  'shown',
  'known',
  'thrown',
  'hidden',
  'broken',
  'split',
  'spent',
  'lent',
  'bound',
  'begun',
  'undone',
  'rebuilt',
  'resent',
];
const ENTITY = '[a-z][a-z0-9]*(-[a-z0-9]+)*';
const MESSAGE_NAME_PATTERN = `^${ENTITY}\\.([a-z]+-)*([a-z]+ed|${IRREGULAR_PAST.join('|')})$`;
/** Dotted lower-case words, parameters allowed as whole words: `features.events`. */
const ADDRESS_WORD = '([a-z][a-z0-9]*(-[a-z0-9]+)*|\\{[A-Za-z][A-Za-z0-9_]*\\})';
const CHANNEL_ADDRESS_PATTERN = `^${ADDRESS_WORD}(\\.${ADDRESS_WORD})+$`;

export const DEFAULT_CONFIG: ReviewConfig = {
  rules: {},
  messageNamePattern: new RegExp(MESSAGE_NAME_PATTERN),
  channelAddressPattern: new RegExp(CHANNEL_ADDRESS_PATTERN),
  compatibility: DEFAULT_MODE,
};

/**
 * Reads the configuration file named by `--config`, or the one in the working folder
 * when it exists; without either, the defaults apply.
 */
export function loadReviewConfig(
  explicit: string | undefined,
  knownRules: readonly string[],
): ReviewConfig {
  const file = explicit ?? (existsSync(CONFIG_FILE) ? CONFIG_FILE : undefined);
  if (file === undefined) return DEFAULT_CONFIG;

  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path.resolve(file), 'utf8')) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ToolError('INVALID_OPTION', `${file}: cannot be read as JSON (${reason}).`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ToolError('INVALID_OPTION', `${file}: must hold a JSON object.`);
  }
  const raw = json as Record<string, unknown>;

  const rules: Record<string, RuleSetting> = {};
  const rawRules = raw.rules ?? {};
  if (typeof rawRules !== 'object' || rawRules === null || Array.isArray(rawRules)) {
    throw new ToolError('INVALID_OPTION', `${file}: "rules" must map rule ids to severities.`);
  }
  for (const [id, setting] of Object.entries(rawRules)) {
    if (!knownRules.includes(id)) {
      throw new ToolError(
        'INVALID_OPTION',
        `${file}: there is no lint rule "${id}"; the rules are ${knownRules.join(', ')}.`,
      );
    }
    if (setting !== 'off' && setting !== 'warn' && setting !== 'error') {
      throw new ToolError(
        'INVALID_OPTION',
        `${file}: rule "${id}" is set to ${JSON.stringify(setting)}; use off, warn or error.`,
      );
    }
    rules[id] = setting;
  }

  const compatibility = raw.compatibility ?? DEFAULT_MODE;
  if (!isMode(compatibility)) {
    throw new ToolError(
      'INVALID_OPTION',
      `${file}: "compatibility" is ${JSON.stringify(compatibility)}; ` +
        `use one of ${MODES.join(', ')}.`,
    );
  }
  return {
    rules,
    messageNamePattern: pattern(file, raw, 'messageNamePattern', MESSAGE_NAME_PATTERN),
    channelAddressPattern: pattern(file, raw, 'channelAddressPattern', CHANNEL_ADDRESS_PATTERN),
    compatibility,
  };
}

function pattern(
  file: string,
  raw: Record<string, unknown>,
  key: string,
  fallback: string,
): RegExp {
  const value = raw[key] ?? fallback;
  if (typeof value !== 'string') {
    throw new ToolError(
      'INVALID_OPTION',
      `${file}: "${key}" must be a regular expression string.`,
    );
  }
  try {
    return new RegExp(value);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ToolError(
      'INVALID_OPTION',
      `${file}: "${key}" is not a regular expression (${reason}).`,
    );
  }
}
