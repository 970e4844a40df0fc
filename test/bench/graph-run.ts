// Child process for the graph bench (issue 7). Prints progress to stderr and one JSON object as the last line
// of stdout. Parts, all by default or those named in PORTCULLIS_BENCH_GRAPH_PARTS (comma-separated):
//   layout:   a 10k-node / 20k-edge chart shaped like a link chart (ports and forwarders as hubs, parties in
//             communities, shipments as small stars with their containers) drafted, then refined within a
//             budget; quality of both (overlaps, edge lengths, stress).
//   analysis: PageRank + Louvain on 100k nodes / 500k edges with shared/graph/algorithms.ts, beside plain
//             graphology (graphology-metrics pagerank, graphology-communities-louvain) on the same graph in
//             the same process, both run to the same PageRank tolerance (an L1 change under 1e-6); the
//             modularity of both partitions measured by one function.
//   expand:   on a workspace of PORTCULLIS_BENCH_GRAPH_SHIPMENTS shipments (a million unless set; kept in
//             PORTCULLIS_BENCH_GRAPH_CACHE=<dir> between runs), a node expanded to 5,000 neighbours from SQL
//             the way the UI asks for it: the busiest port of discharge, and the busiest party through every
//             link type, with a cap of 5,000 per type (the rest folded into a collection node and counted).
// Layout and analysis run in this process the way the app runs them in a worker: cold, one at a time.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createCore } from '../../electron/core/core.ts';
import { DEFAULT_PARAMS, generateScenario } from '../../electron/core/generator/scenario.ts';
import { writeScenario } from '../../electron/core/generator/workspace-writer.ts';
import { UndirectedGraph } from 'graphology';
import type louvainModule from 'graphology-communities-louvain';
import type pagerankModule from 'graphology-metrics/centrality/pagerank.js';
import { buildCsr, louvain, modularity, pagerank, seededRandom } from '../../shared/graph/algorithms.ts';
import { draftLayout, layoutQuality, refineLayout, type LayoutQuality } from '../../shared/graph/layout.ts';

// These two are CommonJS whose typings declare an ES default export: required, and typed as that export.
const require = createRequire(import.meta.url);
const graphologyPagerank = require('graphology-metrics/centrality/pagerank.js') as typeof pagerankModule.default;
const graphologyLouvain = require('graphology-communities-louvain') as typeof louvainModule.default;
const log = (msg: string) => process.stderr.write(`graph bench: ${msg}\n`);
const fmt = (v: number) => Math.round(v).toLocaleString('en');

export type LayoutRun = {
  nodes: number;
  edges: number;
  seed: number;
  components: number;
  largestComponent: number;
  draftMs: number;
  refineMs: number;
  refineBudgetMs: number;
  iterations: number;
  stopped: string;
  draft: LayoutQuality;
  refined: LayoutQuality;
};

export type AnalysisSide = { buildMs: number; pagerankMs: number; louvainMs: number; totalMs: number; communities: number; modularity: number };

export type AnalysisRun = {
  nodes: number;
  edges: number;
  seed: number;
  ours: AnalysisSide & { pagerankIterations: number };
  graphology: AnalysisSide;
  /** Largest difference between the two PageRank vectors. */
  pagerankMaxDiff: number;
};

/** `coldMs`: the first expansion (its nodes, edges and folded count); `ms`: the next page (the collection opened). */
export type ExpandCase = { node: string; label: string; cap: number; nodes: number; edges: number; folded: number; ms: number; coldMs: number };
export type ExpandRun = { shipments: number; reused: boolean; fillSeconds: number; cases: ExpandCase[] };

/** The child's output; parts not run are null. */
export type GraphRun = { load: [number, number]; layout: LayoutRun | null; analysis: AnalysisRun | null; expand: ExpandRun | null };

const seeded = seededRandom;

/** Distinct undirected edges, collected until `m` are in. */
class EdgeSet {
  readonly pairs: Int32Array;
  count = 0;
  private seen = new Set<number>();
  private n: number;
  constructor(n: number, m: number) {
    this.n = n;
    this.pairs = new Int32Array(2 * m);
  }
  get full(): boolean {
    return this.count * 2 === this.pairs.length;
  }
  add(a: number, b: number): void {
    if (a === b || this.full) return;
    const key = a < b ? a * this.n + b : b * this.n + a;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.pairs[2 * this.count] = a;
    this.pairs[2 * this.count + 1] = b;
    this.count++;
  }
}

