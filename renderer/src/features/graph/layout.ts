// Lays out a chart: cytoscape's own layouts for charts it handles quickly, and for big charts (and the
// layered and geographic layouts) the worker's: a draft shown at once, then the refined positions.
import type { GraphEdge, GraphNode } from '../../../../shared/domain/graph.ts';
import type { GraphViewHandle, Positions } from '../../components/GraphView.tsx';

export const LAYOUTS = ['fcose', 'hierarchy', 'concentric', 'circle', 'grid', 'geographic'] as const;
export type LayoutName = (typeof LAYOUTS)[number];
/** Above this many nodes fcose would take too long: the worker's draft and refinement are used instead. */
export const FCOSE_UP_TO = 1500;

export type LayoutRequest =
  | { kind: 'force'; n: number; edges: Int32Array; start?: Float64Array; pinned?: Uint8Array; budgetMs: number }
  | { kind: 'hierarchy'; n: number; edges: Int32Array; roots: number[] }
  | { kind: 'geographic'; points: ({ lat: number; lon: number } | null)[]; edges: Int32Array };
export type LayoutReply =
  | { kind: 'draft'; positions: Float64Array }
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'done'; positions: Float64Array }
  | { kind: 'error'; message: string };

type Apply = (p: Positions, animate: boolean) => void;

function toPositions(ids: string[], xy: Float64Array): Positions {
  const p: Positions = {};
  ids.forEach((id, i) => (p[id] = { x: xy[2 * i]!, y: xy[2 * i + 1]! }));
  return p;
}

/** Runs a layout; resolves when the final positions are applied. `stop()` ends a worker layout early. */
export function runLayout(
  name: LayoutName,
  view: GraphViewHandle,
  chart: { nodes: GraphNode[]; edges: GraphEdge[]; pinned: ReadonlySet<string>; roots: string[] },
  apply: Apply,
  onProgress: (done: number, total: number) => void,
): { done: Promise<void>; stop(): void } {
  const ids = chart.nodes.map((n) => n.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const pairs: number[] = [];
  for (const e of chart.edges) {
    const a = index.get(e.source);
    const b = index.get(e.target);
    if (a !== undefined && b !== undefined) pairs.push(a, b);
  }
  const edges = Int32Array.from(pairs);
  const big = ids.length > FCOSE_UP_TO;
  if (!big && (name === 'fcose' || name === 'concentric' || name === 'circle' || name === 'grid')) {
    return { done: view.layout(name), stop: () => undefined };
  }
  const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    finish = () => {
      worker.terminate();
      resolve();
    };
    worker.onmessage = (ev: MessageEvent<LayoutReply>) => {
      const m = ev.data;
      if (m.kind === 'progress') onProgress(m.done, m.total);
      else if (m.kind === 'draft') apply(toPositions(ids, m.positions), false);
      else if (m.kind === 'done') {
        apply(toPositions(ids, m.positions), !big);
        finish();
      } else finish();
    };
    worker.onerror = () => finish();
  });
  let req: LayoutRequest;
  if (name === 'hierarchy') {
    const roots = chart.roots.map((r) => index.get(r)).filter((i): i is number => i !== undefined);
    req = { kind: 'hierarchy', n: ids.length, edges, roots: roots.length ? roots : [0] };
  } else if (name === 'geographic') {
    req = { kind: 'geographic', points: chart.nodes.map((n) => n.geo), edges };
  } else {
    // Big charts: the worker's draft, then its force-directed refinement.
    const pinned = new Uint8Array(ids.length);
    ids.forEach((id, i) => (pinned[i] = chart.pinned.has(id) ? 1 : 0));
    // With pinned nodes the refinement starts from where they all are now, so the pinned stay put.
    let start: Float64Array | undefined;
    if (chart.pinned.size) {
      const now = view.positions();
      start = new Float64Array(ids.length * 2);
      ids.forEach((id, i) => {
        start![2 * i] = now[id]?.x ?? 0;
        start![2 * i + 1] = now[id]?.y ?? 0;
      });
    }
    req = { kind: 'force', n: ids.length, edges, pinned, budgetMs: 2000, ...(start ? { start } : {}) };
  }
  worker.postMessage(req);
  return { done, stop: finish };
}
