// Link-analysis algorithms against known answers: hand-built graphs (path, star, two triangles on a bridge, a
// grid, cliques), the Zachary karate club, brute-force path enumeration, exact against sampled betweenness, and
// cancellation through a throwing progress callback.
import { describe, expect, it } from 'vitest';
import {
  betweenness,
  buildCsr,
  commonNeighbours,
  type Csr,
  degree,
  kShortestPaths,
  louvain,
  modularity,
  pagerank,
  seededRandom,
  shortestPath,
} from '../../shared/graph/algorithms.ts';

/** A small seeded generator: the same draws every run. */
const seeded = seededRandom;

/** m random edges over n nodes (repeats and loops possible; buildCsr folds them). */
function randomEdges(n: number, m: number, seed: number): [number, number][] {
  const rnd = seeded(seed);
  return Array.from({ length: m }, () => [Math.floor(rnd() * n), Math.floor(rnd() * n)] as [number, number]);
}

const pathGraph = (n: number): Csr =>
  buildCsr(
    n,
    Array.from({ length: n - 1 }, (_, i) => [i, i + 1] as const),
  );
const cycle = (n: number): Csr =>
  buildCsr(
    n,
    Array.from({ length: n }, (_, i) => [i, (i + 1) % n] as const),
  );
/** Centre 0 and leaves 1..leaves. */
const star = (leaves: number): Csr =>
  buildCsr(
    leaves + 1,
    Array.from({ length: leaves }, (_, i) => [0, i + 1] as const),
  );
/** Triangles 0-1-2 and 3-4-5, joined by the bridge 2-3. */
const bridgedTriangles = (): Csr =>
  buildCsr(6, [
    [0, 1],
    [1, 2],
    [0, 2],
    [2, 3],
    [3, 4],
    [4, 5],
    [3, 5],
  ]);
/** A rows × cols grid, node r * cols + c. */
function grid(rows: number, cols: number): Csr {
  const edges: [number, number][] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (c + 1 < cols) edges.push([r * cols + c, r * cols + c + 1]);
      if (r + 1 < rows) edges.push([r * cols + c, (r + 1) * cols + c]);
    }
  }
  return buildCsr(rows * cols, edges);
}
/** `count` cliques of `size` nodes, clique i's last node joined to clique i+1's first (a ring when `ring`). */
function cliques(count: number, size: number, ring: boolean): Csr {
  const edges: [number, number][] = [];
  for (let q = 0; q < count; q++) {
    for (let i = 0; i < size; i++) for (let j = i + 1; j < size; j++) edges.push([q * size + i, q * size + j]);
    if (q + 1 < count || ring) edges.push([q * size + size - 1, ((q + 1) % count) * size]);
  }
  return buildCsr(count * size, edges);
}

// Zachary's karate club (1977): 34 members, 78 friendships, members numbered 1..34 as in the paper.
// prettier-ignore
const KARATE: [number, number][] = [
  [1, 2], [1, 3], [1, 4], [1, 5], [1, 6], [1, 7], [1, 8], [1, 9], [1, 11], [1, 12], [1, 13], [1, 14], [1, 18], [1, 20], [1, 22], [1, 32],
  [2, 3], [2, 4], [2, 8], [2, 14], [2, 18], [2, 20], [2, 22], [2, 31],
  [3, 4], [3, 8], [3, 9], [3, 10], [3, 14], [3, 28], [3, 29], [3, 33],
  [4, 8], [4, 13], [4, 14], [5, 7], [5, 11], [6, 7], [6, 11], [6, 17], [7, 17], [9, 31], [9, 33], [9, 34], [10, 34], [14, 34],
  [15, 33], [15, 34], [16, 33], [16, 34], [19, 33], [19, 34], [20, 34], [21, 33], [21, 34], [23, 33], [23, 34],
  [24, 26], [24, 28], [24, 30], [24, 33], [24, 34], [25, 26], [25, 28], [25, 32], [26, 32], [27, 30], [27, 34], [28, 34],
  [29, 32], [29, 34], [30, 33], [30, 34], [31, 33], [31, 34], [32, 33], [32, 34], [33, 34],
];
const karate = (): Csr =>
  buildCsr(
    34,
    KARATE.map(([a, b]) => [a - 1, b - 1] as const),
  );

