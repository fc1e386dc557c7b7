/**
 * One event type: where it travels, who sends and receives it, its payload as a tree of
 * fields, its headers and key, examples, and the generated code that sends and handles it.
 */
import { code } from '../code-block.js';
import { handlerSnippet, producerSnippet } from '../code-snippets.js';
import { exampleFromSchema } from '../example-from-schema.js';
import { renderFieldTree } from '../field-tree-html.js';
import { html, type SafeHtml } from '../html.js';
import { commaList, crumbs, facts, linksFrom, operationTable } from '../page-parts.js';
import { renderPage } from '../page-layout.js';
import { prose } from '../prose.js';
import { fieldTree } from '../schema-fields.js';
import type { SiteFile } from '../site-file.js';
import type { EventDeclaration, EventView } from '../site-model.js';
import { EVENTS_PAGE, fieldAnchor } from '../site-paths.js';

/** Anchor prefixes of the payload and header trees of the n-th declaration. */
export function treePrefixes(variant: number): { payload: string; headers: string } {
  const prefix = variant === 0 ? '' : `v${variant + 1}-`;
  return { payload: `${prefix}payload`, headers: `${prefix}headers` };
}

export function emitEventPage(event: EventView): SiteFile {
  const links = linksFrom(event.page);
  const lead = event.variants[0]?.[0]?.message;
  const heading = [lead?.title, lead?.summary].filter((part) => part !== undefined).join(' — ');

  const variants = event.variants.map((declarations, index) =>
    renderVariant(event, declarations, index, event.variants.length > 1, links),
  );

  const content = html`${crumbs(links, [['Events', EVENTS_PAGE]], event.eventType)}
<h1><code>${event.eventType}</code></h1>
${heading === '' ? '' : html`<p class="lead">${heading}</p>`}
${prose(lead?.description)}
${facts([
  ['Topics', commaList(event.topics.map((topic) => links.topic(topic)))],
  [
    'Sent by',
    commaList(event.senders.map((use) => links.service(use.service.folder, use.service.title))),
  ],
  [
    'Received by',
    commaList(event.receivers.map((use) => links.service(use.service.folder, use.service.title))),
  ],
  ['Content type', lead === undefined ? '' : html`<code>${lead.contentType}</code>`],
])}
${variants}
<section id="operations"><h2>Operations</h2>
<h3>Sent by</h3>
${operationTable(links, event.senders, 'No document sends this event.')}
<h3>Received by</h3>
${operationTable(links, event.receivers, 'No document receives this event.')}
</section>`;

  const documentPaths = [
    ...new Set(event.variants.flat().map(({ service }) => service.documentPath)),
  ];
  return renderPage({ path: event.page, title: event.eventType, documentPaths, content });
}

function renderVariant(
  event: EventView,
  declarations: readonly EventDeclaration[],
  index: number,
  several: boolean,
  links: ReturnType<typeof linksFrom>,
): SafeHtml {
  const first = declarations[0];
  if (first === undefined) return html``;
  const { message } = first;
  const prefixes = treePrefixes(index);
  const suffix = index === 0 ? '' : `-${index + 1}`;
  const declaredIn = commaList(
    declarations.map(({ service }) => links.service(service.folder, service.title)),
  );

  const payload = fieldTree(message.payloadSchema, prefixes.payload, message.sensitivePaths);
  const headers =
    message.headersSchema === undefined
      ? undefined
      : fieldTree(message.headersSchema, prefixes.headers);
  const declared = message.examples;
  // The snippets send the first payload the document gives, or one made from the schema.
  const payloads = declared.map((example) => example.payload).filter((payload) => payload !== undefined);
  const firstPayload = payloads[0] ?? exampleFromSchema(message.payloadSchema);

  const envelopeNote =
    message.envelopeDataType === undefined
      ? ''
      : html`<p class="note">This event travels in the envelope: <code>event_type</code>,
<code>event_id</code>, <code>timestamp</code> and <code>data</code>. Generated producers fill
everything but <code>data</code>.</p>`;

  const heading = several
    ? html`<h2 class="variant">As declared in ${declaredIn}</h2>`
    : html`<p class="muted">Declared in ${declaredIn}.</p>`;
  const key =
    message.key === undefined
      ? html`<p class="empty">No key is declared; records go to any partition.</p>`
      : html`<p><code>${message.key.expression}</code>: records of one
<a href="#${keyAnchor(prefixes.payload, message.key.pointer)}">${message.key.pointer}</a>
go to one partition, in order.</p>`;
  const headerTree =
    headers === undefined
      ? html`<p class="empty">No headers are declared.</p>`
      : renderFieldTree(headers, 'No header fields.');
  const madeUp =
    declared.length > 0
      ? ''
      : html`<p class="muted">The document declares no example; this one is made from the \
schema.</p>`;
  const json = (value: unknown) => code('json', JSON.stringify(value, null, 2) ?? 'null');
  const exampleBlocks = declared.length === 0
    ? [json(firstPayload)]
    : declared.map((example) => html`<div class="example">
${example.name === undefined ? '' : html`<h3>${example.name}</h3>`}
${example.summary === undefined ? '' : html`<p>${example.summary}</p>`}
${example.headers === undefined ? '' : html`<p class="muted">Headers</p>
${json(example.headers)}`}
${example.payload === undefined ? '' : html`${example.headers === undefined ? '' : html`<p class="muted">Payload</p>`}
${json(example.payload)}`}
</div>`);

  return html`<div class="declaration">
${heading}
<section id="payload${suffix}"><h2>Payload</h2>
${envelopeNote}
${renderFieldTree(payload, 'The schema declares no fields.')}
</section>
<section id="key${suffix}"><h2>Key</h2>
${key}
</section>
<section id="headers${suffix}"><h2>Headers</h2>
${headerTree}
</section>
<section id="examples${suffix}"><h2>Examples</h2>
${madeUp}
${exampleBlocks}
</section>
<section id="code${suffix}"><h2>From code</h2>
${renderSnippets(event, declarations, firstPayload)}
</section>
</div>`;
}

/** The key's pointer (`/data/feature_id`) as the anchor of its field in the payload tree. */
function keyAnchor(payloadPrefix: string, pointer: string): string {
  const names = pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  return fieldAnchor(payloadPrefix, names);
}

function renderSnippets(
  event: EventView,
  declarations: readonly EventDeclaration[],
  example: unknown,
): SafeHtml {
  const services = new Set(declarations.map(({ service }) => service));
  const uses = [...event.senders, ...event.receivers].filter((use) => services.has(use.service));

  const parts = uses.map((use) => {
    const message = use.service.messages.find((m) => m.eventType === event.eventType);
    if (message === undefined) return '';
    const sends = use.operation.action === 'send';
    if (use.channel.noKafkaReason !== undefined) {
      return html`<p class="note">No ${sends ? 'producer' : 'worker'} for \
<code>${use.operation.id}</code>: ${use.channel.noKafkaReason}.</p>`;
    }
    const snippet = sends
      ? producerSnippet(use.service, use.operation, message, example)
      : handlerSnippet(use.service, use.operation, message);
    if (snippet === undefined) return '';
    const title = html`<h3>${sends ? 'Send' : 'Handle'} it (${use.service.title})</h3>`;
    return html`${title}${code('ts', snippet)}`;
  });
  if (parts.every((part) => part === '')) {
    return html`<p class="empty">No operation sends or receives this event.</p>`;
  }
  return html`${parts}`;
}
