// The chart's analysis off the UI thread: centralities, communities, paths and common neighbours, on the
// nodes and links shown, with progress. A newer request or the user's cancel terminates the worker.
import { betweenness, buildCsr, commonNeighbours, degree, kShortestPaths, louvain, pagerank } from '../../../../shared/graph/algorithms.ts';
import type { AnalysisReply, AnalysisRequest } from './analysis.ts';

const post = (m: AnalysisReply) => (self as unknown as Worker).postMessage(m);

self.onmessage = (ev: MessageEvent<AnalysisRequest>) => {
  const req = ev.data;
  const edges: [number, number, number][] = [];
  for (let i = 0; i < req.edges.length; i += 2) edges.push([req.edges[i]!, req.edges[i + 1]!, req.weights?.[i / 2] ?? 1]);
  const g = buildCsr(req.n, edges);
  let last = 0;
  const progress = (label: string) => (done: number, total: number) => {
    const now = performance.now();
    if (now - last < 100) return;
    last = now;
    post({ kind: 'progress', label, done, total });
  };
  try {
    switch (req.task) {
      case 'centrality': {
        const b = betweenness(g, { onProgress: progress('betweenness') });
        const p = pagerank(g, { onProgress: progress('pagerank') });
        post({
          kind: 'centrality',
          degree: degree(g),
          betweenness: b.values,
          betweennessExact: b.exact,
          betweennessSamples: b.samples,
          betweennessError: b.stdError,
          pagerank: p.values,
        });
        break;
      }
      case 'communities': {
        const c = louvain(g, { onProgress: progress('communities') });
        post({ kind: 'communities', communities: c.communities, count: c.count, modularity: c.modularity });
        break;
      }
      case 'paths':
        post({ kind: 'paths', paths: kShortestPaths(g, req.from, req.to, req.k) });
        break;
      case 'common':
        post({ kind: 'common', nodes: commonNeighbours(g, req.set) });
        break;
    }
  } catch (err) {
    post({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
