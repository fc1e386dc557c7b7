/**
 * Where the map puts things. Services stand in one column and topics in another; an edge
 * joins a service to each topic it sends to or receives from. Both columns are ordered
 * so that connected nodes sit near each other (a few rounds of the barycenter
 * heuristic), which keeps edges short and crossings few without a layout engine.
 */
import type { SiteModel } from './site-model.js';

export interface MapNode {
  readonly kind: 'service' | 'topic';
  /** The service's folder or the topic's name: what the node stands for. */
  readonly key: string;
  readonly label: string;
  readonly page: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** For topics: the event types shown inside the node, and how many more there are. */
  readonly events: ReadonlyArray<{ readonly eventType: string; readonly page: string }>;
  readonly moreEvents: number;
  readonly detail: string;
}

export interface MapEdge {
  readonly service: string;
  readonly topic: string;
  readonly sends: boolean;
  readonly receives: boolean;
  readonly eventTypes: readonly string[];
  /** A cubic curve from the service's right side to the topic's left side. */
  readonly from: { readonly x: number; readonly y: number };
  readonly to: { readonly x: number; readonly y: number };
}

export interface MapLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly MapNode[];
  readonly edges: readonly MapEdge[];
}

export const MAP_METRICS = {
  margin: 16,
  serviceWidth: 220,
  topicWidth: 280,
  columnGap: 200,
  nodeGap: 18,
  serviceHeight: 52,
  topicHeaderHeight: 34,
  eventLineHeight: 20,
  /** Topics list at most this many event types; the rest are counted. */
  eventsShown: 5,
} as const;

const ORDERING_ROUNDS = 4;

/** A service and a topic it uses, before placing. */
interface Pair {
  readonly service: string;
  readonly topic: string;
  sends: boolean;
  receives: boolean;
  readonly types: Set<string>;
}

export function layoutMap(site: SiteModel): MapLayout {
  const m = MAP_METRICS;
  const pairs = new Map<string, Pair>();
  for (const topic of site.topics) {
    for (const use of [...topic.senders, ...topic.receivers]) {
      const id = `${use.service.folder}\u0000${topic.topic}`;
      const pair: Pair = pairs.get(id) ?? {
        service: use.service.folder,
        topic: topic.topic,
        sends: false,
        receives: false,
        types: new Set(),
      };
      if (use.operation.action === 'send') pair.sends = true;
      else pair.receives = true;
      for (const type of use.eventTypes) pair.types.add(type);
      pairs.set(id, pair);
    }
  }

  let services = site.services.map((view) => view.service.folder);
  let topics = site.topics.map((view) => view.topic);
  const serviceNeighbours = new Map<string, string[]>();
  const topicNeighbours = new Map<string, string[]>();
  for (const pair of pairs.values()) {
    serviceNeighbours.set(pair.service, [
      ...(serviceNeighbours.get(pair.service) ?? []),
      pair.topic,
    ]);
    topicNeighbours.set(pair.topic, [...(topicNeighbours.get(pair.topic) ?? []), pair.service]);
  }

  for (let round = 0; round < ORDERING_ROUNDS; round += 1) {
    topics = byBarycenter(topics, topicNeighbours, services);
    services = byBarycenter(services, serviceNeighbours, topics);
  }

  const topicViews = new Map(site.topics.map((view) => [view.topic, view]));
  const serviceViews = new Map(site.services.map((view) => [view.service.folder, view]));
  const topicHeight = (topic: string): number => {
    const count = topicViews.get(topic)?.eventTypes.length ?? 0;
    const lines = Math.min(count, m.eventsShown) + (count > m.eventsShown ? 1 : 0);
    return m.topicHeaderHeight + lines * m.eventLineHeight + (lines > 0 ? 8 : 0);
  };
  const serviceColumn = services.reduce((sum) => sum + m.serviceHeight + m.nodeGap, -m.nodeGap);
  const topicColumn = topics.reduce(
    (sum, topic) => sum + topicHeight(topic) + m.nodeGap,
    -m.nodeGap,
  );
  const height = Math.max(serviceColumn, topicColumn, 0) + 2 * m.margin;

  const nodes: MapNode[] = [];
  let y = m.margin + Math.max(0, (topicColumn - serviceColumn) / 2);
  for (const key of services) {
    const view = serviceViews.get(key);
    if (view === undefined) continue;
    const sends = view.service.operations.filter((o) => o.action === 'send').length;
    nodes.push({
      kind: 'service',
      key,
      label: view.service.title,
      page: view.page,
      x: m.margin,
      y,
      width: m.serviceWidth,
      height: m.serviceHeight,
      events: [],
      moreEvents: 0,
      detail: `sends ${sends} · receives ${view.service.operations.length - sends}`,
    });
    y += m.serviceHeight + m.nodeGap;
  }

  y = m.margin + Math.max(0, (serviceColumn - topicColumn) / 2);
  const eventPages = new Map(site.events.map((event) => [event.eventType, event.page]));
  for (const key of topics) {
    const view = topicViews.get(key);
    if (view === undefined) continue;
    const shown = view.eventTypes.slice(0, m.eventsShown);
    nodes.push({
      kind: 'topic',
      key,
      label: key,
      page: view.page,
      x: m.margin + m.serviceWidth + m.columnGap,
      y,
      width: m.topicWidth,
      height: topicHeight(key),
      events: shown.map((eventType) => ({ eventType, page: eventPages.get(eventType) ?? '' })),
      moreEvents: view.eventTypes.length - shown.length,
      detail: '',
    });
    y += topicHeight(key) + m.nodeGap;
  }

  return {
    width: 2 * m.margin + m.serviceWidth + m.columnGap + m.topicWidth,
    height,
    nodes,
    edges: placeEdges([...pairs.values()], nodes),
  };
}

