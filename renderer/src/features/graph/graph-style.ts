// How a chart looks: an icon and a colour per node type, the risk lane as a ring, watchlist hits as a
// double ring, links drawn wider for more records, collections as counted stacks. Icons are Blueprint's
// own SVG paths, drawn into data URIs (the CSP allows data: images).
import { Icons, IconSize, type IconName } from '@blueprintjs/icons';
import type { GraphEdge, GraphNode, NodeType } from '../../../../shared/domain/graph.ts';
import type { ViewEdge, ViewNode } from '../../components/GraphView.tsx';
import type { Group } from './chart-model.ts';

export const NODE_ICON: Record<NodeType, IconName> = {
  party: 'office',
  address: 'map-marker',
  phone: 'phone',
  email: 'envelope',
  shipment: 'box',
  container: 'cube',
  vessel: 'ship',
  flight: 'airplane',
  truck: 'truck',
  place: 'anchor',
  passenger: 'person',
  document: 'id-number',
  booking: 'manual',
  payment: 'credit-card',
  seizure: 'warning-sign',
  case: 'folder-shared',
  collection: 'layers',
};

export const NODE_COLOUR: Record<NodeType, string> = {
  party: '#2d72d2',
  address: '#7961db',
  phone: '#7961db',
  email: '#7961db',
  shipment: '#c87619',
  container: '#935610',
  vessel: '#147eb3',
  flight: '#147eb3',
  truck: '#147eb3',
  place: '#238551',
  passenger: '#d1980b',
  document: '#8f398f',
  booking: '#8f398f',
  payment: '#8f398f',
  seizure: '#cd4246',
  case: '#1c2127',
  collection: '#5f6b7c',
};

export const LANE_COLOUR = { red: '#cd4246', yellow: '#d1980b', blue: '#2d72d2', green: '#238551' } as const;

/** Colours for communities (repeating past twelve). */
export const COMMUNITY_COLOURS = [
  '#2d72d2',
  '#238551',
  '#c87619',
  '#8f398f',
  '#cd4246',
  '#147eb3',
  '#d1980b',
  '#7961db',
  '#935610',
  '#29a634',
  '#d13913',
  '#00a396',
];

