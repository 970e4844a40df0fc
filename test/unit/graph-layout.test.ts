// Layouts for big link charts: the draft is deterministic and keeps components apart, the refinement beats the
// draft on a generated chart, keeps pinned nodes, keeps to its time budget and stops when asked; the layered
// layout puts children below parents without needless crossings; the geographic layout keeps the compass.
import { describe, expect, it } from 'vitest';
import {
  GEO_PLACEMENT,
  draftLayout,
  geographicLayout,
  hierarchicalLayout,
  layoutQuality,
  projectLonLat,
  refineLayout,
  type GeoPoint,
} from '../../shared/graph/layout.ts';
import { seededRandom } from '../../shared/graph/algorithms.ts';

const seeded = seededRandom;

/** A small link chart: a few hub ports, parties in communities of 50, shipments as stars hung on two ports, a
 * few stars on their own and some isolated nodes. Returns distinct edges. */
function chart(n: number, m: number, seed: number): Int32Array {
  const rnd = seeded(seed);
  const seen = new Set<number>();
  const out: number[] = [];
  const add = (a: number, b: number) => {
    if (a === b || out.length >= 2 * m) return;
    const key = Math.min(a, b) * n + Math.max(a, b);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(a, b);
  };
  const hubs = 8;
  const partyEnd = Math.round(n * 0.4);
  for (let v = hubs; v < partyEnd; v++) {
    const first = v - ((v - hubs) % 50);
    if (v > first) add(v, first + Math.floor(rnd() * (v - first)));
    if (v > first + 1) add(v, first + Math.floor(rnd() * (v - first)));
    if (rnd() < 0.1) add(v, Math.floor(rnd() * hubs));
  }
  for (let v = partyEnd; v < n - 20;) {
    const centre = v++;
    for (let k = 2 + Math.floor(rnd() * 6); k > 0 && v < n - 20; k--) add(centre, v++);
    if (rnd() < 0.1) continue;
    add(centre, Math.floor(rnd() * hubs));
    add(centre, Math.floor(rnd() * hubs));
    if (rnd() < 0.5) add(centre, hubs + Math.floor(rnd() * (partyEnd - hubs)));
  }
  // The last 20 nodes stay isolated; fill up with links inside communities.
  while (out.length < 2 * m) {
    const c = Math.floor(rnd() * Math.floor((partyEnd - hubs) / 50));
    add(hubs + c * 50 + Math.floor(rnd() * 50), hubs + c * 50 + Math.floor(rnd() * 50));
  }
  return Int32Array.from(out);
}

/** Component id per node (union-find). */
function componentIds(n: number, edges: Int32Array): Int32Array {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (v: number): number => {
    while (parent[v] !== v) v = parent[v] = parent[parent[v]!]!;
    return v;
  };
  for (let e = 0; e < edges.length; e += 2) parent[find(edges[e]!)] = find(edges[e + 1]!);
  return Int32Array.from({ length: n }, (_, v) => find(v));
}

const NODE = 30;

