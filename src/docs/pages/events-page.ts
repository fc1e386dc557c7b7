/**
 * Every event type in one table, for readers who know roughly what they look for.
 */
import { html } from '../html.js';
import { commaList, crumbs, linksFrom } from '../page-parts.js';
import { renderPage } from '../page-layout.js';
import { firstSentence } from '../prose.js';
import type { SiteFile } from '../site-file.js';
import type { SiteModel } from '../site-model.js';
import { EVENTS_PAGE } from '../site-paths.js';

export function emitEventsPage(site: SiteModel): SiteFile {
  const links = linksFrom(EVENTS_PAGE);
  const rows = site.events.map((event) => {
    const message = event.variants[0]?.[0]?.message;
    const about = message?.summary ?? message?.title ?? firstSentence(message?.description);
    return html`<tr>
<td>${links.event(event.eventType)}</td>
<td>${about ?? ''}</td>
<td>${commaList(event.topics.map((topic) => links.topic(topic)))}</td>
</tr>`;
  });

  const content = html`${crumbs(links, [], 'Events')}
<h1>Events</h1>
<div class="table-wrap"><table>
<thead><tr><th>Event type</th><th>About</th><th>Topics</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
  return renderPage({
    path: EVENTS_PAGE,
    title: 'Events',
    documentPaths: site.documentPaths,
    content,
  });
}