const iconCache = new Map<string, string>();
/** The node type's icon as an SVG data URI (white on the node's colour), or 'none' until icons are loaded. */
export function iconUri(type: NodeType, person = false): string {
  const name: IconName = person && type === 'party' ? 'person' : NODE_ICON[type];
  const cached = iconCache.get(name);
  if (cached) return cached;
  const paths = Icons.getPaths(name, IconSize.STANDARD);
  if (!paths) return 'none';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16">${paths.map((d) => `<path fill="#ffffff" d="${d}"/>`).join('')}</svg>`;
  const uri = `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
  iconCache.set(name, uri);
  return uri;
}

/** The cytoscape style sheet (text colours follow the theme). A big chart gets straight edges without
 * arrows (cytoscape's haystack edges: no control points to compute) and labels only when zoomed in. */
export function chartStyle(dark: boolean, big = false): unknown[] {
  const text = dark ? '#d3d8de' : '#1c2127';
  const line = dark ? '#738091' : '#8f99a8';
  return [
    {
      selector: 'node',
      style: {
        'background-color': 'data(colour)',
        'background-image': 'data(icon)',
        'background-width': '55%',
        'background-height': '55%',
        width: 'data(size)',
        height: 'data(size)',
        label: 'data(label)',
        'font-size': 10,
        color: text,
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'text-wrap': 'ellipsis',
        'text-max-width': '140px',
        'border-width': 0,
        'min-zoomed-font-size': 7,
      },
    },
    { selector: 'node[risk]', style: { 'border-width': 4, 'border-color': 'data(riskColour)' } },
    { selector: 'node.watch', style: { 'border-width': 6, 'border-style': 'double', 'border-color': LANE_COLOUR.red } },
    { selector: 'node.pinned', style: { 'outline-width': 2, 'outline-color': text, 'outline-offset': 3 } },
    {
      selector: 'node[type = "collection"]',
      style: { shape: 'round-rectangle', 'border-width': 2, 'border-style': 'dashed', 'border-color': line, label: 'data(label)', 'text-valign': 'bottom' },
    },
    { selector: 'node.highlight', style: { 'overlay-color': LANE_COLOUR.yellow, 'overlay-opacity': 0.35, 'overlay-padding': 6 } },
    { selector: 'node:selected', style: { 'overlay-color': '#2d72d2', 'overlay-opacity': 0.3, 'overlay-padding': 6 } },
    {
      selector: ':parent',
      style: {
        'background-opacity': 0.08,
        'background-color': '#2d72d2',
        'background-image': 'none',
        'border-width': 1,
        'border-color': '#2d72d2',
        label: 'data(label)',
        'text-valign': 'top',
        shape: 'round-rectangle',
        padding: '14px',
      },
    },
    {
      selector: 'edge',
      style: {
        width: 'data(width)',
        'line-color': line,
        'target-arrow-color': line,
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.7,
        'curve-style': 'bezier',
        opacity: 0.8,
      },
    },
    { selector: 'edge[type = "same_as"]', style: { 'line-style': 'dashed', 'line-color': LANE_COLOUR.yellow, 'target-arrow-shape': 'none' } },
    { selector: 'edge[type = "collection"]', style: { 'line-style': 'dotted', 'target-arrow-shape': 'none' } },
    { selector: 'edge[type = "seized_in"]', style: { 'line-color': LANE_COLOUR.red, 'target-arrow-color': LANE_COLOUR.red } },
    { selector: 'edge.highlight', style: { 'line-color': LANE_COLOUR.yellow, 'target-arrow-color': LANE_COLOUR.yellow, width: 5, opacity: 1 } },
    { selector: 'edge:selected', style: { 'line-color': '#2d72d2', 'target-arrow-color': '#2d72d2', opacity: 1 } },
    { selector: 'edge.labelled', style: { label: 'data(label)', 'font-size': 8, color: text, 'text-rotation': 'autorotate' } },
    ...(big
      ? [
          { selector: 'edge', style: { 'curve-style': 'haystack', 'haystack-radius': 0, 'target-arrow-shape': 'none' } },
          // Labels of a big chart: on the selected and highlighted nodes only (measuring ten thousand labels
          // for every frame is what made it slow to draw).
          { selector: 'node', style: { label: '', 'text-wrap': 'none' } },
          { selector: 'node:selected, node.highlight', style: { label: 'data(label)' } },
        ]
      : []),
  ];
}

/** How measures and highlights change the drawing. */
export type ViewStyle = {
  /** Node size by a measure (0..1 after scaling), or null for the same size. */
  size: Map<string, number> | null;
  /** Node colour by community, or null for the type's colour. */
  community: Map<string, number> | null;
  highlight: Set<string>;
  edgeLabels: boolean;
};

/** The chart's nodes and links as the view draws them. */
export function viewElements(
  nodes: GraphNode[],
  edges: GraphEdge[],
  groups: readonly Group[],
  pinned: ReadonlySet<string>,
  style: ViewStyle,
): { nodes: ViewNode[]; parents: ViewNode[]; edges: ViewEdge[] } {
  const parentOf = new Map<string, string>();
  for (const g of groups) for (const m of g.members) parentOf.set(m, g.id);
  const viewNodes = nodes.map((n): ViewNode => {
    const community = style.community?.get(n.id);
    const size = style.size?.get(n.id);
    const classes: string[] = [];
    if (n.watch.length) classes.push('watch');
    if (pinned.has(n.id)) classes.push('pinned');
    if (style.highlight.has(n.id)) classes.push('highlight');
    const parent = parentOf.get(n.id);
    return {
      id: n.id,
      data: {
        type: n.type,
        label: n.watch.length ? `★ ${n.label}` : n.label,
        colour: community !== undefined ? COMMUNITY_COLOURS[community % COMMUNITY_COLOURS.length] : NODE_COLOUR[n.type],
        icon: iconUri(n.type, n.detail.startsWith('person')),
        size: n.type === 'collection' ? 34 : size !== undefined ? 22 + 48 * size : 30,
        ...(n.risk ? { risk: n.risk, riskColour: LANE_COLOUR[n.risk] } : {}),
      },
      classes,
      ...(parent ? { parent } : {}),
      locked: pinned.has(n.id),
    };
  });
  const shown = new Set(nodes.map((n) => n.id));
  const parents = groups
    .filter((g) => g.members.some((m) => shown.has(m)))
    .map((g): ViewNode => ({ id: g.id, data: { type: 'group', label: g.label, colour: '#2d72d2', icon: 'none', size: 30 }, classes: [] }));
  const viewEdges = edges.map((e): ViewEdge => ({
    id: e.id,
    source: e.source,
    target: e.target,
    data: { type: e.type, width: Math.min(8, 1 + Math.log2(Math.max(1, e.count))), label: e.type.replace(/_/g, ' ') + (e.count > 1 ? ` ×${e.count}` : '') },
    classes: [...(style.highlight.has(e.source) && style.highlight.has(e.target) ? ['highlight'] : []), ...(style.edgeLabels ? ['labelled'] : [])],
  }));
  return { nodes: viewNodes, parents, edges: viewEdges };
}