describe('draftLayout', () => {
  const n = 1500;
  const edges = chart(n, 3000, 5);

  it('is deterministic for a seed, and the seed matters', () => {
    const a = draftLayout(n, edges, { seed: 3 });
    const b = draftLayout(n, edges, { seed: 3 });
    const c = draftLayout(n, edges, { seed: 4 });
    expect(a).toHaveLength(2 * n);
    expect(a.every(Number.isFinite)).toBe(true);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('packs components so that their boxes do not overlap', () => {
    const pos = draftLayout(n, edges, { seed: 1 });
    const ids = componentIds(n, edges);
    const boxes = new Map<number, [number, number, number, number]>();
    for (let v = 0; v < n; v++) {
      const b = boxes.get(ids[v]!) ?? [Infinity, Infinity, -Infinity, -Infinity];
      b[0] = Math.min(b[0], pos[2 * v]! - NODE / 2);
      b[1] = Math.min(b[1], pos[2 * v + 1]! - NODE / 2);
      b[2] = Math.max(b[2], pos[2 * v]! + NODE / 2);
      b[3] = Math.max(b[3], pos[2 * v + 1]! + NODE / 2);
      boxes.set(ids[v]!, b);
    }
    const list = [...boxes.values()];
    expect(list.length).toBeGreaterThan(30); // the generator's isolated nodes and lone stars
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = [list[i]!, list[j]!];
        const apart = a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1];
        expect(apart, `components ${i} and ${j} overlap`).toBe(true);
      }
    }
  });

  it('fans a star’s leaves round its hub without overlaps', () => {
    const leaves = 40;
    const edges = Int32Array.from({ length: 2 * leaves }, (_, k) => (k % 2 ? k / 2 + 0.5 : 0));
    const pos = draftLayout(leaves + 1, edges);
    const d = Array.from({ length: leaves }, (_, i) => Math.hypot(pos[2 * (i + 1)]! - pos[0]!, pos[2 * (i + 1) + 1]! - pos[1]!));
    expect(Math.min(...d)).toBeGreaterThan(NODE);
    expect(layoutQuality(leaves + 1, edges, pos).overlaps).toBe(0);
  });

  it('draws a long path and a ring at about the edge length asked for', () => {
    const n = 60;
    const path = Int32Array.from({ length: 2 * (n - 1) }, (_, k) => (k >> 1) + (k & 1));
    const ring = Int32Array.from([...path, n - 1, 0]);
    for (const edges of [path, ring]) {
      const q = layoutQuality(n, edges, draftLayout(n, edges, { edgeLength: 80 }));
      expect(q.meanEdgeLength).toBeGreaterThan(40);
      expect(q.meanEdgeLength).toBeLessThan(160);
      expect(q.overlaps).toBe(0);
    }
  });

  it('handles no nodes, isolated nodes and single edges', () => {
    expect(draftLayout(0, new Int32Array(0))).toHaveLength(0);
    const pos = draftLayout(4, Int32Array.from([0, 1]));
    expect(pos.every(Number.isFinite)).toBe(true);
    expect(layoutQuality(4, Int32Array.from([0, 1]), pos).overlaps).toBe(0);
    expect(() => draftLayout(3, Int32Array.from([0, 1, 2]))).toThrow(RangeError);
    expect(() => draftLayout(3, Int32Array.from([0, 3]))).toThrow(RangeError);
  });
});

describe('refineLayout', () => {
  const n = 2000;
  const edges = chart(n, 4000, 9);
  const draft = draftLayout(n, edges, { seed: 9 });

  it('removes the draft’s overlaps and lowers its stress on a generated chart', () => {
    const before = layoutQuality(n, edges, draft);
    const after = refineLayout(n, edges, draft, { timeBudgetMs: 20_000, maxIterations: 300 });
    const q = layoutQuality(n, edges, after.positions);
    expect(after.stopped).toBe('converged');
    expect(before.overlaps).toBeGreaterThan(20);
    expect(q.overlaps).toBeLessThan(before.overlaps / 10);
    expect(q.stress, `stress ${before.stress} → ${q.stress}`).toBeLessThan(before.stress);
    // Deterministic when the budget does not cut it short.
    expect(refineLayout(n, edges, draft, { timeBudgetMs: 20_000, maxIterations: 300 }).positions).toEqual(after.positions);
  });

  it('never moves a pinned node, while the others still move', () => {
    const pinned = new Uint8Array(n);
    const rnd = seeded(2);
    for (let v = 0; v < n; v++) if (rnd() < 0.1) pinned[v] = 1;
    const { positions } = refineLayout(n, edges, draft, { timeBudgetMs: 20_000, maxIterations: 100, pinned });
    let moved = 0;
    for (let v = 0; v < n; v++) {
      if (pinned[v]) {
        expect(positions[2 * v]).toBe(draft[2 * v]);
        expect(positions[2 * v + 1]).toBe(draft[2 * v + 1]);
      } else if (positions[2 * v] !== draft[2 * v]) moved++;
    }
    expect(moved).toBeGreaterThan(n / 2);
  });

  it('keeps to its time budget', () => {
    const big = 8000;
    const bigEdges = chart(big, 16_000, 4);
    const start = draftLayout(big, bigEdges);
    const began = Date.now();
    const r = refineLayout(big, bigEdges, start, { timeBudgetMs: 300 });
    const took = Date.now() - began;
    expect(r.stopped).toBe('budget');
    expect(r.iterations).toBeGreaterThan(0);
    // The budget covers the steps; building the graph and the final overlap passes come on top.
    expect(took, `${took} ms`).toBeLessThan(300 + 400);
  });

  it('stops when asked, reporting progress until then', () => {
    let polls = 0;
    const progress: number[] = [];
    const r = refineLayout(n, edges, draft, {
      timeBudgetMs: 20_000,
      shouldStop: () => ++polls > 3,
      onProgress: (done, total) => {
        expect(total).toBeGreaterThanOrEqual(done);
        progress.push(done);
      },
    });
    expect(r.stopped).toBe('cancelled');
    expect(r.iterations).toBe(3);
    expect(progress).toEqual([1, 2, 3]);
    expect(r.positions.every(Number.isFinite)).toBe(true);
  });

  it('rejects positions or pins of the wrong length', () => {
    expect(() => refineLayout(n, edges, new Float64Array(3), { timeBudgetMs: 10 })).toThrow(RangeError);
    expect(() => refineLayout(n, edges, draft, { timeBudgetMs: 10, pinned: new Uint8Array(2) })).toThrow(RangeError);
  });
});

