// Graph figures (issue 7): laying out a 10k-node / 20k-edge link chart (draft, then draft + refinement), and
// PageRank + Louvain on 100k nodes / 500k edges beside plain graphology in the same run. The child script
// runs the parts in a fresh process; each part's figures come from its own function below, so a new part
// (expanding to 5k nodes, entity resolution) adds a field to GraphRun, a function here and a line in graphFigures.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Figure } from './harness.ts';
import type { AnalysisRun, GraphRun, LayoutRun } from './graph-run.ts';

const RUNNER = fileURLToPath(new URL('./graph-run.ts', import.meta.url));
const n = (v: number) => Math.round(v).toLocaleString('en');
const load = (run: GraphRun) => `load ${run.load[0].toFixed(1)} → ${run.load[1].toFixed(1)} (2 cores)`;

function layoutFigures(l: LayoutRun, run: GraphRun): Figure[] {
  const total = l.draftMs + l.refineMs;
  const quality = (q: LayoutRun['draft']) => `${n(q.overlaps)} overlapping pairs, stress ${q.stress.toFixed(3)}, edge length ${n(q.meanEdgeLength)} ± ${(q.edgeLengthCv * 100).toFixed(0)}%`;
  return [
    {
      name: `graph: lay out ${n(l.nodes)} nodes / ${n(l.edges)} edges, draft`,
      value: l.draftMs,
      unit: 'ms',
      target: '< 1,000 ms',
      pass: l.draftMs < 1000,
      note: `pivot MDS + 20 force steps, ${n(l.components)} components (largest ${n(l.largestComponent)}), seed ${l.seed}; ${quality(l.draft)}`,
    },
    {
      name: `graph: lay out ${n(l.nodes)} nodes / ${n(l.edges)} edges, draft + refinement`,
      value: total / 1000,
      unit: 's',
      target: '< 5 s',
      pass: total < 5000,
      baseline: { name: 'draft alone', value: l.draftMs / 1000, unit: 's' },
      note: `refinement within ${n(l.refineBudgetMs)} ms: ${l.iterations} Barnes-Hut steps, ${l.stopped === 'budget' ? 'cut short by the budget' : l.stopped}; ${quality(l.refined)}; ${load(run)}`,
    },
  ];
}

function analysisFigures(a: AnalysisRun, run: GraphRun): Figure[] {
  const { ours, graphology: g } = a;
  return [
    {
      name: `graph: PageRank + Louvain on ${n(a.nodes)} nodes / ${n(a.edges)} edges`,
      value: ours.totalMs / 1000,
      unit: 's',
      target: '< 5 s',
      pass: ours.totalMs < 5000,
      // The baseline leaves out building graphology's graph (ours includes building its CSR), so the ratio flatters it.
      baseline: { name: 'graphology PageRank + Louvain, same graph', value: (g.pagerankMs + g.louvainMs) / 1000, unit: 's' },
      note:
        `ours: CSR ${n(ours.buildMs)} ms, PageRank ${n(ours.pagerankMs)} ms (${ours.pagerankIterations} iterations), Louvain ${n(ours.louvainMs)} ms, ` +
        `${n(ours.communities)} communities, modularity ${ours.modularity.toFixed(4)}; graphology: graph ${n(g.buildMs)} ms, PageRank ${n(g.pagerankMs)} ms, ` +
        `Louvain ${n(g.louvainMs)} ms (graph built beforehand), ${n(g.communities)} communities, modularity ${g.modularity.toFixed(4)}; PageRanks differ by at most ${a.pagerankMaxDiff.toExponential(1)}; ${load(run)}`,
    },
  ];
}

export async function graphFigures(): Promise<Figure[]> {
  const r = spawnSync(process.execPath, [RUNNER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 << 20 });
  if (r.status !== 0) throw new Error(`${RUNNER} failed (exit ${r.status})`);
  const run = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as GraphRun;
  // A part the child did not run (null) gives no figures; new parts append their line here.
  return [...(run.layout ? layoutFigures(run.layout, run) : []), ...(run.analysis ? analysisFigures(run.analysis, run) : [])];
}
