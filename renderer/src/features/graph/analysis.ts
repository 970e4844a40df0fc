// Runs the chart's analysis in a worker (analysis.worker.ts) and maps node indexes back to node ids.
import type { GraphEdge } from '../../../../shared/domain/graph.ts';

export type AnalysisRequest = { n: number; edges: Int32Array; weights?: Float64Array } & (
  { task: 'centrality' } | { task: 'communities' } | { task: 'paths'; from: number; to: number; k: number } | { task: 'common'; set: number[] }
);
export type AnalysisReply =
  | { kind: 'progress'; label: string; done: number; total: number }
  | {
      kind: 'centrality';
      degree: Float64Array;
      betweenness: Float64Array;
      betweennessExact: boolean;
      betweennessSamples: number;
      betweennessError: number;
      pagerank: Float64Array;
    }
  | { kind: 'communities'; communities: Int32Array; count: number; modularity: number }
  | { kind: 'paths'; paths: number[][] }
  | { kind: 'common'; nodes: number[] }
  | { kind: 'error'; message: string };

export type Measure = 'degree' | 'betweenness' | 'pagerank' | 'community';
export type Measures = {
  values: Partial<Record<Measure, Map<string, number>>>;
  /** How betweenness was computed (exact, or sampled with its error). */
  betweenness?: { exact: boolean; samples: number; error: number };
  communities?: { count: number; modularity: number };
};

/** The chart's nodes and links as indexes (links weighted by how many records say so). */
export function indexGraph(
  nodeIds: string[],
  edges: GraphEdge[],
): { index: Map<string, number>; request: { n: number; edges: Int32Array; weights: Float64Array } } {
  const index = new Map(nodeIds.map((id, i) => [id, i]));
  const pairs: number[] = [];
  const weights: number[] = [];
  for (const e of edges) {
    const a = index.get(e.source);
    const b = index.get(e.target);
    if (a === undefined || b === undefined || a === b) continue;
    pairs.push(a, b);
    weights.push(Math.max(1, e.count));
  }
  return { index, request: { n: nodeIds.length, edges: Int32Array.from(pairs), weights: Float64Array.from(weights) } };
}

export type Running = { promise: Promise<AnalysisReply>; cancel(): void };

/** Starts one analysis; progress arrives through onProgress; cancel() stops the worker at once. */
export function analyse(req: AnalysisRequest, onProgress: (label: string, done: number, total: number) => void): Running {
  const worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' });
  let settle: ((r: AnalysisReply) => void) | null = null;
  const promise = new Promise<AnalysisReply>((resolve) => {
    settle = resolve;
    worker.onmessage = (ev: MessageEvent<AnalysisReply>) => {
      if (ev.data.kind === 'progress') {
        onProgress(ev.data.label, ev.data.done, ev.data.total);
        return;
      }
      worker.terminate();
      resolve(ev.data);
    };
    worker.onerror = (ev) => {
      worker.terminate();
      resolve({ kind: 'error', message: ev.message || 'The analysis stopped.' });
    };
  });
  worker.postMessage(req);
  return {
    promise,
    cancel() {
      worker.terminate();
      settle?.({ kind: 'error', message: 'cancelled' });
    },
  };
}
