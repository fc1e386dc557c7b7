/**
 * The map as inline SVG, drawn once at build time: the page shows it with no script. Every
 * node links to its page; colours come from the stylesheet, so the map follows the
 * reader's light or dark preference.
 */
import { html, type SafeHtml } from './html.js';
import type { MapEdge, MapLayout, MapNode } from './map-layout.js';
import { MAP_METRICS } from './map-layout.js';

/** Roughly the width of a character of the map's font, to shorten labels that overflow. */
const CHARACTER_WIDTH = 7.4;

function fit(text: string, width: number): string {
  const room = Math.floor((width - 24) / CHARACTER_WIDTH);
  return text.length <= room ? text : `${text.slice(0, Math.max(room - 1, 1))}…`;
}

function number(value: number): string {
  return String(Math.round(value * 10) / 10);
}

export function renderMap(layout: MapLayout, link: (page: string) => string): SafeHtml {
  const edges = layout.edges.map((edge) => renderEdge(edge));
  const nodes = layout.nodes.map((node) =>
    node.kind === 'service' ? renderService(node, link) : renderTopic(node, link),
  );
  const width = number(layout.width);
  const height = number(layout.height);

  return html`<figure class="map">
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}"
 width="${width}" height="${height}" role="img" aria-labelledby="map-title">
<title id="map-title">Services and the topics they send to and receive from</title>
<defs>
<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7"
 orient="auto-start-reverse"><path class="arrowhead" d="M0,0 L10,5 L0,10 z"/></marker>
</defs>
<g class="edges">${edges}</g>
<g class="nodes">${nodes}</g>
</svg>
<figcaption><span class="legend send">sends</span> ·
<span class="legend receive">receives</span> ·
services on the left; topics on the right, with the event types they carry.</figcaption>
</figure>`;
}

function renderEdge(edge: MapEdge): SafeHtml {
  const bend = (edge.to.x - edge.from.x) / 2;
  const d =
    `M${number(edge.from.x)},${number(edge.from.y)} ` +
    `C${number(edge.from.x + bend)},${number(edge.from.y)} ` +
    `${number(edge.to.x - bend)},${number(edge.to.y)} ${number(edge.to.x)},${number(edge.to.y)}`;
  const kind = edge.sends && edge.receives ? 'both' : edge.sends ? 'send' : 'receive';
  const verb = { both: 'sends to and receives from', send: 'sends to', receive: 'receives from' }[
    kind
  ];
  const events = edge.eventTypes.length === 0 ? '' : `: ${edge.eventTypes.join(', ')}`;
  const end = edge.sends ? html` marker-end="url(#arrow)"` : '';
  const start = edge.receives ? html` marker-start="url(#arrow)"` : '';
  return html`<path class="edge ${kind}" d="${d}"${end}${start}>\
<title>${edge.service} ${verb} ${edge.topic}${events}</title></path>\n`;
}

function box(node: MapNode): SafeHtml {
  const [x, y, width, height] = [node.x, node.y, node.width, node.height].map(number);
  return html`<rect x="${x}" y="${y}" width="${width}" height="${height}" rx="8"/>`;
}

function label(className: string, text: string, x: number, y: number): SafeHtml {
  return html`<text class="${className}" x="${number(x)}" y="${number(y)}">${text}</text>`;
}

function renderService(node: MapNode, link: (page: string) => string): SafeHtml {
  const x = node.x + 12;
  return html`<g class="node service" data-kind="service" data-key="${node.key}">\
<a href="${link(node.page)}"><title>${node.label}</title>${box(node)}\
${label('label', fit(node.label, node.width), x, node.y + 22)}\
${label('detail', node.detail, x, node.y + 40)}</a></g>\n`;
}

function renderTopic(node: MapNode, link: (page: string) => string): SafeHtml {
  const m = MAP_METRICS;
  const x = node.x + 12;
  const lineY = (index: number): number =>
    node.y + m.topicHeaderHeight + 14 + index * m.eventLineHeight;
  const lines = node.events.map(
    (event, index) => html`<a href="${link(event.page)}"><title>${event.eventType}</title>\
${label('event', fit(event.eventType, node.width), x, lineY(index))}</a>`,
  );
  const more =
    node.moreEvents > 0
      ? label('more', `and ${node.moreEvents} more`, x, lineY(node.events.length))
      : '';
  return html`<g class="node topic" data-kind="topic" data-key="${node.key}">\
<a href="${link(node.page)}"><title>${node.label}</title>${box(node)}\
${label('label', fit(node.label, node.width), x, node.y + 22)}</a>${lines}${more}</g>\n`;
}