describe('layoutQuality', () => {
  it('counts overlapping pairs as a brute-force count does', () => {
    const rnd = seeded(8);
    const n = 400;
    const pos = Float64Array.from({ length: 2 * n }, () => rnd() * 600);
    let brute = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (Math.hypot(pos[2 * i]! - pos[2 * j]!, pos[2 * i + 1]! - pos[2 * j + 1]!) < NODE) brute++;
    expect(brute).toBeGreaterThan(0);
    expect(layoutQuality(n, new Int32Array(0), pos).overlaps).toBe(brute);
  });

  it('gives a path laid out on a line no stress and equal edge lengths', () => {
    const n = 20;
    const edges = Int32Array.from({ length: 2 * (n - 1) }, (_, k) => (k >> 1) + (k & 1));
    const pos = Float64Array.from({ length: 2 * n }, (_, k) => (k % 2 ? 0 : (k / 2) * 50));
    const q = layoutQuality(n, edges, pos);
    expect(q.stress).toBeCloseTo(0, 9);
    expect(q.edgeLengthCv).toBeCloseTo(0, 9);
    expect(q.meanEdgeLength).toBeCloseTo(50, 9);
  });
});

describe('hierarchicalLayout', () => {
  /** Crossings between edges that join adjacent layers (by y), brute force. */
  function crossings(n: number, edges: Int32Array, pos: Float64Array): number {
    const spans: [number, number][] = [];
    for (let e = 0; e < edges.length; e += 2) {
      let [a, b] = [edges[e]!, edges[e + 1]!];
      if (pos[2 * a + 1]! > pos[2 * b + 1]!) [a, b] = [b, a];
      if (pos[2 * a + 1] !== pos[2 * b + 1]) spans.push([a, b]);
    }
    let c = 0;
    for (let i = 0; i < spans.length; i++) {
      for (let j = i + 1; j < spans.length; j++) {
        const [a, b] = spans[i]!;
        const [p, q] = spans[j]!;
        if (pos[2 * a + 1] !== pos[2 * p + 1] || a === p || b === q) continue;
        if ((pos[2 * a]! - pos[2 * p]!) * (pos[2 * b]! - pos[2 * q]!) < 0) c++;
      }
    }
    return c;
  }

  it('puts every child one layer below its parent in a tree, with no crossings and no crowding', () => {
    const rnd = seeded(12);
    const n = 300;
    const parentOf = Int32Array.from({ length: n }, (_, v) => (v === 0 ? -1 : Math.floor(rnd() * v)));
    const edges = new Int32Array(2 * (n - 1));
    for (let v = 1; v < n; v++) edges.set([v, parentOf[v]!], 2 * (v - 1)); // child first: direction must not matter
    const pos = hierarchicalLayout(n, edges, [0], { layerGap: 100, nodeGap: 40 });
    for (let v = 1; v < n; v++) expect(pos[2 * v + 1]! - pos[2 * parentOf[v]! + 1]!).toBe(100);
    expect(crossings(n, edges, pos)).toBe(0);
    const byLayer = new Map<number, number[]>();
    for (let v = 0; v < n; v++) byLayer.set(pos[2 * v + 1]!, [...(byLayer.get(pos[2 * v + 1]!) ?? []), pos[2 * v]!]);
    for (const xs of byLayer.values()) {
      xs.sort((a, b) => a - b);
      for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThanOrEqual(40 - 1e-9);
    }
  });

  it('reorders a layer to undo the crossing that BFS order leaves', () => {
    // Root 0 over 1, 2, 3; below, BFS meets 5 and 6 (from 1) before 4 (from 2): 1–6 then crosses 2–5.
    const edges = Int32Array.from([0, 1, 0, 2, 0, 3, 1, 5, 1, 6, 2, 5, 2, 4, 3, 4]);
    const pos = hierarchicalLayout(7, edges, [0]);
    expect(crossings(7, edges, pos)).toBe(0);
  });

  it('lays out parts the roots do not reach beside the rest, from their best-connected node', () => {
    // 0–1–2 reached from root 0; 3 is a hub of 4, 5, 6 with no root.
    const edges = Int32Array.from([0, 1, 1, 2, 3, 4, 3, 5, 3, 6]);
    const pos = hierarchicalLayout(7, edges, [0]);
    expect(pos[7]).toBe(0); // node 3 on the top layer
    for (const v of [4, 5, 6]) expect(pos[2 * v + 1]).toBeGreaterThan(0);
    const rightmostReached = Math.max(pos[0]!, pos[2]!, pos[4]!);
    for (const v of [3, 4, 5, 6]) expect(pos[2 * v]).toBeGreaterThan(rightmostReached);
    expect(() => hierarchicalLayout(3, new Int32Array(0), [3])).toThrow(RangeError);
  });
});

