// What a link chart holds and every change an analyst makes to it, as pure functions over an immutable
// state, so that undo and redo are a stack of states and the view only draws what the state says.
import type { EdgeType, ExpandResult, GraphEdge, GraphNode, NodeType } from '../../../../shared/domain/graph.ts';
import type { Lane } from '../../../../shared/domain/targeting.ts';

export type Group = { id: string; label: string; members: string[] };
export type Filters = {
  /** Node and link types not shown. */
  hiddenTypes: NodeType[];
  hiddenEdges: EdgeType[];
  /** Only nodes in these lanes (and nodes with no lane) when set. */
  lanes: Lane[] | null;
  /** Dated links outside [from, to] are not shown; undated links always are. */
  window: [string, string] | null;
};
export type ChartState = {
  nodes: ReadonlyMap<string, GraphNode>;
  edges: ReadonlyMap<string, GraphEdge>;
  hidden: ReadonlySet<string>;
  pinned: ReadonlySet<string>;
  groups: readonly Group[];
  filters: Filters;
};

export const NO_FILTERS: Filters = { hiddenTypes: [], hiddenEdges: [], lanes: null, window: null };
export const EMPTY_CHART: ChartState = { nodes: new Map(), edges: new Map(), hidden: new Set(), pinned: new Set(), groups: [], filters: NO_FILTERS };

/** Adds what an expansion found. A collection node that was opened is replaced by the one that comes back (or
 * dropped, when everything it held is now on the chart). */
export function addResult(s: ChartState, r: ExpandResult, opened?: string): ChartState {
  const nodes = new Map(s.nodes);
  const edges = new Map(s.edges);
  if (opened) {
    nodes.delete(opened);
    for (const [id, e] of edges) if (e.target === opened || e.source === opened) edges.delete(id);
  }
  for (const n of r.nodes) {
    const old = nodes.get(n.id);
    nodes.set(n.id, old ? { ...old, ...n } : n);
  }
  for (const e of r.edges) {
    if (!nodes.has(e.source) || !nodes.has(e.target)) continue;
    edges.set(e.id, e);
  }
  const hidden = new Set(s.hidden);
  for (const n of r.nodes) hidden.delete(n.id);
  return { ...s, nodes, edges, hidden };
}

/** Removes nodes (and their links) from the chart. */
export function removeNodes(s: ChartState, ids: Iterable<string>): ChartState {
  const gone = new Set(ids);
  const nodes = new Map([...s.nodes].filter(([id]) => !gone.has(id)));
  const edges = new Map([...s.edges].filter(([, e]) => !gone.has(e.source) && !gone.has(e.target)));
  return {
    ...s,
    nodes,
    edges,
    hidden: new Set([...s.hidden].filter((id) => !gone.has(id))),
    pinned: new Set([...s.pinned].filter((id) => !gone.has(id))),
    groups: s.groups.map((g) => ({ ...g, members: g.members.filter((m) => !gone.has(m)) })).filter((g) => g.members.length > 0),
  };
}

export const hideNodes = (s: ChartState, ids: Iterable<string>): ChartState => ({ ...s, hidden: new Set([...s.hidden, ...ids]) });
export const showAll = (s: ChartState): ChartState => ({ ...s, hidden: new Set() });

export function setPinned(s: ChartState, ids: Iterable<string>, pinned: boolean): ChartState {
  const next = new Set(s.pinned);
  for (const id of ids) {
    if (pinned) next.add(id);
    else next.delete(id);
  }
  return { ...s, pinned: next };
}

/** Puts nodes into a new group (a node is in one group at most). */
export function group(s: ChartState, ids: string[], label: string): ChartState {
  const members = ids.filter((id) => s.nodes.has(id));
  if (members.length === 0) return s;
  const taken = new Set(members);
  const groups = s.groups.map((g) => ({ ...g, members: g.members.filter((m) => !taken.has(m)) })).filter((g) => g.members.length > 0);
  let n = 1;
  while (groups.some((g) => g.id === `group:${n}`) || s.groups.some((g) => g.id === `group:${n}`)) n++;
  return { ...s, groups: [...groups, { id: `group:${n}`, label, members }] };
}

export const ungroup = (s: ChartState, groupId: string): ChartState => ({ ...s, groups: s.groups.filter((g) => g.id !== groupId) });

/** Collapses a node: removes the neighbours that hang from it alone (no other link, not pinned). */
export function collapse(s: ChartState, id: string): ChartState {
  const degree = new Map<string, number>();
  for (const e of s.edges.values()) {
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
  }
  const leaves: string[] = [];
  for (const e of s.edges.values()) {
    const other = e.source === id ? e.target : e.target === id ? e.source : null;
    if (other && other !== id && degree.get(other) === 1 && !s.pinned.has(other)) leaves.push(other);
  }
  return removeNodes(s, leaves);
}

export const setFilters = (s: ChartState, f: Partial<Filters>): ChartState => ({ ...s, filters: { ...s.filters, ...f } });

/** What the filters and hidden set leave on view. */
export function visible(s: ChartState): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const f = s.filters;
  const types = new Set(f.hiddenTypes);
  const edgeTypes = new Set(f.hiddenEdges);
  const lanes = f.lanes ? new Set<Lane>(f.lanes) : null;
  const nodes = [...s.nodes.values()].filter((n) => !s.hidden.has(n.id) && !types.has(n.type) && (!lanes || n.risk === null || lanes.has(n.risk)));
  const shown = new Set(nodes.map((n) => n.id));
  const edges = [...s.edges.values()].filter((e) => shown.has(e.source) && shown.has(e.target) && !edgeTypes.has(e.type) && inWindow(e, f.window));
  return { nodes, edges };
}

/** Whether a link falls in the time window (an undated link always does). */
export function inWindow(e: GraphEdge, window: [string, string] | null): boolean {
  if (!window || (!e.first && !e.last)) return true;
  const first = (e.first ?? e.last)!.slice(0, 10);
  const last = (e.last ?? e.first)!.slice(0, 10);
  return last >= window[0] && first <= window[1];
}

/** The first and last date among the chart's links (for the time slider), or null when none is dated. */
export function dateRange(s: ChartState): [string, string] | null {
  let lo: string | null = null;
  let hi: string | null = null;
  for (const e of s.edges.values()) {
    for (const d of [e.first, e.last]) {
      if (!d) continue;
      const day = d.slice(0, 10);
      if (!lo || day < lo) lo = day;
      if (!hi || day > hi) hi = day;
    }
  }
  return lo && hi ? [lo, hi] : null;
}

/** Undo and redo: the states before and after the current one (at most `limit` back). */
export type History = { past: ChartState[]; present: ChartState; future: ChartState[] };
export const startHistory = (present: ChartState = EMPTY_CHART): History => ({ past: [], present, future: [] });
export function commit(h: History, next: ChartState, limit = 100): History {
  if (next === h.present) return h;
  return { past: [...h.past, h.present].slice(-limit), present: next, future: [] };
}
export function undo(h: History): History {
  const prev = h.past.at(-1);
  return prev ? { past: h.past.slice(0, -1), present: prev, future: [h.present, ...h.future] } : h;
}
export function redo(h: History): History {
  const next = h.future[0];
  return next ? { past: [...h.past, h.present], present: next, future: h.future.slice(1) } : h;
}