const row = (g: Csr, i: number): number[] => Array.from(g.targets.subarray(g.offsets[i], g.offsets[i + 1]));

/** Every simple path from a to b by depth-first search, ordered by hop count and then by id sequence. */
function allSimplePaths(g: Csr, a: number, b: number): number[][] {
  const found: number[][] = [];
  const onPath = new Set<number>([a]);
  const walk = (path: number[]): void => {
    const last = path[path.length - 1]!;
    if (last === b) {
      found.push([...path]);
      return;
    }
    for (const v of row(g, last)) {
      if (onPath.has(v)) continue;
      onPath.add(v);
      path.push(v);
      walk(path);
      path.pop();
      onPath.delete(v);
    }
  };
  walk([a]);
  return found.sort((x, y) => x.length - y.length || compareSeq(x, y));
}
function compareSeq(x: number[], y: number[]): number {
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}

/** Hop distances from s by a plain BFS (-1 where unreachable). */
function hops(g: Csr, s: number): number[] {
  const dist = new Array<number>(g.n).fill(-1);
  dist[s] = 0;
  const queue = [s];
  for (let h = 0; h < queue.length; h++) {
    const u = queue[h]!;
    for (const v of row(g, u)) {
      if (dist[v] === -1) {
        dist[v] = dist[u]! + 1;
        queue.push(v);
      }
    }
  }
  return dist;
}

describe('buildCsr and degree', () => {
  it('merges parallel edges in either direction (weights summed), drops self-loops and sorts each row', () => {
    const g = buildCsr(4, [
      [2, 0, 1.5],
      [0, 2, 2],
      [1, 1, 9],
      [3, 0],
      [0, 1],
      [2, 0],
    ]);
    expect(g.n).toBe(4);
    expect(Array.from(g.offsets)).toEqual([0, 3, 4, 5, 6]);
    expect(row(g, 0)).toEqual([1, 2, 3]);
    expect(Array.from(g.weights.subarray(0, 3))).toEqual([1, 4.5, 1]);
    expect(row(g, 1)).toEqual([0]);
    expect(row(g, 2)).toEqual([0]);
    expect(g.weights[g.offsets[2]!]).toBe(4.5);
    expect(Array.from(degree(g))).toEqual([3, 1, 1, 1]);
  });

  it('stores every edge in both rows with the same weight', () => {
    const g = buildCsr(50, randomEdges(50, 300, 3));
    for (let i = 0; i < g.n; i++) {
      const r = row(g, i);
      expect(r).toEqual([...r].sort((x, y) => x - y));
      expect(new Set(r).size).toBe(r.length);
      for (let p = g.offsets[i]!; p < g.offsets[i + 1]!; p++) {
        const j = g.targets[p]!;
        expect(j).not.toBe(i);
        const back = row(g, j).indexOf(i);
        expect(g.weights[g.offsets[j]! + back]).toBe(g.weights[p]);
      }
    }
  });

  it('rejects nodes out of range and weights that are negative or not finite', () => {
    expect(() => buildCsr(3, [[0, 3]])).toThrow(RangeError);
    expect(() => buildCsr(3, [[-1, 2]])).toThrow(RangeError);
    expect(() => buildCsr(3, [[0, 1.5]])).toThrow(RangeError);
    expect(() => buildCsr(3, [[0, 1, -1]])).toThrow(RangeError);
    expect(() => buildCsr(3, [[0, 1, Number.NaN]])).toThrow(RangeError);
    expect(buildCsr(0, []).n).toBe(0);
  });

  it('counts distinct neighbours', () => {
    expect(Array.from(degree(star(4)))).toEqual([4, 1, 1, 1, 1]);
    const d = degree(karate());
    expect(d[33]).toBe(17);
    expect(d[0]).toBe(16);
    expect(d.reduce((s, x) => s + x, 0)).toBe(2 * 78);
  });
});

