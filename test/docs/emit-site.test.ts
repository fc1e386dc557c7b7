/**
 * The site in memory, from tiny inline documents: which pages exist, what they link to,
 * how fields are anchored, what the map and the search index hold, and that no document
 * text reaches a page as markup.
 */
import { describe, expect, it } from 'vitest';

import { escapeHtml, html } from '../../src/docs/html.js';
import { CONTENT_SECURITY_POLICY as CSP } from '../../src/docs/page-layout.js';
import { slug } from '../../src/docs/site-paths.js';
import {
  HOSTILE_DOCUMENT,
  HOSTILE_EVENT_TYPE,
  HOSTILE_TEXTS,
} from './support/hostile-document.js';
import { siteFrom, siteOf, writeDocuments } from './support/site.js';

const ORDERS = `asyncapi: 3.0.0
info:
  title: Orders
  version: 2.1.0
  description: Takes orders.
channels:
  orders:
    address: orders.events
    description: Every order, keyed by order id.
    bindings:
      kafka:
        partitions: 12
    messages:
      orderPlaced:
        $ref: '#/components/messages/orderPlaced'
operations:
  publishOrders:
    action: send
    channel:
      $ref: '#/channels/orders'
components:
  messages:
    orderPlaced:
      name: order.placed
      summary: An order was placed.
      description: Raised once the basket is paid for.
      x-key: $message.payload#/order/id
      payload:
        type: object
        required: [order]
        properties:
          order:
            type: object
            required: [id]
            properties:
              id: { type: string, format: uuid, description: The order. }
              email: { type: string, x-sensitive: true }
              lines:
                type: array
                minItems: 1
                items:
                  type: object
                  properties:
                    sku: { type: string, maxLength: 20 }
`;

const SHIPPING = `asyncapi: 3.0.0
info:
  title: Shipping
  version: 1.0.0
channels:
  orders:
    address: orders.events
    messages:
      orderPlaced:
        $ref: './orders.yaml#/components/messages/orderPlaced'
operations:
  shipOrders:
    action: receive
    channel:
      $ref: '#/channels/orders'
`;

describe('the docs site', () => {
  it('has a page per service, topic and event type, and the shared pages', async () => {
    const site = await siteOf({ 'orders.yaml': ORDERS, 'shipping.yaml': SHIPPING });

    expect([...site.files.keys()]).toEqual([
      'assets/favicon.svg',
      'assets/search-index.js',
      'assets/search.js',
      'assets/style.css',
      'events.html',
      'events/order.placed.html',
      'index.html',
      'search.html',
      'services/orders.html',
      'services/shipping.html',
      'topics/orders.events.html',
    ]);
  });

  it('shows one topic for both documents, with who sends and who receives it', async () => {
    const site = await siteOf({ 'orders.yaml': ORDERS, 'shipping.yaml': SHIPPING });
    const topic = site.page('topics/orders.events.html');

    expect(topic).toContain('<dt>Partitions</dt><dd>12</dd>');
    expect(topic).toContain('<dt>Key</dt><dd><code>$message.payload#/order/id</code></dd>');
    const [sent, received] = topic.split('<section id="consumers">');
    expect(sent).toContain('<code>publishOrders</code>');
    expect(received).toContain('<code>shipOrders</code>');
    expect(received).toContain(
      '<span class="muted">group</span> <code>shipping.ship-orders</code>',
    );
  });

  it('anchors every field by its path and links the key to its field', async () => {
    const site = await siteOf({ 'orders.yaml': ORDERS });
    const event = site.page('events/order.placed.html');

    for (const anchor of [
      'payload.order',
      'payload.order.id',
      'payload.order.lines.[]',
      'payload.order.lines.[].sku',
    ]) {
      expect(event).toContain(`<li class="field" id="${anchor.replace('[]', '~5b~5d')}">`);
    }
    expect(event).toContain('<a class="field-link" href="#payload.order.id"');
    expect(event).toMatch(/id="payload\.order\.email">[^]*?<span class="badge sensitive"/);
    expect(event).toContain('<span class="constraint">min items 1</span>');
    expect(event).toContain('<span class="constraint">max length 20</span>');
    expect(event).toContain('<a href="#payload.order.id">/order/id</a>');
  });

  it('makes an example from the schema when none is declared, and a snippet', async () => {
    const site = await siteOf({ 'orders.yaml': ORDERS });
    const event = site.page('events/order.placed.html');

    expect(event).toContain('made from the schema');
    expect(event).toContain(escapeHtml('"id": "00000000-0000-4000-8000-000000000000"'));
    expect(event).toContain('const producer = new orders.PublishOrdersProducer(publisher);');
    expect(event).toContain('await producer.publishOrderPlaced({');
  });

  it('draws a map node for every service and topic, and an edge for every use', async () => {
    const site = await siteOf({ 'orders.yaml': ORDERS, 'shipping.yaml': SHIPPING });
    const home = site.page('index.html');

    const nodes = [...home.matchAll(/<g class="node (\w+)" data-kind="\w+" data-key="([^"]*)">/g)];
    expect(nodes.map((match) => `${match[1]}:${match[2]}`).sort()).toEqual([
      'service:orders',
      'service:shipping',
      'topic:orders.events',
    ]);
    expect(home.match(/<path class="edge send"/g)).toHaveLength(1);
    expect(home.match(/<path class="edge receive"/g)).toHaveLength(1);
    expect(home).toContain('href="events/order.placed.html"');
  });

  it('indexes events by the words of their description and fields by name', async () => {
    const site = await siteOf({ 'orders.yaml': ORDERS });
    const index = site.page('assets/search-index.js');
    const entries = JSON.parse(
      index.slice(index.indexOf('['), index.lastIndexOf(']') + 1).replace(/,\n\]$/, ']'),
    ) as Array<{
      k: string;
      t: string;
      u: string;
      x: string;
    }>;

    const event = entries.find((entry) => entry.k === 'event' && entry.t === 'order.placed');
    expect(event?.x).toContain('basket');
    expect(entries).toContainEqual(
      expect.objectContaining({
        k: 'field',
        t: 'order.email',
        u: 'events/order.placed.html#payload.order.email',
      }),
    );
  });

  it('is byte-stable: the same documents give the same files', async () => {
    const dir = await writeDocuments({ 'orders.yaml': ORDERS, 'shipping.yaml': SHIPPING });
    const first = await siteFrom(dir);
    const second = await siteFrom(dir);

    expect([...second.files]).toEqual([...first.files]);
  });

  it('sets the content security policy on every page and loads nothing from outside', async () => {
    const site = await siteOf({ 'orders.yaml': ORDERS, 'shipping.yaml': SHIPPING });

    for (const [path, content] of site.files) {
      if (!path.endsWith('.html')) continue;
      expect(content, path).toContain(
        `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CSP)}">`,
      );
      expect(content, path).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
      expect(content, path).not.toMatch(
        /<script(?! src="(?:\.\.\/)?assets\/[\w-]+\.js" defer><\/script>)/,
      );
      expect(content, path).not.toMatch(/\sstyle=/);
    }
  });
});