/** A link chart's shape: 0.4% hubs (ports, forwarders) with Zipf-like popularity, 40% parties in communities
 * of ~100 (a company's people, addresses and phones) linked among themselves, the rest shipments as stars of
 * 2-9 leaves (containers, bookings). A shipment belongs to a community: it is tied to two of that community's
 * usual ports and often to one of its parties; one star in ten stands alone. The edges left over are a leaf
 * linked to a party of its community, parties linked within or (rarely) across communities, a leaf seen at a port. */
function linkChart(n: number, m: number, seed: number): Int32Array {
  const rnd = seeded(seed);
  const edges = new EdgeSet(n, m);
  const hubs = Math.max(4, Math.round(n * 0.004));
  const hub = () => Math.floor(hubs * Math.pow(rnd(), 2));
  const partyEnd = hubs + Math.round(n * 0.4);
  const communitySize = 100;
  const communities = Math.ceil((partyEnd - hubs) / communitySize);
  const ports = Array.from({ length: communities }, () => [hub(), hub(), hub()]);
  const party = (c: number) => hubs + c * communitySize + Math.floor(rnd() * Math.min(communitySize, partyEnd - hubs - c * communitySize));
  for (let v = hubs; v < partyEnd; v++) {
    const first = v - ((v - hubs) % communitySize);
    for (let k = 0; k < 2 && v > first; k++) edges.add(v, first + Math.floor(rnd() * (v - first)));
    if (rnd() < 0.05) edges.add(v, ports[Math.floor((v - hubs) / communitySize)]![0]!);
  }
  const leaves: number[] = [];
  const leafCommunity: number[] = [];
  for (let v = partyEnd; v < n; ) {
    const centre = v++;
    const c = Math.floor(rnd() * communities);
    const size = Math.min(2 + Math.floor(rnd() * 8), n - v);
    for (let k = 0; k < size; k++, v++) {
      edges.add(centre, v);
      leaves.push(v);
      leafCommunity.push(c);
    }
    if (rnd() < 0.1) continue;
    const lane = ports[c]!;
    edges.add(centre, lane[Math.floor(rnd() * 3)]!);
    edges.add(centre, lane[Math.floor(rnd() * 3)]!);
    if (rnd() < 0.6) edges.add(centre, party(c));
  }
  while (!edges.full) {
    const r = rnd();
    const l = Math.floor(rnd() * leaves.length);
    const c = Math.floor(rnd() * communities);
    if (r < 0.5) edges.add(leaves[l]!, party(leafCommunity[l]!));
    else if (r < 0.8) edges.add(party(c), party(c));
    else if (r < 0.85) edges.add(party(c), party(Math.floor(rnd() * communities)));
    else edges.add(leaves[l]!, ports[leafCommunity[l]!]![Math.floor(rnd() * 3)]!);
  }
  return edges.pairs;
}

/** A large graph with community structure: communities of 20-400 nodes, 80% of each node's edges inside its
 * community, the rest to nodes anywhere with a strong bias toward a few hundred hubs. */
function communityGraph(n: number, m: number, seed: number): Int32Array {
  const rnd = seeded(seed);
  const start: number[] = [];
  for (let v = 0; v < n; v += 20 + Math.floor(380 * Math.pow(rnd(), 2))) start.push(v);
  start.push(n);
  const home = new Int32Array(n);
  for (let c = 0; c + 1 < start.length; c++) home.fill(c, start[c]!, start[c + 1]!);
  const edges = new EdgeSet(n, m);
  while (!edges.full) {
    const u = Math.floor(rnd() * n);
    const c = home[u]!;
    if (rnd() < 0.8) edges.add(u, start[c]! + Math.floor(rnd() * (start[c + 1]! - start[c]!)));
    else edges.add(u, Math.floor(n * Math.pow(rnd(), 3)));
  }
  return edges.pairs;
}

function countComponents(n: number, edges: Int32Array): { count: number; largest: number } {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (v: number): number => {
    while (parent[v] !== v) v = parent[v] = parent[parent[v]!]!;
    return v;
  };
  for (let e = 0; e < edges.length; e += 2) parent[find(edges[e]!)] = find(edges[e + 1]!);
  const size = new Map<number, number>();
  for (let v = 0; v < n; v++) size.set(find(v), (size.get(find(v)) ?? 0) + 1);
  return { count: size.size, largest: Math.max(...size.values()) };
}

