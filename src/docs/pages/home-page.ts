/**
 * The overview: the map of who sends and receives what, every service, every topic.
 */
import { html } from '../html.js';
import { layoutMap } from '../map-layout.js';
import { renderMap } from '../map-svg.js';
import { commaList, linksFrom } from '../page-parts.js';
import { renderPage, SITE_TITLE } from '../page-layout.js';
import { firstSentence } from '../prose.js';
import type { SiteFile } from '../site-file.js';
import type { OperationUse, SiteModel } from '../site-model.js';
import { EVENTS_PAGE, HOME_PAGE } from '../site-paths.js';

export function emitHomePage(site: SiteModel): SiteFile {
  const links = linksFrom(HOME_PAGE);
  const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

  const services = site.services.map(({ service, page }) => {
    const sends = service.operations.filter((o) => o.action === 'send').length;
    const receives = service.operations.length - sends;
    const counts = `${count(sends, 'send')} · ${count(receives, 'receive')}`;
    return html`<li class="card">
<a class="card-title" href="${links.to(page)}">${service.title}</a>
<span class="muted">v${service.version} · ${counts}</span>
<p>${firstSentence(service.description) ?? ''}</p></li>`;
  });

  const serviceList = (uses: readonly OperationUse[]) =>
    commaList(unique(uses.map((u) => u.service)).map((s) => links.service(s.folder, s.title)));
  const topics = site.topics.map(
    (topic) => html`<tr>
<td>${links.topic(topic.topic)}</td>
<td>${commaList(topic.eventTypes.map((type) => links.event(type)))}</td>
<td>${serviceList(topic.senders)}</td>
<td>${serviceList(topic.receivers)}</td>
</tr>`,
  );

  const content = html`<h1>${SITE_TITLE}</h1>
<p class="lead">${count(site.services.length, 'service')}, ${count(site.topics.length, 'topic')}
and <a href="${links.to(EVENTS_PAGE)}">${count(site.events.length, 'event type')}</a>,
from the AsyncAPI documents.</p>
<section id="map"><h2>Map</h2>
<div class="map-scroll">${renderMap(layoutMap(site), links.to)}</div>
</section>
<section id="services"><h2>Services</h2>
<ul class="cards">${services}</ul>
</section>
<section id="topics"><h2>Topics</h2>
<div class="table-wrap"><table>
<thead><tr><th>Topic</th><th>Events</th><th>Sent by</th><th>Received by</th></tr></thead>
<tbody>${topics}</tbody>
</table></div>
</section>`;

  return renderPage({
    path: HOME_PAGE,
    title: 'Overview',
    documentPaths: site.documentPaths,
    content,
  });
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
