/**
 * One service (one document): what it is, where it runs, and what it sends and receives.
 */
import type { OperationModel } from '../../codegen/model/model.js';
import { html } from '../html.js';
import { commaList, crumbs, facts, linksFrom, operationTable } from '../page-parts.js';
import { renderPage } from '../page-layout.js';
import { prose } from '../prose.js';
import type { SiteFile } from '../site-file.js';
import { topicOf, type ServiceView, type SiteModel, type TopicView } from '../site-model.js';
import { HOME_PAGE } from '../site-paths.js';

export function emitServicePage(site: SiteModel, view: ServiceView): SiteFile {
  const { service, page } = view;
  const links = linksFrom(page);
  const ownUses = (action: OperationModel['action']) =>
    site.topics
      .flatMap((topic: TopicView) => (action === 'send' ? topic.senders : topic.receivers))
      .filter((use) => use.service === service);

  const servers =
    service.servers.length === 0
      ? html`<p class="empty">The document declares no servers.</p>`
      : html`<div class="table-wrap"><table>
<thead><tr><th>Name</th><th>Protocol</th><th>Host</th><th>Description</th></tr></thead>
<tbody>${service.servers.map(
          (server) => html`<tr><td><code>${server.name}</code></td><td>${server.protocol}</td>
<td><code>${server.host}</code></td><td>${server.description ?? ''}</td></tr>`,
        )}</tbody>
</table></div>`;

  const operations = service.operations.map(
    (operation) => html`<li id="operation-${operation.id}">
<code>${operation.id}</code> <span class="badge ${operation.action}">${operation.action}</span>
${operation.summary ?? ''}${prose(operation.description)}</li>`,
  );

  const content = html`${crumbs(links, [['Services', `${HOME_PAGE}#services`]], service.title)}
<h1>${service.title}</h1>
${facts([
  ['Version', service.version],
  ['AsyncAPI', service.asyncapiVersion],
  ['Document', html`<code>${service.documentPath}</code>`],
  ['Topics', commaList(service.channels.map((channel) => links.topic(topicOf(channel))))],
  ['Events', commaList(service.messages.map((message) => links.event(message.eventType)))],
])}
${prose(service.description)}
<section id="sends"><h2>Sends</h2>
${operationTable(links, ownUses('send'), 'This service sends nothing.')}
</section>
<section id="receives"><h2>Receives</h2>
${operationTable(links, ownUses('receive'), 'This service receives nothing.')}
</section>
<section id="operations"><h2>Operations</h2>
<ul class="operations">${operations}</ul>
</section>
<section id="servers"><h2>Servers</h2>
${servers}
</section>`;

  return renderPage({
    path: page,
    title: service.title,
    documentPaths: [service.documentPath],
    content,
  });
}
