/**
 * One topic across every document that declares it: where it is, how it is configured,
 * who sends to it and who reads it, and the events on it.
 */
import type { ChannelModel } from '../../codegen/model/model.js';
import { html } from '../html.js';
import { commaList, crumbs, facts, linksFrom, operationTable } from '../page-parts.js';
import { renderPage } from '../page-layout.js';
import { firstSentence, prose } from '../prose.js';
import type { SiteFile } from '../site-file.js';
import type { SiteModel, TopicView } from '../site-model.js';
import { HOME_PAGE } from '../site-paths.js';

export function emitTopicPage(site: SiteModel, topic: TopicView): SiteFile {
  const links = linksFrom(topic.page);
  const channels = topic.channels.map((entry) => entry.channel);
  const first = channels[0];
  const distinct = <T>(values: readonly T[]): T[] => [...new Set(values)];

  const keys = distinct(
    topic.channels.flatMap(({ service, channel }) =>
      channel.messageIds.flatMap(
        (id) => service.messages.find((m) => m.id === id)?.key?.expression ?? [],
      ),
    ),
  );
  const descriptions = topic.channels.filter(({ channel }) => channel.description !== undefined);
  const describedBy = descriptions.map(({ service, channel }) => {
    const from =
      descriptions.length > 1
        ? html`<p class="muted">As ${links.service(service.folder, service.title)} \
describes it:</p>`
        : '';
    return html`${from}${prose(channel.description)}`;
  });
  const reasons = distinct(channels.flatMap((channel) => channel.noKafkaReason ?? []));
  const events = topic.eventTypes.map((eventType) => {
    const message = site.events.find((event) => event.eventType === eventType)?.variants[0]?.[0]
      ?.message;
    return html`<tr><td>${links.event(eventType)}</td>
<td>${message?.summary ?? message?.title ?? firstSentence(message?.description) ?? ''}</td>
<td>${message?.key === undefined ? '' : html`<code>${message.key.expression}</code>`}</td></tr>`;
  });

  const content = html`${crumbs(links, [['Topics', `${HOME_PAGE}#topics`]], topic.topic)}
<h1><code>${topic.topic}</code></h1>
${describedBy}
${reasons.map(
  (reason) => html`<p class="note">No producer or worker is made for this topic: ${reason}.</p>`,
)}
${facts([
  [
    'Address',
    commaList(distinct(channels.map((c) => c.address)).map((a) => html`<code>${a}</code>`)),
  ],
  ['Partitions', distinct(channels.flatMap((c) => c.kafka.partitions ?? [])).join(', ')],
  ['Replicas', distinct(channels.flatMap((c) => c.kafka.replicas ?? [])).join(', ')],
  ['Key', commaList(keys.map((key) => html`<code>${key}</code>`))],
  [
    'Declared in',
    commaList(topic.channels.map(({ service }) => links.service(service.folder, service.title))),
  ],
])}
${first === undefined ? '' : renderParameters(first)}
${renderConfig(channels)}
<section id="events"><h2>Events</h2>
<div class="table-wrap"><table>
<thead><tr><th>Event type</th><th>About</th><th>Key</th></tr></thead>
<tbody>${events}</tbody>
</table></div>
</section>
<section id="producers"><h2>Sent by</h2>
${operationTable(links, topic.senders, 'No document sends to this topic.')}
</section>
<section id="consumers"><h2>Received by</h2>
${operationTable(links, topic.receivers, 'No document receives from this topic.')}
</section>`;

  const documentPaths = [...new Set(topic.channels.map(({ service }) => service.documentPath))];
  return renderPage({ path: topic.page, title: topic.topic, documentPaths, content });
}

function renderParameters(channel: ChannelModel) {
  if (channel.parameters.length === 0) return html``;
  const rows = channel.parameters.map(
    (parameter) => html`<tr><td><code>${parameter.name}</code></td>
<td>${parameter.values?.map((v) => html`<code>${v}</code> `) ?? 'any'}</td>
<td>${parameter.description ?? ''}</td></tr>`,
  );
  return html`<section id="parameters"><h2>Parameters</h2>
<div class="table-wrap"><table>
<thead><tr><th>Parameter</th><th>Values</th><th>Description</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>
</section>`;
}

function renderConfig(channels: readonly ChannelModel[]) {
  const entries = new Map<string, string>();
  for (const channel of channels) {
    for (const [key, value] of Object.entries(channel.kafka.topicConfig)) {
      if (!entries.has(key)) entries.set(key, value);
    }
  }
  if (entries.size === 0) return html``;
  const rows = [...entries].map(
    ([key, value]) => html`<tr><td><code>${key}</code></td><td><code>${value}</code></td></tr>`,
  );
  return html`<section id="configuration"><h2>Topic configuration</h2>
<div class="table-wrap"><table>
<thead><tr><th>Setting</th><th>Value</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>
</section>`;
}