/** Orders one column by the mean position of each node's neighbours in the other. */
function byBarycenter(
  column: readonly string[],
  neighbours: ReadonlyMap<string, readonly string[]>,
  other: readonly string[],
): string[] {
  const position = new Map(other.map((key, index) => [key, index]));
  const centre = (key: string, index: number): number => {
    const linked = (neighbours.get(key) ?? []).map((n) => position.get(n) ?? 0);
    // Unconnected nodes keep their place relative to the others.
    return linked.length === 0 ? index : linked.reduce((a, b) => a + b, 0) / linked.length;
  };
  return column
    .map((key, index) => ({ key, index, centre: centre(key, index) }))
    .sort((a, b) => a.centre - b.centre || a.index - b.index)
    .map((entry) => entry.key);
}

/** Spreads the ends of a node's edges along its side, in the order of the other ends. */
function placeEdges(pairs: readonly Pair[], nodes: readonly MapNode[]): MapEdge[] {
  const byKey = new Map(nodes.map((node) => [`${node.kind}:${node.key}`, node]));
  const centreY = (node: MapNode | undefined): number =>
    node === undefined ? 0 : node.y + node.height / 2;
  const serviceOf = (pair: Pair) => byKey.get(`service:${pair.service}`);
  const topicOf = (pair: Pair) => byKey.get(`topic:${pair.topic}`);

  // The rank of each edge among the edges of the same node, counted once for all edges.
  const ranks = (side: (pair: Pair) => string, otherEnd: (pair: Pair) => MapNode | undefined) => {
    const groups = new Map<string, Pair[]>();
    for (const pair of pairs) groups.set(side(pair), [...(groups.get(side(pair)) ?? []), pair]);
    const rank = new Map<Pair, { rank: number; count: number }>();
    for (const group of groups.values()) {
      group.sort((a, b) => centreY(otherEnd(a)) - centreY(otherEnd(b)));
      group.forEach((pair, index) => rank.set(pair, { rank: index, count: group.length }));
    }
    return rank;
  };
  const atService = ranks((pair) => pair.service, topicOf);
  const atTopic = ranks((pair) => pair.topic, serviceOf);

  const portY = (node: MapNode, place: { rank: number; count: number } | undefined): number => {
    const span = Math.min(node.height - 16, MAP_METRICS.serviceHeight - 16);
    if (place === undefined || place.count === 1) return centreY(node);
    return centreY(node) + (place.rank / (place.count - 1) - 0.5) * span;
  };

  return pairs.flatMap((pair) => {
    const service = serviceOf(pair);
    const topic = topicOf(pair);
    if (service === undefined || topic === undefined) return [];
    return [
      {
        service: pair.service,
        topic: pair.topic,
        sends: pair.sends,
        receives: pair.receives,
        eventTypes: [...pair.types].sort(),
        from: { x: service.x + service.width, y: portY(service, atService.get(pair)) },
        to: { x: topic.x, y: portY(topic, atTopic.get(pair)) },
      },
    ];
  });
}