describe('a document with hostile text', () => {
  it('shows every piece of it as text, on every page', async () => {
    const site = await siteOf({ 'evil.yaml': HOSTILE_DOCUMENT });

    for (const [path, content] of site.files) {
      if (!path.endsWith('.html')) continue;
      for (const text of HOSTILE_TEXTS) expect(content, path).not.toContain(text);
      // Document text is escaped, so every `<` left in a page opens a tag the site wrote.
      const tags = content.match(/<[a-z][^>]*>/gi) ?? [];
      expect(
        tags.filter((tag) => /^<(?:img|b)\b/i.test(tag)),
        path,
      ).toEqual([]);
      const attributes = tags.map((tag) => tag.replace(/"[^"]*"/g, '""'));
      expect(
        attributes.filter((tag) => /\son\w+=/i.test(tag)),
        path,
      ).toEqual([]);
      expect(content, path).not.toMatch(
        /<script(?! src="(?:\.\.\/)?assets\/[\w-]+\.js" defer><\/script>)/,
      );
    }
    const event = site.page(`events/${slug(HOSTILE_EVENT_TYPE)}.html`);
    expect(event).toContain(escapeHtml('<script>window.__pwned = 1; alert(1)</script>'));
    expect(event).toContain(`<h1><code>${escapeHtml(HOSTILE_EVENT_TYPE)}</code></h1>`);
  });

  it('keeps page names to safe characters and never lets one name take two pages', () => {
    const names = ['a.b', 'a~2eb', 'a/b', '../x', '.hidden', '<b>', 'ünï', ''];
    const slugs = names.map((name) => slug(name));

    for (const value of slugs) expect(value).toMatch(/^[A-Za-z0-9_~-][A-Za-z0-9_.~-]*$/);
    expect(new Set(slugs).size).toBe(names.length);
  });
});

describe('html', () => {
  it('escapes interpolated text but not markup built with html', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p title="${'"x\''}">${inner}${['<', 1, undefined, false]}</p>`.toString()).toBe(
      '<p title="&quot;x&#39;"><b>&lt;i&gt;</b>&lt;1</p>',
    );
  });
});
