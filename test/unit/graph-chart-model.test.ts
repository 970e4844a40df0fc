// The link chart's state as the UI changes it: adding expansions and opening collections, removing,
// hiding, pinning, grouping and collapsing, filters (types, lanes, time window) and undo/redo.
import { describe, expect, it } from 'vitest';
import type { ExpandResult, GraphEdge, GraphNode, NodeType } from '../../shared/domain/graph.ts';
import {
  addResult,
  collapse,
  commit,
  dateRange,
  EMPTY_CHART,
  group,
  hideNodes,
  inWindow,
  redo,
  removeNodes,
  setFilters,
  setPinned,
  showAll,
  startHistory,
  undo,
  ungroup,
  visible,
} from '../../renderer/src/features/graph/chart-model.ts';

const node = (id: string, extra: Partial<GraphNode> = {}): GraphNode => ({
  id,
  type: id.split(':')[0] as NodeType,
  label: id,
  detail: '',
  risk: null,
  watch: [],
  record: null,
  geo: null,
  ...extra,
});
const edge = (type: GraphEdge['type'], source: string, target: string, date: string | null = null): GraphEdge => ({
  id: `${type}|${source}|${target}`,
  type,
  source,
  target,
  first: date,
  last: date,
  count: 1,
  sources: [],
});
const result = (nodes: GraphNode[], edges: GraphEdge[]): ExpandResult => ({ nodes, edges, folded: [], ms: 0 });

// party:1 consignee of shipments 1 and 2; shipment 1 loaded at a port; party 2 shipper of shipment 2.
const base = addResult(
  EMPTY_CHART,
  result(
    [node('party:1'), node('shipment:1', { risk: 'red' }), node('shipment:2', { risk: 'green' }), node('place:MEBAR'), node('party:2')],
    [
      edge('consignee_of', 'party:1', 'shipment:1', '2026-03-01'),
      edge('consignee_of', 'party:1', 'shipment:2', '2026-06-15'),
      edge('loaded_at', 'shipment:1', 'place:MEBAR', '2026-02-20'),
      edge('shipper_of', 'party:2', 'shipment:2', '2026-06-15'),
    ],
  ),
);

describe('chart model', () => {
  it('adds nodes and links, merging a node found again and dropping links to nodes not on the chart', () => {
    const s = addResult(
      base,
      result(
        [node('party:1', { label: 'Renamed' }), node('phone:123')],
        [edge('uses_phone', 'party:1', 'phone:123'), edge('uses_phone', 'party:9', 'phone:123')],
      ),
    );
    expect(s.nodes.size).toBe(6);
    expect(s.nodes.get('party:1')!.label).toBe('Renamed');
    expect([...s.edges.keys()]).toContain('uses_phone|party:1|phone:123');
    expect([...s.edges.keys()]).not.toContain('uses_phone|party:9|phone:123');
  });

  it('replaces an opened collection by what it held', () => {
    const c = node('collection:party:1|consignee_of', {
      type: 'collection',
      collection: { from: 'party:1', edge: 'consignee_of', nodeType: 'shipment', count: 1 },
    });
    const folded = addResult(base, result([c], [edge('collection', 'party:1', c.id)]));
    expect(folded.nodes.has(c.id)).toBe(true);
    const opened = addResult(folded, result([node('shipment:3')], [edge('consignee_of', 'party:1', 'shipment:3')]), c.id);
    expect(opened.nodes.has(c.id)).toBe(false);
    expect([...opened.edges.values()].some((e) => e.target === c.id)).toBe(false);
    expect(opened.nodes.has('shipment:3')).toBe(true);
  });

  it('removes nodes with their links, pins, groups and hidden marks', () => {
    let s = setPinned(base, ['shipment:1'], true);
    s = group(s, ['shipment:1', 'shipment:2'], 'Pair');
    s = hideNodes(s, ['shipment:1']);
    s = removeNodes(s, ['shipment:1']);
    expect(s.nodes.has('shipment:1')).toBe(false);
    expect([...s.edges.values()].some((e) => e.source === 'shipment:1' || e.target === 'shipment:1')).toBe(false);
    expect(s.pinned.size).toBe(0);
    expect(s.hidden.size).toBe(0);
    expect(s.groups).toEqual([{ id: 'group:1', label: 'Pair', members: ['shipment:2'] }]);
  });

  it('hides and shows again, and keeps a node in one group at most', () => {
    const hidden = hideNodes(base, ['party:2']);
    expect(visible(hidden).nodes.map((n) => n.id)).not.toContain('party:2');
    expect(visible(hidden).edges.some((e) => e.source === 'party:2')).toBe(false);
    expect(visible(showAll(hidden)).nodes).toHaveLength(5);
    const g = group(group(base, ['party:1', 'party:2'], 'A'), ['party:2', 'place:MEBAR'], 'B');
    expect(g.groups.map((x) => [x.id, x.members])).toEqual([
      ['group:1', ['party:1']],
      ['group:2', ['party:2', 'place:MEBAR']],
    ]);
    expect(ungroup(g, 'group:1').groups.map((x) => x.id)).toEqual(['group:2']);
  });

  it('collapses a node: the neighbours hanging from it alone go, pinned ones stay', () => {
    expect([...collapse(base, 'shipment:1').nodes.keys()]).not.toContain('place:MEBAR');
    // shipment:2 also hangs from party:2, so it stays.
    expect([...collapse(base, 'party:1').nodes.keys()]).toContain('shipment:2');
    expect([...collapse(setPinned(base, ['place:MEBAR'], true), 'shipment:1').nodes.keys()]).toContain('place:MEBAR');
  });

  it('filters by node type, link type, lane and time window', () => {
    expect(visible(setFilters(base, { hiddenTypes: ['place'] })).nodes.map((n) => n.id)).not.toContain('place:MEBAR');
    expect(visible(setFilters(base, { hiddenEdges: ['loaded_at'] })).edges.map((e) => e.type)).not.toContain('loaded_at');
    const red = visible(setFilters(base, { lanes: ['red'] }));
    expect(red.nodes.map((n) => n.id)).toContain('shipment:1');
    expect(red.nodes.map((n) => n.id)).not.toContain('shipment:2');
    // Nodes without a lane stay.
    expect(red.nodes.map((n) => n.id)).toContain('party:1');
    const spring = visible(setFilters(base, { window: ['2026-02-01', '2026-03-31'] }));
    expect(spring.edges.map((e) => e.target).sort()).toEqual(['place:MEBAR', 'shipment:1']);
    expect(dateRange(base)).toEqual(['2026-02-20', '2026-06-15']);
    expect(inWindow(edge('uses_phone', 'a:1', 'b:1'), ['2026-01-01', '2026-01-02'])).toBe(true);
  });

  it('undoes and redoes every change, and a new change drops what could be redone', () => {
    let h = startHistory(base);
    h = commit(h, removeNodes(h.present, ['party:2']));
    h = commit(h, hideNodes(h.present, ['party:1']));
    expect(h.present.hidden.has('party:1')).toBe(true);
    h = undo(h);
    expect(h.present.hidden.size).toBe(0);
    h = undo(h);
    expect(h.present.nodes.has('party:2')).toBe(true);
    expect(undo(h)).toBe(h);
    h = redo(h);
    expect(h.present.nodes.has('party:2')).toBe(false);
    h = commit(h, setPinned(h.present, ['party:1'], true));
    expect(h.future).toEqual([]);
    expect(redo(h)).toBe(h);
    // Unchanged state: nothing to undo added.
    expect(commit(h, h.present)).toBe(h);
  });
});