describe('geographicLayout', () => {
  const ports: GeoPoint[] = [
    { lat: 51.95, lon: 4.1 }, // 0 Rotterdam
    { lat: 31.23, lon: 121.49 }, // 1 Shanghai
    { lat: 42.09, lon: 19.08 }, // 2 Bar
    { lat: -23.96, lon: -46.3 }, // 3 Santos
    null, // 4 a forwarder linked to Bar
    null, // 5 a party linked only to the forwarder
    null, // 6 a party linked to nothing placed
    null, // 7 linked to nothing at all
  ];
  const edges = Int32Array.from([4, 2, 5, 4, 6, 7]);

  for (const projection of ['equirectangular', 'mercator'] as const) {
    it(`keeps east-west and north-south order (${projection})`, () => {
      const { positions, placement, frame } = geographicLayout(ports, { projection, width: 2000, edges });
      const located = [0, 1, 2, 3];
      for (const a of located) {
        for (const b of located) {
          const [pa, pb] = [ports[a]!, ports[b]!];
          if (pa.lon < pb.lon) expect(positions[2 * a]).toBeLessThan(positions[2 * b]!);
          if (pa.lat > pb.lat) expect(positions[2 * a + 1]).toBeLessThan(positions[2 * b + 1]!);
        }
        expect(placement[a]).toBe(GEO_PLACEMENT.located);
        const [x, y] = projectLonLat(frame, ports[a]!.lat, ports[a]!.lon);
        expect(positions[2 * a]).toBeCloseTo(x, 9);
        expect(positions[2 * a + 1]).toBeCloseTo(y, 9);
        expect(x).toBeGreaterThan(0);
        expect(x).toBeLessThan(frame.width);
        expect(y).toBeGreaterThan(0);
        expect(y).toBeLessThan(frame.height);
      }
      expect(frame.width).toBe(2000);
    });
  }

  it('puts nodes without coordinates near what they link to, and the rest in a strip beside the map', () => {
    const { positions, placement, frame } = geographicLayout(ports, { edges });
    const near = (a: number, b: number) => Math.hypot(positions[2 * a]! - positions[2 * b]!, positions[2 * a + 1]! - positions[2 * b + 1]!);
    expect(placement[4]).toBe(GEO_PLACEMENT.nearLinks);
    expect(placement[5]).toBe(GEO_PLACEMENT.nearLinks);
    expect(near(4, 2)).toBeGreaterThanOrEqual(NODE);
    expect(near(4, 2)).toBeLessThan(3 * NODE);
    expect(near(5, 4)).toBeLessThan(3 * NODE);
    for (const v of [6, 7]) {
      expect(placement[v]).toBe(GEO_PLACEMENT.strip);
      expect(positions[2 * v]).toBeGreaterThan(frame.width);
    }
    expect(near(6, 7)).toBeGreaterThanOrEqual(NODE);
  });

  it('spreads several nodes hung on one port so they do not cover each other', () => {
    const points: GeoPoint[] = [{ lat: 42.09, lon: 19.08 }, ...Array<GeoPoint>(12).fill(null)];
    const edges = Int32Array.from({ length: 24 }, (_, k) => (k % 2 ? 0 : k / 2 + 1));
    const { positions } = geographicLayout(points, { edges });
    expect(layoutQuality(13, edges, positions).overlaps).toBe(0);
  });

  it('treats coordinates out of range as missing, and shows the world when nothing is located', () => {
    const { placement, frame } = geographicLayout([{ lat: 95, lon: 10 }, null]);
    expect([...placement]).toEqual([GEO_PLACEMENT.strip, GEO_PLACEMENT.strip]);
    expect(frame.west).toBe(-180);
    expect(frame.east).toBe(180);
  });
});
