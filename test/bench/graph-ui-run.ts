// Child process for the graph UI figure (issue 7): the real renderer in Chromium (browser shell) opens a
// saved chart of 10,000 nodes and 20,000 links with no positions, then lays it out (the worker's draft
// shown at once, its refinement applied when done) and draws it. Measures opening until the chart is on
// screen, and the layout until the refined positions are drawn; says whether WebGL drew it. One JSON line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChartContent, GraphEdge, GraphNode, NodeType } from '../../shared/domain/graph.ts';
import { seededRandom } from '../../shared/graph/algorithms.ts';
import { createCore } from '../../electron/core/core.ts';
import { openWorkstation } from './ui-harness.ts';

export type GraphUiRun = { nodes: number; edges: number; openMs: number; layoutMs: number; webgl: boolean };

/** A chart shaped like link charts: parties in communities, shipments hung on them, a few hub ports. */
function chart(n: number, m: number): ChartContent {
  const random = seededRandom(11);
  const types: NodeType[] = ['party', 'shipment', 'shipment', 'container', 'address', 'phone'];
  const nodes: GraphNode[] = [];
  for (let i = 0; i < n; i++) {
    const type: NodeType = i < 20 ? 'place' : types[Math.floor(random() * types.length)]!;
    nodes.push({ id: `${type}:${i}`, type, label: `${type} ${i}`, detail: '', risk: random() < 0.02 ? 'red' : null, watch: [], record: null, geo: null });
  }
  const seen = new Set<string>();
  const edges: GraphEdge[] = [];
  const add = (a: number, b: number) => {
    if (a === b) return;
    const id = `link|${nodes[a]!.id}|${nodes[b]!.id}`;
    if (seen.has(id)) return;
    seen.add(id);
    edges.push({ id, type: 'consignee_of', source: nodes[a]!.id, target: nodes[b]!.id, first: null, last: null, count: 1, sources: [] });
  };
  // Communities of 50: a tree inside each, joined to a hub port, then random links mostly inside communities.
  for (let i = 20; i < n; i++) add(i, i % 50 === 0 ? Math.floor(random() * 20) : i - 1 - Math.floor(random() * Math.min(i - 20, (i % 50) + 1)));
  while (edges.length < m) {
    const a = 20 + Math.floor(random() * (n - 20));
    const b = random() < 0.8 ? Math.min(n - 1, a - (a % 50) + Math.floor(random() * 50)) : Math.floor(random() * n);
    add(a, b);
  }
  return { nodes: nodes as unknown as ChartContent['nodes'], edges: edges as unknown as ChartContent['edges'], positions: {}, pinned: [], hidden: [], groups: [], style: { sizeBy: null, colourBy: null, layout: 'fcose' }, filters: {}, viewport: null };
}

/** Runs in the page: resolves after two animation frames (what was set is drawn). */
const twoFrames = () => {
  const raf = (globalThis as unknown as { requestAnimationFrame(f: () => void): void }).requestAnimationFrame;
  return new Promise<void>((resolve) => raf(() => raf(resolve)));
};

const root = mkdtempSync(join(tmpdir(), 'pc-bench-graph-ui-'));
const core = createCore({ configDir: join(root, 'config'), shell: 'browser', version: 'bench', kdfCost: { N: 1024, r: 8, p: 1 }, rememberRecent: false });
try {
  await core.workspace.create({ dir: join(root, 'ws'), name: 'graph ui bench', passphrase: 'graph ui bench passphrase 1' });
  await core.jobs.cancelAll();
  const content = chart(10_000, 20_000);
  const saved = core.graph.saveChart({ id: null, name: 'Ten thousand', description: '', content });
  const ui = await openWorkstation(core);
  try {
    const { page, base } = ui;
    const opening = performance.now();
    await page.goto(`${base}#/graph/chart/${saved.id}`);
    await page.getByTestId('graph-counts').filter({ hasText: /^10000 nodes/ }).waitFor();
    // Two frames: the elements drawn.
    await page.evaluate(twoFrames);
    const openMs = performance.now() - opening;
    const webgl = (await page.getByTestId('graph-canvas').getAttribute('data-webgl')) === 'yes';
    const laying = performance.now();
    await page.getByTestId('graph-run-layout').click();
    await page.getByTestId('graph-busy').waitFor();
    await page.getByTestId('graph-busy').waitFor({ state: 'detached' });
    await page.evaluate(twoFrames);
    const layoutMs = performance.now() - laying;
    await page.screenshot({ path: join(process.cwd(), 'test-results', 'screenshots', 'bench-graph-10k.png') });
    process.stdout.write(JSON.stringify({ nodes: content.nodes.length, edges: content.edges.length, openMs, layoutMs, webgl } satisfies GraphUiRun) + '\n');
  } finally {
    await ui.close();
  }
} finally {
  await core.shutdown();
  rmSync(root, { recursive: true, force: true });
}
