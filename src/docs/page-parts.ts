/**
 * Pieces that several pages share: links to the other pages, a list of facts, the trail
 * back to the overview, and the table of operations that use a topic or an event.
 */
import { html, type HtmlPart, type SafeHtml } from './html.js';
import type { OperationUse } from './site-model.js';
import { topicOf } from './site-model.js';
import { eventPage, HOME_PAGE, relativeLink, servicePage, topicPage } from './site-paths.js';

/** Links from one page; every target is a path from the root of the site. */
export interface Links {
  to(page: string): string;
  service(folder: string, label: string): SafeHtml;
  topic(topic: string): SafeHtml;
  event(eventType: string): SafeHtml;
}

export function linksFrom(page: string): Links {
  const to = (target: string): string => relativeLink(page, target);
  return {
    to,
    service: (folder, label) => html`<a href="${to(servicePage(folder))}">${label}</a>`,
    topic: (topic) => html`<a href="${to(topicPage(topic))}"><code>${topic}</code></a>`,
    event: (eventType) =>
      html`<a href="${to(eventPage(eventType))}"><code>${eventType}</code></a>`,
  };
}

export function facts(rows: ReadonlyArray<readonly [string, HtmlPart]>): SafeHtml {
  // A fact with nothing to say is left out rather than shown empty.
  const shown = rows.filter(([, value]) => html`${value}`.toString().trim() !== '');
  if (shown.length === 0) return html``;
  const items = shown.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`);
  return html`<dl class="facts">${items}</dl>`;
}

export function crumbs(
  links: Links,
  trail: ReadonlyArray<readonly [string, string]>,
  here: string,
): SafeHtml {
  const steps = [['Overview', HOME_PAGE] as const, ...trail].map(
    ([label, page]) =>
      html`<a href="${links.to(page)}">${label}</a> <span aria-hidden="true">›</span> `,
  );
  return html`<nav class="crumbs" aria-label="Breadcrumbs">${steps}<span>${here}</span></nav>`;
}

/** Items separated by commas, for short lists inside a sentence or a cell. */
export function commaList(items: readonly HtmlPart[]): SafeHtml {
  return html`${items.map((item, index) => html`${index > 0 ? ', ' : ''}${item}`)}`;
}

export function operationTable(
  links: Links,
  uses: readonly OperationUse[],
  emptyText: string,
): SafeHtml {
  if (uses.length === 0) return html`<p class="empty">${emptyText}</p>`;
  const rows = uses.map((use) => {
    const { operation } = use;
    const group =
      operation.action === 'receive'
        ? html`<br><span class="muted">group</span> <code>${operation.groupId}</code>`
        : '';
    const deadLetters =
      operation.deadLetterTopic === undefined
        ? ''
        : html`<br><span class="muted">dead letters</span> \
<code>${operation.deadLetterTopic}</code>`;
    return html`<tr>
<td>${links.service(use.service.folder, use.service.title)}</td>
<td><code>${operation.id}</code>${group}${deadLetters}</td>
<td>${links.topic(topicOf(use.channel))}</td>
<td>${commaList(use.eventTypes.map((type) => links.event(type)))}</td>
<td>${operation.summary ?? ''}</td>
</tr>`;
  });
  return html`<div class="table-wrap"><table>
<thead><tr><th>Service</th><th>Operation</th><th>Topic</th><th>Events</th><th>Summary</th></tr>
</thead>
<tbody>${rows}</tbody>
</table></div>`;
}