function layoutPart(): LayoutRun {
  const nodes = 10_000;
  const edgeCount = 20_000;
  const seed = 7;
  const refineBudgetMs = Number(process.env.PORTCULLIS_BENCH_GRAPH_REFINE_MS ?? 3500);
  const edges = linkChart(nodes, edgeCount, seed);
  const { count, largest } = countComponents(nodes, edges);
  log(`layout: ${fmt(nodes)} nodes, ${fmt(edgeCount)} edges, ${fmt(count)} components (largest ${fmt(largest)})`);
  let t = performance.now();
  const draft = draftLayout(nodes, edges, { seed });
  const draftMs = performance.now() - t;
  log(`layout: draft in ${fmt(draftMs)} ms; refining within ${fmt(refineBudgetMs)} ms`);
  t = performance.now();
  const refined = refineLayout(nodes, edges, draft, { timeBudgetMs: refineBudgetMs });
  const refineMs = performance.now() - t;
  log(`layout: refined in ${fmt(refineMs)} ms (${refined.iterations} steps, ${refined.stopped})`);
  return {
    nodes,
    edges: edgeCount,
    seed,
    components: count,
    largestComponent: largest,
    draftMs,
    refineMs,
    refineBudgetMs,
    iterations: refined.iterations,
    stopped: refined.stopped,
    draft: layoutQuality(nodes, edges, draft),
    refined: layoutQuality(nodes, edges, refined.positions),
  };
}

function analysisPart(): AnalysisRun {
  const nodes = 100_000;
  const edgeCount = 500_000;
  const seed = 11;
  log(`analysis: generating ${fmt(nodes)} nodes, ${fmt(edgeCount)} edges`);
  const edges = communityGraph(nodes, edgeCount, seed);

  let t = performance.now();
  const list = new Array<[number, number]>(edgeCount);
  for (let e = 0; e < edgeCount; e++) list[e] = [edges[2 * e]!, edges[2 * e + 1]!];
  const g = buildCsr(nodes, list);
  const buildMs = performance.now() - t;
  t = performance.now();
  const pr = pagerank(g);
  const pagerankMs = performance.now() - t;
  t = performance.now();
  const lv = louvain(g, { seed });
  const louvainMs = performance.now() - t;
  const ours = { buildMs, pagerankMs, louvainMs, totalMs: buildMs + pagerankMs + louvainMs, communities: lv.count, modularity: lv.modularity, pagerankIterations: pr.iterations };
  log(`analysis: ours ${fmt(ours.totalMs)} ms (CSR ${fmt(buildMs)}, PageRank ${fmt(pagerankMs)}, Louvain ${fmt(louvainMs)}), ${fmt(lv.count)} communities, Q ${lv.modularity.toFixed(4)}`);

  t = performance.now();
  const graph = new UndirectedGraph({ allowSelfLoops: false });
  for (let v = 0; v < nodes; v++) graph.addNode(v);
  for (let e = 0; e < edgeCount; e++) graph.addEdge(edges[2 * e]!, edges[2 * e + 1]!);
  const gBuildMs = performance.now() - t;
  t = performance.now();
  // graphology stops when the L1 change is under nodes × tolerance; ours when it is under the tolerance itself.
  const gpr = graphologyPagerank(graph, { getEdgeWeight: null, tolerance: 1e-6 / nodes });
  const gPagerankMs = performance.now() - t;
  t = performance.now();
  const glv = graphologyLouvain.detailed(graph, { getEdgeWeight: null, rng: seeded(seed) });
  const gLouvainMs = performance.now() - t;
  const partition = new Int32Array(nodes);
  for (let v = 0; v < nodes; v++) partition[v] = glv.communities[v]!;
  let pagerankMaxDiff = 0;
  for (let v = 0; v < nodes; v++) pagerankMaxDiff = Math.max(pagerankMaxDiff, Math.abs(gpr[v]! - pr.values[v]!));
  const theirs = {
    buildMs: gBuildMs,
    pagerankMs: gPagerankMs,
    louvainMs: gLouvainMs,
    totalMs: gBuildMs + gPagerankMs + gLouvainMs,
    communities: glv.count,
    modularity: modularity(g, partition),
  };
  log(
    `analysis: graphology ${fmt(theirs.totalMs)} ms (graph ${fmt(gBuildMs)}, PageRank ${fmt(gPagerankMs)}, Louvain ${fmt(gLouvainMs)}), ${fmt(glv.count)} communities, Q ${theirs.modularity.toFixed(4)}`,
  );
  return { nodes, edges: edgeCount, seed, ours, graphology: theirs, pagerankMaxDiff };
}

