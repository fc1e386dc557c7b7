/** Flags that every command reading documents takes, spelled and described once. */
import type { FlagSpec } from './arguments.js';

export const MAP_URL_FLAG: FlagSpec = {
  kind: 'list',
  placeholder: 'PREFIX=DIR',
  description: 'read references under a URL prefix from a local folder (repeatable)',
};