describe('shortestPath', () => {
  it('follows a path graph either way, gives [a] for a to itself and null between components', () => {
    const g = pathGraph(5);
    expect(shortestPath(g, 0, 4)).toEqual([0, 1, 2, 3, 4]);
    expect(shortestPath(g, 3, 1)).toEqual([3, 2, 1]);
    expect(shortestPath(g, 2, 2)).toEqual([2]);
    expect(
      shortestPath(
        buildCsr(4, [
          [0, 1],
          [2, 3],
        ]),
        0,
        3,
      ),
    ).toBeNull();
    expect(() => shortestPath(g, 0, 5)).toThrow(RangeError);
  });

  it('picks the smallest id sequence among equally short paths', () => {
    expect(shortestPath(grid(3, 3), 0, 8)).toEqual([0, 1, 2, 5, 8]);
    expect(shortestPath(grid(3, 3), 8, 0)).toEqual([8, 5, 2, 1, 0]);
    expect(shortestPath(karate(), 16, 25)).toEqual([16, 5, 0, 31, 25]);
  });

  it('returns a real path of the BFS length on a random graph', () => {
    const g = buildCsr(300, randomEdges(300, 500, 11));
    const dist = hops(g, 0);
    for (let b = 0; b < g.n; b++) {
      const path = shortestPath(g, 0, b);
      if (dist[b] === -1) {
        expect(path).toBeNull();
        continue;
      }
      expect(path!.length - 1).toBe(dist[b]);
      expect(path![0]).toBe(0);
      expect(path![path!.length - 1]).toBe(b);
      for (let i = 1; i < path!.length; i++) expect(row(g, path![i - 1]!)).toContain(path![i]);
    }
  });
});

describe('kShortestPaths', () => {
  it('lists the six 4-hop paths across a 3x3 grid, then the smallest 6-hop one', () => {
    // 0 1 2
    // 3 4 5
    // 6 7 8
    expect(kShortestPaths(grid(3, 3), 0, 8, 7)).toEqual([
      [0, 1, 2, 5, 8],
      [0, 1, 4, 5, 8],
      [0, 1, 4, 7, 8],
      [0, 3, 4, 5, 8],
      [0, 3, 4, 7, 8],
      [0, 3, 6, 7, 8],
      [0, 1, 2, 5, 4, 7, 8],
    ]);
  });

  it('gives every simple path, in order, when k exceeds their number', () => {
    const g = grid(3, 3);
    const all = allSimplePaths(g, 0, 8);
    expect(all).toHaveLength(12);
    expect(kShortestPaths(g, 0, 8, 100)).toEqual(all);
  });

  it('agrees with brute-force enumeration on random small graphs', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const g = buildCsr(9, randomEdges(9, 16, seed));
      const all = allSimplePaths(g, 0, 8);
      expect(kShortestPaths(g, 0, 8, 15)).toEqual(all.slice(0, 15));
    }
    const g = grid(3, 4);
    expect(kShortestPaths(g, 1, 10, 25)).toEqual(allSimplePaths(g, 1, 10).slice(0, 25));
  });

  it('handles k <= 0, unreachable targets and a path to the start node', () => {
    const g = grid(3, 3);
    expect(kShortestPaths(g, 0, 8, 0)).toEqual([]);
    expect(kShortestPaths(buildCsr(3, [[0, 1]]), 0, 2, 3)).toEqual([]);
    expect(kShortestPaths(g, 4, 4, 3)).toEqual([[4]]);
    expect(kShortestPaths(pathGraph(4), 0, 3, 5)).toEqual([[0, 1, 2, 3]]);
  });
});

describe('commonNeighbours', () => {
  it('finds the nodes touching every member, leaving the members out', () => {
    // Triangle 0-1-2 with 3 and 4 each joined to 0 and 1.
    const g = buildCsr(5, [
      [0, 1],
      [1, 2],
      [0, 2],
      [3, 0],
      [3, 1],
      [4, 0],
      [4, 1],
    ]);
    expect(commonNeighbours(g, [0, 1])).toEqual([2, 3, 4]);
    expect(commonNeighbours(g, [0, 1, 2])).toEqual([]);
    expect(commonNeighbours(g, [3, 4])).toEqual([0, 1]);
    expect(commonNeighbours(g, [3, 4, 0])).toEqual([1]);
    expect(commonNeighbours(g, [3, 3])).toEqual([0, 1]);
    expect(commonNeighbours(g, [2])).toEqual([0, 1]);
    expect(commonNeighbours(g, [])).toEqual([]);
  });

  it('finds the shared friends of the karate club instructor and president, and the star centre for any leaves', () => {
    expect(commonNeighbours(karate(), [0, 33])).toEqual([8, 13, 19, 31]);
    expect(commonNeighbours(star(5), [1, 3, 5])).toEqual([0]);
  });
});