async function expandPart(): Promise<ExpandRun> {
  const n = Number(process.env.PORTCULLIS_BENCH_GRAPH_SHIPMENTS ?? 1_000_000);
  const cache = process.env.PORTCULLIS_BENCH_GRAPH_CACHE;
  const root = cache ? resolve(cache) : mkdtempSync(join(tmpdir(), 'pc-bench-graph-'));
  const metaFile = join(root, 'graph-bench.json');
  const passphrase = 'graph bench passphrase 1';
  const open = async (create: boolean) => {
    const core = createCore({ configDir: join(root, 'config'), shell: 'cli', version: 'bench', kdfCost: { N: 1024, r: 8, p: 1 }, rememberRecent: false });
    if (create) await core.workspace.create({ dir: join(root, 'ws'), name: 'graph bench', passphrase });
    else await core.workspace.unlock({ dir: join(root, 'ws'), passphrase });
    core.workspace.updateSettings({ autoLockMinutes: 0 });
    await core.jobs.cancelAll();
    return core;
  };
  try {
    let reused = false;
    let fillSeconds = 0;
    if (existsSync(metaFile) && (JSON.parse(readFileSync(metaFile, 'utf8')) as { shipments: number }).shipments === n) {
      reused = true;
      fillSeconds = (JSON.parse(readFileSync(metaFile, 'utf8')) as { fillSeconds: number }).fillSeconds;
      log(`expand: reusing the workspace of ${fmt(n)} shipments in ${root}`);
    } else {
      for (const f of [metaFile, join(root, 'ws'), join(root, 'config')]) rmSync(f, { recursive: true, force: true });
      mkdirSync(root, { recursive: true });
      log(`expand: filling a workspace with ${fmt(n)} shipments…`);
      const core = await open(true);
      const params = { ...DEFAULT_PARAMS, seed: 77, shipments: n, passengers: 0, rate: 0.005 };
      const t = performance.now();
      writeScenario(core.workspace.db(), params, generateScenario(params).items, { actor: 'bench' });
      fillSeconds = (performance.now() - t) / 1000;
      await core.shutdown();
      writeFileSync(metaFile, JSON.stringify({ shipments: n, fillSeconds }));
    }
    const core = await open(false);
    const db = core.workspace.db();
    const port = db.prepare('SELECT place_discharge FROM shipment WHERE place_discharge IS NOT NULL GROUP BY place_discharge ORDER BY count(*) DESC LIMIT 1').pluck().get() as string;
    const busiest = db.prepare('SELECT party_id FROM shipment_party GROUP BY party_id ORDER BY count(*) DESC LIMIT 1').pluck().get() as number;
    const cases: ExpandCase[] = [];
    for (const [node, label, only] of [
      [`place:${port}`, `busiest port of discharge (${port})`, ['discharged_at'] as const],
      [`party:${busiest}`, 'busiest party (every link type)', null],
    ] as const) {
      const cap = 5000;
      // The first request reads cold pages; then the collection opened for the next 5,000 (skipping the first).
      let t = performance.now();
      const edges = only ? { edges: [...only] } : {};
      const r = core.graph.expand({ nodes: [node], ...edges, cap });
      const coldMs = performance.now() - t;
      t = performance.now();
      core.graph.expand({ nodes: [node], ...edges, cap, offset: cap });
      const ms = performance.now() - t;
      const folded = r.folded.reduce((k, f) => k + f.count, 0);
      log(`expand: ${label}: ${fmt(r.nodes.length)} nodes in ${fmt(ms)} ms (cold ${fmt(coldMs)} ms), ${fmt(folded)} folded`);
      cases.push({ node, label, cap, nodes: r.nodes.length, edges: r.edges.length, folded, ms, coldMs });
    }
    await core.shutdown();
    return { shipments: n, reused, fillSeconds, cases };
  } finally {
    if (!cache) rmSync(root, { recursive: true, force: true });
  }
}

const parts = new Set((process.env.PORTCULLIS_BENCH_GRAPH_PARTS ?? 'layout,analysis,expand').split(',').map((s) => s.trim()));
const loadBefore = loadavg()[0]!;
const run: GraphRun = {
  load: [loadBefore, 0],
  layout: parts.has('layout') ? layoutPart() : null,
  analysis: parts.has('analysis') ? analysisPart() : null,
  expand: parts.has('expand') ? await expandPart() : null,
};
run.load[1] = loadavg()[0]!;
process.stdout.write(JSON.stringify(run) + '\n');
