/**
 * `x-compatibility` values that name no mode. Read as absent, such a value would silently
 * let the channel fall back to the document's or the default mode, so lint reports it and
 * the diff refuses to judge by it.
 */
import type { ParsedDocument } from '../../codegen/load/parse-documents.js';
import type { SourceLocation } from '../../codegen/diagnostics.js';
import { locateNear } from '../contract/locate-near.js';
import { isMode, MODES } from './modes.js';

export interface MisspeltMode {
  readonly location: SourceLocation;
  readonly message: string;
}

export function misspeltModes(parsed: ParsedDocument): MisspeltMode[] {
  const places = [
    { pointer: '', json: parsed.document.json() as unknown },
    ...parsed.document
      .channels()
      .all()
      .map((c) => ({ pointer: c.meta().pointer ?? '', json: c.json() as unknown })),
  ];
  const found: MisspeltMode[] = [];
  for (const { pointer, json } of places) {
    const value = (json as Record<string, unknown>)['x-compatibility'];
    if (value === undefined || isMode(value)) continue;
    found.push({
      location: locateNear(parsed, `${pointer}/x-compatibility`),
      message: `x-compatibility ${JSON.stringify(value)} is not one of ${MODES.join(', ')}`,
    });
  }
  return found;
}
