/**
 * The search index, made at build time: one entry per service, topic, event type and
 * payload field, with the words it is found by. It is a script file rather than JSON
 * so that the search also works when the site is opened from disk.
 */
import { preambleText } from './page-layout.js';
import { firstSentence } from './prose.js';
import { allFields, fieldTree } from './schema-fields.js';
import type { SiteFile } from './site-file.js';
import type { SiteModel } from './site-model.js';
import { treePrefixes } from './pages/event-page.js';

export const SEARCH_INDEX_FILE = 'assets/search-index.js';
export const SEARCH_SCRIPT_FILE = 'assets/search.js';

export interface SearchEntry {
  /** Kind: service, topic, event or field. */
  readonly k: 'service' | 'topic' | 'event' | 'field';
  /** Title shown as the result. */
  readonly t: string;
  /** Page (and anchor) from the root of the site. */
  readonly u: string;
  /** A line shown under the title. */
  readonly d: string;
  /** More text that finds the entry without being shown. */
  readonly x: string;
}

export function searchEntries(site: SiteModel): SearchEntry[] {
  const entries: SearchEntry[] = [];
  for (const { service, page } of site.services) {
    entries.push({
      k: 'service',
      t: service.title,
      u: page,
      d: firstSentence(service.description) ?? '',
      x: [service.folder, service.description ?? '', ...service.operations.map((o) => o.id)].join(
        ' ',
      ),
    });
  }
  for (const topic of site.topics) {
    const descriptions = topic.channels.map(({ channel }) => channel.description ?? '');
    entries.push({
      k: 'topic',
      t: topic.topic,
      u: topic.page,
      d:
        firstSentence(descriptions.find((d) => d !== '')) ??
        `${topic.eventTypes.length} event type(s)`,
      x: `${descriptions.join(' ')} ${topic.channels.map(({ channel }) => channel.id).join(' ')}`,
    });
  }
  for (const event of site.events) {
    const message = event.variants[0]?.[0]?.message;
    if (message === undefined) continue;
    entries.push({
      k: 'event',
      t: event.eventType,
      u: event.page,
      d: message.summary ?? message.title ?? firstSentence(message.description) ?? '',
      x: [message.id, message.title, message.summary, message.description]
        .filter(Boolean)
        .join(' '),
    });
    event.variants.forEach((declarations, index) => {
      const declared = declarations[0]?.message;
      if (declared === undefined) return;
      const tree = fieldTree(declared.payloadSchema, treePrefixes(index).payload);
      for (const field of allFields(tree.fields)) {
        if (field.kind !== 'property') continue;
        entries.push({
          k: 'field',
          t: field.path.join('.'),
          u: `${event.page}#${field.anchor}`,
          d: `field of ${event.eventType}`,
          x: `${field.name} ${field.description ?? ''}`,
        });
      }
    });
  }
  return entries;
}

export function emitSearchIndex(site: SiteModel): SiteFile {
  // One entry a line keeps the file readable and its diffs small.
  const lines = searchEntries(site).map((entry) => `  ${JSON.stringify(entry)},`);
  const content =
    `// ${preambleText(site.documentPaths).replace(/[\r\n\u2028\u2029]/g, ' ')}\n` +
    `self.searchIndex = [\n${lines.join('\n')}\n];\n`;
  return { path: SEARCH_INDEX_FILE, content };
}
