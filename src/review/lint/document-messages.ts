/**
 * Every message of a document once, with where it is defined and the channels that carry
 * it: most rules judge messages, and a message shared by two channels is judged once.
 */
import type { MessageInterface } from '@asyncapi/parser';

import type { SourceLocation } from '../../codegen/diagnostics.js';
import type { ParsedDocument } from '../../codegen/load/parse-documents.js';
import { isRecord } from '../contract/normalise-schema.js';
import { definitionPointer, rawTree, valueAt } from '../contract/raw-document.js';
import { locateNear } from '../contract/locate-near.js';

export interface DocumentMessage {
  readonly message: MessageInterface;
  readonly eventType: string;
  /** Where the message is defined in this document. */
  readonly pointer: string;
  readonly location: SourceLocation;
  readonly channelIds: readonly string[];
  /** Defined in another file: rules judge it in its own document. */
  readonly external: boolean;
}

export function documentMessages(parsed: ParsedDocument): DocumentMessage[] {
  const tree = rawTree(parsed.file);
  const byJson = new Map<unknown, DocumentMessage>();
  const add = (message: MessageInterface, channelId: string | undefined): void => {
    const known = byJson.get(message.json());
    if (known !== undefined) {
      if (channelId !== undefined) {
        byJson.set(message.json(), { ...known, channelIds: [...known.channelIds, channelId] });
      }
      return;
    }
    const declared = message.meta().pointer ?? '';
    const pointer = definitionPointer(tree, declared);
    const raw = valueRef(tree, pointer);
    byJson.set(message.json(), {
      message,
      eventType: message.name() ?? message.id(),
      pointer,
      location: locateNear(parsed, pointer),
      channelIds: channelId === undefined ? [] : [channelId],
      external: raw !== undefined && !raw.startsWith('#'),
    });
  };
  for (const channel of parsed.document.channels().all()) {
    for (const message of channel.messages().all()) add(message, channel.id());
  }
  for (const message of parsed.document.components().messages().all()) add(message, undefined);
  return [...byJson.values()];
}

function valueRef(tree: unknown, pointer: string): string | undefined {
  const node = valueAt(tree, pointer);
  const ref = isRecord(node) ? node.$ref : undefined;
  return typeof ref === 'string' ? ref : undefined;
}