describe('betweenness', () => {
  it('is i(n-1-i) pairs on a path graph, normalised by 2/((n-1)(n-2))', () => {
    // Node i lies between the i nodes before it and the n-1-i after it: 0, 3, 4, 3, 0 pairs; the factor is 1/6.
    const b = betweenness(pathGraph(5));
    expect(b.exact).toBe(true);
    expect(b.stdError).toBe(0);
    expect(Array.from(b.values)).toEqual([0, 0.5, 4 / 6, 0.5, 0].map((x) => expect.closeTo(x, 12)));
  });

  it('is 1 at the centre of a star and 0 on the leaves', () => {
    const b = betweenness(star(5));
    expect(b.values[0]).toBeCloseTo(1, 12);
    for (let i = 1; i <= 5; i++) expect(b.values[i]).toBe(0);
  });

  it('is 0.6 for the two ends of a bridge between triangles', () => {
    // Node 2 lies on the only shortest path of the 6 pairs {0,1} x {3,4,5}; node 3 likewise for {0,1,2} x {4,5}.
    // The other nodes lie inside no shortest path. Normalised: 6 * 2/(5 * 4) = 0.6.
    const b = betweenness(bridgedTriangles());
    expect(Array.from(b.values)).toEqual([0, 0, 0.6, 0.6, 0, 0].map((x) => expect.closeTo(x, 12)));
  });

  it('gives the published karate club values (instructor 0.4376, president 0.3041)', () => {
    const b = betweenness(karate());
    expect(b.values[0]).toBeCloseTo(0.437635, 5);
    expect(b.values[33]).toBeCloseTo(0.304075, 5);
    expect(b.values[32]).toBeCloseTo(0.145247, 5);
    expect(b.values[2]).toBeCloseTo(0.143657, 5);
  });

  it('is zero for graphs too small to have anything in between', () => {
    expect(Array.from(betweenness(pathGraph(2)).values)).toEqual([0, 0]);
    expect(betweenness(buildCsr(0, [])).values).toHaveLength(0);
  });

  it('when sampled, stays within a few stated standard errors of the exact values, the same for the same seed', () => {
    const g = buildCsr(600, randomEdges(600, 1800, 5));
    const exact = betweenness(g);
    expect(exact.exact).toBe(true);
    expect(exact.samples).toBe(600);
    const sampled = betweenness(g, { exactLimit: 100, samples: 150, seed: 9 });
    expect(sampled.exact).toBe(false);
    expect(sampled.samples).toBe(150);
    expect(sampled.stdError).toBeGreaterThan(0);
    let worst = 0;
    for (let v = 0; v < g.n; v++) worst = Math.max(worst, Math.abs(sampled.values[v]! - exact.values[v]!));
    expect(worst).toBeLessThan(4 * sampled.stdError);
    // The busiest nodes come out near the top.
    const top = (values: Float64Array) => Array.from(values.keys()).sort((x, y) => values[y]! - values[x]!);
    expect(top(sampled.values).slice(0, 10)).toContain(top(exact.values)[0]);
    expect(Array.from(betweenness(g, { exactLimit: 100, samples: 150, seed: 9 }).values)).toEqual(Array.from(sampled.values));
    // As many pivots as nodes is the exact computation.
    const all = betweenness(g, { exactLimit: 100, samples: 600 });
    expect(all.exact).toBe(true);
    expect(Array.from(all.values)).toEqual(Array.from(exact.values));
  });

  it('reports progress per source and stops when the callback throws', () => {
    const g = buildCsr(400, randomEdges(400, 1200, 2));
    const calls: [number, number][] = [];
    betweenness(g, { exactLimit: 0, samples: 20, onProgress: (done, total) => calls.push([done, total]) });
    expect(calls).toEqual(Array.from({ length: 21 }, (_, i) => [i, 20]));
    const seen: number[] = [];
    const cancel = () =>
      betweenness(g, {
        onProgress: (done) => {
          seen.push(done);
          if (done === 5) throw new Error('cancelled');
        },
      });
    expect(cancel).toThrow('cancelled');
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe('pagerank', () => {
  it('is uniform on a cycle and sums to 1', () => {
    const { values, iterations } = pagerank(cycle(12));
    for (const x of values) expect(x).toBeCloseTo(1 / 12, 12);
    expect(iterations).toBe(1);
  });

  it('matches the closed form on a star: centre (1 + dL) / (n(1 + d))', () => {
    const d = 0.85;
    const { values } = pagerank(star(5));
    const centre = (1 + d * 5) / (6 * (1 + d));
    expect(values[0]).toBeCloseTo(centre, 5);
    for (let i = 1; i <= 5; i++) expect(values[i]).toBeCloseTo((1 - centre) / 5, 5);
  });

  it('ranks the karate club president (34) and instructor (1) highest, with the published values', () => {
    const { values } = pagerank(karate());
    const order = Array.from(values.keys()).sort((x, y) => values[y]! - values[x]!);
    expect(order.slice(0, 2)).toEqual([33, 0]);
    expect(values[33]).toBeCloseTo(0.100919, 4);
    expect(values[0]).toBeCloseTo(0.096998, 4);
    expect(values.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
  });

  it('follows edge weights: without damping it settles on strength / 2m', () => {
    // Triangle 0-1-2 (weights 1, 2, 3) with 3 hanging off 2 (weight 4): strengths 4, 3, 9, 4 over 20.
    const g = buildCsr(4, [
      [0, 1, 1],
      [1, 2, 2],
      [0, 2, 3],
      [2, 3, 4],
    ]);
    const { values } = pagerank(g, { damping: 1, tolerance: 1e-13, maxIterations: 5000 });
    expect(Array.from(values)).toEqual([4 / 20, 3 / 20, 9 / 20, 4 / 20].map((x) => expect.closeTo(x, 9)));
  });

  it('spreads dangling nodes evenly and still sums to 1', () => {
    const g = buildCsr(2000, randomEdges(1500, 3000, 4)); // nodes 1500..1999 isolated, some others too
    const { values, iterations } = pagerank(g);
    expect(values.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    expect(iterations).toBeGreaterThan(1);
    expect(iterations).toBeLessThanOrEqual(100);
    expect(values[1500]).toBeCloseTo(values[1999]!, 15);
    for (const x of values) expect(x).toBeGreaterThan(0);
    expect(pagerank(buildCsr(0, [])).values).toHaveLength(0);
  });

  it('reports iterations and stops when the callback throws', () => {
    const g = buildCsr(1000, randomEdges(1000, 3000, 8));
    const calls: number[] = [];
    const { iterations } = pagerank(g, { onProgress: (done, total) => calls.push(done * 1000 + total) });
    expect(calls).toEqual(Array.from({ length: iterations + 1 }, (_, i) => i * 1000 + 100));
    const seen: number[] = [];
    const cancel = () =>
      pagerank(g, {
        onProgress: (done) => {
          seen.push(done);
          if (done === 2) throw new Error('cancelled');
        },
      });
    expect(cancel).toThrow('cancelled');
    expect(seen).toEqual([0, 1, 2]);
  });
});

describe('modularity', () => {
  it('gives the hand-computed values on two bridged triangles', () => {
    // m = 7: each triangle holds 3 edges (6 counted from both ends) and strength 7. Q = 2 (6/14 - (7/14)^2) = 5/14.
    const g = bridgedTriangles();
    expect(modularity(g, Int32Array.from([0, 0, 0, 1, 1, 1]))).toBeCloseTo(5 / 14, 12);
    expect(modularity(g, Int32Array.from([7, 7, 7, 7, 7, 7]))).toBeCloseTo(0, 12);
    // Singletons: no edge inside, minus (2^2 * 4 + 3^2 * 2) / 14^2.
    expect(modularity(g, Int32Array.from([0, 1, 2, 3, 4, 5]))).toBeCloseTo(-34 / 196, 12);
    // Resolution 2 doubles the penalty: 12/14 - 2 * 2 * (1/4).
    expect(modularity(g, Int32Array.from([0, 0, 0, 1, 1, 1]), 2)).toBeCloseTo(12 / 14 - 1, 12);
    expect(() => modularity(g, Int32Array.from([0, 0, 0]))).toThrow(RangeError);
  });
});

describe('louvain', () => {
  it('splits two 5-cliques joined by one edge, with modularity 19/42', () => {
    // m = 21; each clique holds 10 edges (20 counted twice) and strength 21: Q = 2 (20/42 - 1/4) = 19/42.
    const g = cliques(2, 5, false);
    const { communities, count, modularity: q } = louvain(g);
    expect(count).toBe(2);
    expect(Array.from(communities)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    expect(q).toBeCloseTo(19 / 42, 12);
  });

  it('finds every clique of a ring of cliques', () => {
    const g = cliques(8, 5, true);
    const { communities, count } = louvain(g, { seed: 3 });
    expect(count).toBe(8);
    for (let q = 0; q < 8; q++) {
      expect(new Set(communities.subarray(q * 5, q * 5 + 5)).size).toBe(1);
    }
  });

  it('follows edge weights', () => {
    const heavyPairs = louvain(
      buildCsr(4, [
        [0, 1, 10],
        [1, 2, 1],
        [2, 3, 10],
        [3, 0, 1],
      ]),
    );
    expect(Array.from(heavyPairs.communities)).toEqual([0, 0, 1, 1]);
    const otherPairs = louvain(
      buildCsr(4, [
        [0, 1, 1],
        [1, 2, 10],
        [2, 3, 1],
        [3, 0, 10],
      ]),
    );
    expect(Array.from(otherPairs.communities)).toEqual([0, 1, 1, 0]);
  });

  it('splits the karate club with modularity above 0.40, reported exactly as modularity() computes it', () => {
    const g = karate();
    const result = louvain(g);
    expect(result.modularity).toBeGreaterThanOrEqual(0.4);
    expect(result.modularity).toBeLessThanOrEqual(0.42);
    expect(result.modularity).toBe(modularity(g, result.communities));
    expect(result.communities[0]).not.toBe(result.communities[33]);
    // Ids 0..count-1, largest community first.
    const sizes = new Array<number>(result.count).fill(0);
    for (const c of result.communities) sizes[c]!++;
    expect(sizes.every((s) => s > 0)).toBe(true);
    expect(sizes).toEqual([...sizes].sort((x, y) => y - x));
    // The same seed gives the same partition.
    expect(Array.from(louvain(g).communities)).toEqual(Array.from(result.communities));
    for (let seed = 2; seed <= 6; seed++) {
      const other = louvain(g, { seed });
      expect(other.modularity).toBeGreaterThanOrEqual(0.4);
      expect(other.modularity).toBe(modularity(g, other.communities));
    }
  });

  it('aggregates beyond the first level: on a ring of 60 small cliques it merges whole cliques (the resolution limit)', () => {
    // Merging neighbouring cliques raises modularity here, but no single node gains by leaving its clique, so only
    // the aggregated levels can find the better partition.
    const g = cliques(60, 6, true);
    const byClique = Int32Array.from({ length: g.n }, (_, i) => Math.floor(i / 6));
    const { modularity: q, communities, count } = louvain(g, { seed: 4 });
    expect(q).toBe(modularity(g, communities));
    expect(q).toBeGreaterThan(modularity(g, byClique) + 0.005);
    expect(count).toBeLessThan(60);
    expect(count).toBeGreaterThan(10);
    for (let c = 0; c < 60; c++) expect(new Set(communities.subarray(c * 6, c * 6 + 6)).size).toBe(1);
  });

  it('merges each connected piece at resolution 0 and leaves an edgeless graph as singletons', () => {
    expect(louvain(cliques(2, 5, false), { resolution: 0 }).count).toBe(1);
    const none = louvain(buildCsr(3, []));
    expect(Array.from(none.communities)).toEqual([0, 1, 2]);
    expect(none.count).toBe(3);
    expect(none.modularity).toBe(0);
    expect(louvain(buildCsr(0, [])).count).toBe(0);
  });

  it('reports progress and stops when the callback throws', () => {
    const g = buildCsr(20_000, randomEdges(20_000, 60_000, 12));
    const calls: [number, number][] = [];
    louvain(g, { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls.length).toBeGreaterThan(3);
    expect(calls[0]).toEqual([0, 20_000]);
    const [lastDone, lastTotal] = calls[calls.length - 1]!;
    expect(lastDone).toBe(lastTotal);
    for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThanOrEqual(calls[i - 1]![0]);
    let seen = 0;
    const cancel = () =>
      louvain(g, {
        onProgress: () => {
          seen++;
          if (seen === 2) throw new Error('cancelled');
        },
      });
    expect(cancel).toThrow('cancelled');
    expect(seen).toBe(2);
  });
});
