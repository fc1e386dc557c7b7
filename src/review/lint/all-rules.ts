/** Every lint rule; the configuration file names them by id. */
import { asyncapiValid } from './rules/asyncapi-valid.js';
import { channelAddressPattern } from './rules/channel-address-pattern.js';
import { compatibilityMode } from './rules/compatibility-mode.js';
import { descriptions } from './rules/descriptions.js';
import { envelope } from './rules/envelope.js';
import { examplesValid } from './rules/examples-valid.js';
import { jsonContentType } from './rules/json-content-type.js';
import { kafkaBindings } from './rules/kafka-bindings.js';
import { messageExamples } from './rules/message-examples.js';
import { messageKey } from './rules/message-key.js';
import { messageNamePattern } from './rules/message-name-pattern.js';
import { messageNameUnique } from './rules/message-name-unique.js';
import { sharedTopicAgreement } from './rules/shared-topic-agreement.js';
import { unusedComponents } from './rules/unused-components.js';
import type { LintRule } from './rule.js';

export const ALL_RULES: readonly LintRule[] = [
  asyncapiValid,
  envelope,
  jsonContentType,
  messageKey,
  messageNameUnique,
  messageNamePattern,
  channelAddressPattern,
  messageExamples,
  examplesValid,
  descriptions,
  unusedComponents,
  kafkaBindings,
  sharedTopicAgreement,
  compatibilityMode,
];

export const RULE_IDS: readonly string[] = ALL_RULES.map((rule) => rule.id);
