/**
 * Where every page and field lives. Paths and anchors are derived from names only, never
 * from positions, so that a link into the site keeps working when documents grow.
 */

/**
 * A name as a piece of a file name or fragment: letters, digits, `_`, `-` and (inside a
 * file name) `.` stay; every other character becomes `~` and its UTF-8 bytes in hex. The
 * mapping is one-to-one, so two names never share a page or an anchor.
 */
export function slug(name: string, keepDots = true): string {
  let result = '';
  for (const [index, character] of [...name].entries()) {
    // A leading dot would make a hidden file, which many hosts do not serve.
    const kept = /^[A-Za-z0-9_-]$/.test(character) || (keepDots && character === '.' && index > 0);
    if (kept) {
      result += character;
      continue;
    }
    for (const byte of new TextEncoder().encode(character)) {
      result += `~${byte.toString(16).padStart(2, '0')}`;
    }
  }
  return result === '' ? '~' : result;
}

export function servicePage(folder: string): string {
  return `services/${slug(folder)}.html`;
}

export function topicPage(topic: string): string {
  return `topics/${slug(topic)}.html`;
}

export function eventPage(eventType: string): string {
  return `events/${slug(eventType)}.html`;
}

export const HOME_PAGE = 'index.html';
export const SEARCH_PAGE = 'search.html';
export const EVENTS_PAGE = 'events.html';

/** The anchor of a field: its property names from the root, joined by dots. */
export function fieldAnchor(prefix: string, names: readonly string[]): string {
  return [prefix, ...names.map((name) => slug(name, false))].join('.');
}

/** The relative path from one page of the site to another. */
export function relativeLink(fromPage: string, toPage: string): string {
  const depth = fromPage.split('/').length - 1;
  return '../'.repeat(depth) + toPage;
}
