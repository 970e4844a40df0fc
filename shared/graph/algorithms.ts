// Link-analysis algorithms over a compact graph: paths (BFS, Yen's k shortest), common neighbours, degree,
// betweenness (exact or sampled with a stated error), PageRank and Louvain communities. Pure TypeScript with no
// dependencies and no per-edge objects: everything runs on typed arrays so that 100k nodes / 500k edges fit in
// a worker. The long-running measures take an onProgress callback; a callback that throws cancels the run and
// the error propagates to the caller unchanged.

/** An undirected weighted graph in compressed sparse row form. Node ids are 0..n-1. */
// Row i is targets[offsets[i] .. offsets[i+1]), sorted ascending, each neighbour once, never i itself; every
// edge is stored in both rows with the same weight.
export type Csr = { n: number; offsets: Int32Array; targets: Int32Array; weights: Float64Array };

/** Called with the work done so far and the work known in total; throwing from it cancels the computation. */
export type Progress = (done: number, total: number) => void; // may throw to cancel

// ---------------------------------------------------------------------------------------------------
// Helpers

function checkNode(g: Csr, id: number, what: string): void {
  if (!Number.isInteger(id) || id < 0 || id >= g.n) throw new RangeError(`${what}: node ${id} is not in 0..${g.n - 1}`);
}

/** A seeded source of numbers in [0, 1): a Weyl sequence passed through a 32-bit integer mixer. */
export function seededRandom(seed: number): () => number {
  let state = Math.trunc(seed) | 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    return (z >>> 0) / 4294967296;
  };
}

/** 0..n-1 in order. */
function identity(n: number): Int32Array {
  const ids = new Int32Array(n);
  for (let i = 0; i < n; i++) ids[i] = i;
  return ids;
}

/** 0..n-1 in an order shuffled by `random` (Fisher-Yates). */
function shuffledRange(n: number, random: () => number): Int32Array {
  const order = identity(n);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

// ---------------------------------------------------------------------------------------------------
// Construction

/** Builds a CSR from an edge list (parallel edges are merged, weights summed; self-loops dropped). */
// An edge is [from, to] or [from, to, weight]; the weight defaults to 1 and must be finite and not negative.
// Direction is ignored: [a, b] and [b, a] are the same edge. Rows come out sorted without a comparison sort:
// the unsorted rows are transposed once, and since the matrix is symmetric the transpose is the same graph
// with every row listed in ascending order.
export function buildCsr(n: number, edges: readonly (readonly [number, number, number?])[]): Csr {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`buildCsr: node count ${n} is not a whole number`);
  const count = new Int32Array(n + 1);
  for (let e = 0; e < edges.length; e++) {
    const edge = edges[e]!;
    const u = edge[0];
    const v = edge[1];
    const w = edge[2] ?? 1;
    if (!Number.isInteger(u) || u < 0 || u >= n || !Number.isInteger(v) || v < 0 || v >= n) {
      throw new RangeError(`buildCsr: edge ${e} (${u}, ${v}) names a node outside 0..${n - 1}`);
    }
    if (!Number.isFinite(w) || w < 0) throw new RangeError(`buildCsr: edge ${e} has weight ${w}; weights must be finite and not negative`);
    if (u === v) continue;
    count[u]!++;
    count[v]!++;
  }
  // Unsorted rows, in edge-list order.
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i]! + count[i]!;
  const total = start[n]!;
  const rawTargets = new Int32Array(total);
  const rawWeights = new Float64Array(total);
  const cursor = start.slice(0, n);
  for (const edge of edges) {
    const u = edge[0];
    const v = edge[1];
    if (u === v) continue;
    const w = edge[2] ?? 1;
    let p = cursor[u]!++;
    rawTargets[p] = v;
    rawWeights[p] = w;
    p = cursor[v]!++;
    rawTargets[p] = u;
    rawWeights[p] = w;
  }
  // Transpose: walking rows in ascending order appends each row id to its targets' rows, so those come out sorted.
  const sortedTargets = new Int32Array(total);
  const sortedWeights = new Float64Array(total);
  cursor.set(start.subarray(0, n));
  for (let i = 0; i < n; i++) {
    for (let p = start[i]!; p < start[i + 1]!; p++) {
      const q = cursor[rawTargets[p]!]!++;
      sortedTargets[q] = i;
      sortedWeights[q] = rawWeights[p]!;
    }
  }
  // Merge repeated neighbours (now adjacent), compacting in place.
  const offsets = new Int32Array(n + 1);
  let out = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = out;
    let last = -1;
    for (let p = start[i]!; p < start[i + 1]!; p++) {
      const t = sortedTargets[p]!;
      if (t === last) {
        sortedWeights[out - 1]! += sortedWeights[p]!;
      } else {
        sortedTargets[out] = t;
        sortedWeights[out] = sortedWeights[p]!;
        out++;
        last = t;
      }
    }
  }
  offsets[n] = out;
  return { n, offsets, targets: sortedTargets.slice(0, out), weights: sortedWeights.slice(0, out) };
}

/** The number of distinct neighbours of each node. */
export function degree(g: Csr): Float64Array {
  const result = new Float64Array(g.n);
  for (let i = 0; i < g.n; i++) result[i] = g.offsets[i + 1]! - g.offsets[i]!;
  return result;
}

// ---------------------------------------------------------------------------------------------------
// Paths

/**
 * Reusable BFS state. `seen[v] === stamp` marks v as reached in the current search (hop count in dist);
 * `blocked[v] === blockStamp` marks v as off limits. Stamps only grow, so nothing is cleared between searches;
 * blockStamp starts above the arrays' zero fill so that nothing is blocked until asked.
 */
type Scratch = { seen: Int32Array; dist: Int32Array; queue: Int32Array; firstHop: Int32Array; stamp: number; blocked: Int32Array; blockStamp: number };

function newScratch(n: number): Scratch {
  return {
    seen: new Int32Array(n),
    dist: new Int32Array(n),
    queue: new Int32Array(n),
    firstHop: new Int32Array(n),
    stamp: 0,
    blocked: new Int32Array(n),
    blockStamp: 1,
  };
}

/**
 * The lexicographically smallest among the shortest paths from `from` to `to`, or null. Nodes with
 * `blocked[v] === blockStamp` are avoided, as are the edges from `from` to nodes in `cutHops`.
 * Searches backwards from `to` (leaving `from` out), stopping once the level of `from`'s nearest usable
 * neighbour is complete, then walks forward from `from`, always taking the smallest neighbour one hop
 * closer: every such step can still be completed, so the greedy walk gives the smallest sequence.
 */
function smallestShortestPath(g: Csr, sc: Scratch, from: number, to: number, cutHops: readonly number[]): number[] | null {
  if (from === to) return [from];
  const { offsets, targets } = g;
  const { seen, dist, queue, firstHop, blocked, blockStamp } = sc;
  const stamp = ++sc.stamp;
  // Usable first hops from `from`.
  let usable = 0;
  for (let p = offsets[from]!; p < offsets[from + 1]!; p++) {
    const v = targets[p]!;
    if (blocked[v] !== blockStamp) {
      firstHop[v] = stamp;
      usable++;
    }
  }
  for (const v of cutHops) {
    if (firstHop[v] === stamp) {
      firstHop[v] = 0;
      usable--;
    }
  }
  if (usable === 0 || blocked[to] === blockStamp) return null;
  if (firstHop[to] === stamp) return [from, to];
  seen[to] = stamp;
  dist[to] = 0;
  queue[0] = to;
  let head = 0;
  let tail = 1;
  let level = -1;
  while (head < tail) {
    const u = queue[head++]!;
    const du = dist[u]!;
    if (level >= 0 && du >= level) break;
    for (let p = offsets[u]!; p < offsets[u + 1]!; p++) {
      const v = targets[p]!;
      if (seen[v] === stamp || v === from || blocked[v] === blockStamp) continue;
      seen[v] = stamp;
      dist[v] = du + 1;
      queue[tail++] = v;
      if (level < 0 && firstHop[v] === stamp) level = du + 1;
    }
  }
  if (level < 0) return null;
  const path = [from];
  let current = -1;
  for (let p = offsets[from]!; p < offsets[from + 1]!; p++) {
    const v = targets[p]!;
    if (firstHop[v] === stamp && seen[v] === stamp && dist[v] === level) {
      current = v;
      break;
    }
  }
  while (current !== to) {
    path.push(current);
    const want = dist[current]! - 1;
    for (let p = offsets[current]!; p < offsets[current + 1]!; p++) {
      const v = targets[p]!;
      if (seen[v] === stamp && dist[v] === want) {
        current = v;
        break;
      }
    }
  }
  path.push(to);
  return path;
}

/** Unweighted shortest path (BFS) from a to b: the node ids, or null. */
// Among several shortest paths, the one whose id sequence is smallest, so the answer is stable and agrees with
// the first path of kShortestPaths.
export function shortestPath(g: Csr, a: number, b: number): number[] | null {
  checkNode(g, a, 'shortestPath');
  checkNode(g, b, 'shortestPath');
  return smallestShortestPath(g, newScratch(g.n), a, b, []);
}

/** Orders paths by hop count, then by their id sequences. */
function comparePaths(x: readonly number[], y: readonly number[]): number {
  if (x.length !== y.length) return x.length - y.length;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}

/** The k shortest loopless paths (Yen's algorithm over unweighted hops), shortest first, ties in a stable order. */
// The order is by hop count and then by the id sequence, so the result is exactly the first k simple paths in
// that order: each spur search returns the smallest path in the same order, and the candidate pool is drained
// smallest first. a === b gives the single path [a].
export function kShortestPaths(g: Csr, a: number, b: number, k: number): number[][] {
  checkNode(g, a, 'kShortestPaths');
  checkNode(g, b, 'kShortestPaths');
  if (!(k >= 1)) return [];
  const sc = newScratch(g.n);
  const first = smallestShortestPath(g, sc, a, b, []);
  if (first === null) return [];
  if (a === b) return [first];
  const accepted: number[][] = [first];
  const candidates: number[][] = [];
  const known = new Set<string>([first.join(',')]);
  while (accepted.length < k) {
    const previous = accepted[accepted.length - 1]!;
    for (let i = 0; i < previous.length - 1; i++) {
      const spurNode = previous[i]!;
      // The root (previous[0..i-1]) may not be revisited; edges leaving the spur node along an accepted path with
      // this same root may not be reused.
      const blockStamp = ++sc.blockStamp;
      for (let r = 0; r < i; r++) sc.blocked[previous[r]!] = blockStamp;
      const cut: number[] = [];
      for (const path of accepted) {
        if (path.length <= i + 1) continue;
        let same = true;
        for (let r = 0; r <= i && same; r++) same = path[r] === previous[r];
        if (same) cut.push(path[i + 1]!);
      }
      const spur = smallestShortestPath(g, sc, spurNode, b, cut);
      if (spur === null) continue;
      const candidate = previous.slice(0, i).concat(spur);
      const key = candidate.join(',');
      if (known.has(key)) continue;
      known.add(key);
      candidates.push(candidate);
    }
    if (candidates.length === 0) break;
    let best = 0;
    for (let c = 1; c < candidates.length; c++) if (comparePaths(candidates[c]!, candidates[best]!) < 0) best = c;
    accepted.push(candidates[best]!);
    candidates[best] = candidates[candidates.length - 1]!;
    candidates.pop();
  }
  return accepted;
}

/** Nodes adjacent to every node of the set (excluding the set's members). */
// Ascending ids. An empty set has no common neighbours; repeated members count once.
export function commonNeighbours(g: Csr, set: readonly number[]): number[] {
  if (set.length === 0) return [];
  for (const v of set) checkNode(g, v, 'commonNeighbours');
  const members = [...new Set(set)];
  const { offsets, targets } = g;
  // Start from the member with the fewest neighbours and count, for each of them, how many members it touches.
  let smallest = members[0]!;
  for (const v of members) if (offsets[v + 1]! - offsets[v]! < offsets[smallest + 1]! - offsets[smallest]!) smallest = v;
  const hits = new Map<number, number>();
  for (let p = offsets[smallest]!; p < offsets[smallest + 1]!; p++) hits.set(targets[p]!, 1);
  for (const v of members) {
    if (v === smallest) continue;
    for (let p = offsets[v]!; p < offsets[v + 1]!; p++) {
      const t = targets[p]!;
      const h = hits.get(t);
      if (h !== undefined) hits.set(t, h + 1);
    }
  }
  const inSet = new Set(members);
  const result: number[] = [];
  for (let p = offsets[smallest]!; p < offsets[smallest + 1]!; p++) {
    const t = targets[p]!;
    if (hits.get(t) === members.length && !inSet.has(t)) result.push(t);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------
// Betweenness

/** Betweenness (Brandes, unweighted, undirected, normalised by 2/((n-1)(n-2)) ). Exact when n <= exactLimit (default 4000); else sampled from `samples` pivot sources (default 500, deterministic seed) with the estimated standard error returned. */
// Sampling draws distinct pivots uniformly; each node's total is estimated as n times the mean dependency of the
// pivots on it. stdError is the largest per-node standard error of that estimate (on the normalised scale, with
// the finite-population correction), so every value is stated to within it; it is 0 when exact and Infinity when
// fewer than two pivots leave the spread unknown. When samples >= n every node is a source and the result is
// exact. Graphs with fewer than three nodes have no intermediate nodes: all zeros. Progress counts sources.
export function betweenness(
  g: Csr,
  opts: { exactLimit?: number; samples?: number; seed?: number; onProgress?: Progress } = {},
): { values: Float64Array; exact: boolean; samples: number; stdError: number } {
  const n = g.n;
  const exactLimit = opts.exactLimit ?? 4000;
  const requested = Math.max(1, Math.floor(opts.samples ?? 500));
  const onProgress = opts.onProgress;
  const exact = n <= exactLimit || requested >= n;
  const values = new Float64Array(n);
  if (n < 3) {
    onProgress?.(0, 0);
    return { values, exact: true, samples: n, stdError: 0 };
  }
  const sources = exact ? identity(n) : shuffledRange(n, seededRandom(opts.seed ?? 1)).slice(0, requested);
  const count = sources.length;
  const { offsets, targets } = g;
  const dist = new Int32Array(n).fill(-1);
  const sigma = new Float64Array(n);
  const coef = new Float64Array(n);
  const order = new Int32Array(n);
  const sum = values; // running total of dependencies, scaled at the end
  const sumSq = exact ? null : new Float64Array(n);
  onProgress?.(0, count);
  for (let k = 0; k < count; k++) {
    const s = sources[k]!;
    // Forward: BFS levels and the number of shortest paths reaching each node.
    dist[s] = 0;
    sigma[s] = 1;
    order[0] = s;
    let head = 0;
    let tail = 1;
    while (head < tail) {
      const v = order[head++]!;
      const next = dist[v]! + 1;
      const sv = sigma[v]!;
      for (let p = offsets[v]!; p < offsets[v + 1]!; p++) {
        const w = targets[p]!;
        const dw = dist[w]!;
        if (dw < 0) {
          dist[w] = next;
          sigma[w] = sv;
          order[tail++] = w;
        } else if (dw === next) {
          sigma[w]! += sv;
        }
      }
    }
    // Backward: a node's dependency is sigma(v) times the sum, over its successors w, of (1 + delta(w)) / sigma(w);
    // coef holds that ratio for nodes already finished.
    for (let i = tail - 1; i > 0; i--) {
      const v = order[i]!;
      const next = dist[v]! + 1;
      let acc = 0;
      for (let p = offsets[v]!; p < offsets[v + 1]!; p++) {
        const w = targets[p]!;
        if (dist[w] === next) acc += coef[w]!;
      }
      const delta = sigma[v]! * acc;
      coef[v] = (1 + delta) / sigma[v]!;
      sum[v]! += delta;
      if (sumSq !== null) sumSq[v]! += delta * delta;
    }
    for (let i = 0; i < tail; i++) {
      const v = order[i]!;
      dist[v] = -1;
      sigma[v] = 0;
    }
    onProgress?.(k + 1, count);
  }
  // Each unordered pair was counted from both ends: halve, then normalise by 2/((n-1)(n-2)).
  const scale = 1 / ((n - 1) * (n - 2));
  if (exact) {
    for (let v = 0; v < n; v++) values[v] = sum[v]! * scale;
    return { values, exact: true, samples: n, stdError: 0 };
  }
  const factor = n / count;
  let stdError = 0;
  for (let v = 0; v < n; v++) {
    const mean = sum[v]! / count;
    if (count > 1) {
      const variance = Math.max(0, (sumSq![v]! - count * mean * mean) / (count - 1));
      const se = n * Math.sqrt((variance / count) * (1 - count / n)) * scale;
      if (se > stdError) stdError = se;
    }
    values[v] = sum[v]! * factor * scale;
  }
  return { values, exact: false, samples: count, stdError: count > 1 ? stdError : Infinity };
}

// ---------------------------------------------------------------------------------------------------
// PageRank

/** PageRank with damping 0.85 over the weighted undirected graph (dangling nodes spread evenly), to tolerance 1e-6 (L1) or maxIterations 100. Sums to 1. */
// A walker at node j follows an edge with probability proportional to its weight; a node with no weight (isolated,
// or only zero-weight edges) sends its share to every node equally. Starts from the uniform vector. Progress
// counts iterations against maxIterations.
export function pagerank(
  g: Csr,
  opts: { damping?: number; tolerance?: number; maxIterations?: number; onProgress?: Progress } = {},
): { values: Float64Array; iterations: number } {
  const n = g.n;
  const damping = opts.damping ?? 0.85;
  const tolerance = opts.tolerance ?? 1e-6;
  const maxIterations = opts.maxIterations ?? 100;
  const onProgress = opts.onProgress;
  if (n === 0) return { values: new Float64Array(0), iterations: 0 };
  const { offsets, targets, weights } = g;
  const strength = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let p = offsets[i]!; p < offsets[i + 1]!; p++) s += weights[p]!;
    strength[i] = s;
  }
  let rank = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  const share = new Float64Array(n); // rank[j] / strength[j]
  let iterations = 0;
  onProgress?.(0, maxIterations);
  while (iterations < maxIterations) {
    let dangling = 0;
    for (let j = 0; j < n; j++) {
      if (strength[j]! > 0) share[j] = rank[j]! / strength[j]!;
      else {
        share[j] = 0;
        dangling += rank[j]!;
      }
    }
    const base = (1 - damping) / n + (damping * dangling) / n;
    let change = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      let acc = 0;
      for (let p = offsets[i]!; p < offsets[i + 1]!; p++) acc += weights[p]! * share[targets[p]!]!;
      const r = base + damping * acc;
      next[i] = r;
      total += r;
      change += Math.abs(r - rank[i]!);
    }
    // Keep the sum at exactly 1 against rounding drift.
    for (let i = 0; i < n; i++) next[i]! /= total;
    [rank, next] = [next, rank];
    iterations++;
    onProgress?.(iterations, maxIterations);
    if (change < tolerance) break;
  }
  return { values: rank, iterations };
}

// ---------------------------------------------------------------------------------------------------
// Communities

/** Modularity of a given partition (to check louvain and for tests). */
// Q = sum over communities c of in(c) / 2m - resolution * (tot(c) / 2m)^2, where in(c) is the weight of edges
// inside c counted from both ends, tot(c) the summed strength of its nodes and 2m the total strength. Community
// ids are any non-negative integers. A graph without edge weight has modularity 0.
export function modularity(g: Csr, communities: Int32Array, resolution = 1): number {
  const n = g.n;
  if (communities.length !== n) throw new RangeError(`modularity: ${communities.length} community ids for ${n} nodes`);
  const { offsets, targets, weights } = g;
  // Dense community indices.
  const dense = new Int32Array(n);
  const index = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const c = communities[i]!;
    if (c < 0) throw new RangeError(`modularity: node ${i} has negative community id ${c}`);
    let d = index.get(c);
    if (d === undefined) {
      d = index.size;
      index.set(c, d);
    }
    dense[i] = d;
  }
  const inside = new Float64Array(index.size);
  const tot = new Float64Array(index.size);
  let twoM = 0;
  for (let i = 0; i < n; i++) {
    const c = dense[i]!;
    for (let p = offsets[i]!; p < offsets[i + 1]!; p++) {
      const w = weights[p]!;
      twoM += w;
      tot[c]! += w;
      if (dense[targets[p]!] === c) inside[c]! += w;
    }
  }
  if (twoM === 0) return 0;
  let q = 0;
  for (let c = 0; c < index.size; c++) {
    const share = tot[c]! / twoM;
    q += inside[c]! / twoM - resolution * share * share;
  }
  return q;
}

/** One level of the Louvain hierarchy: a weighted graph whose nodes may carry self-loops (weight inside them, counted twice). */
type Level = { n: number; offsets: Int32Array; targets: Int32Array; weights: Float64Array; loops: Float64Array; strength: Float64Array };

/** Louvain communities (modularity, weighted, resolution 1), with the multilevel aggregation; deterministic for a given seed (node visiting order shuffled by it). Returns a community id per node (0..c-1, renumbered by descending size) and the modularity. */
// Local moving uses a work queue: every node is visited once in shuffled order, and a node that changes
// community puts its neighbours outside the new community back in the queue; a level ends when the queue is
// empty, i.e. no single move improves modularity. A move must beat staying by a margin far above rounding, so
// every move raises modularity and the loop ends. Then communities become the nodes of the next level, until a
// level moves nothing. Ties between equally good communities go to the one met first in the node's row. Ties in
// size are ordered by the smallest node id. Progress: done = node visits so far, total = done + visits queued.
export function louvain(
  g: Csr,
  opts: { resolution?: number; seed?: number; onProgress?: Progress } = {},
): { communities: Int32Array; count: number; modularity: number } {
  const resolution = opts.resolution ?? 1;
  const onProgress = opts.onProgress;
  const random = seededRandom(opts.seed ?? 1);
  const n0 = g.n;
  const strength0 = new Float64Array(n0);
  let twoM = 0;
  for (let i = 0; i < n0; i++) {
    let s = 0;
    for (let p = g.offsets[i]!; p < g.offsets[i + 1]!; p++) s += g.weights[p]!;
    strength0[i] = s;
    twoM += s;
  }
  // membership[v] = v's node at the current level.
  const membership = identity(n0);
  let level: Level = { n: n0, offsets: g.offsets, targets: g.targets, weights: g.weights, loops: new Float64Array(n0), strength: strength0 };
  let visits = 0;
  onProgress?.(0, n0);
  while (twoM > 0 && level.n > 1) {
    const { n, offsets, targets, weights, strength } = level;
    const comm = identity(n);
    const tot = strength.slice();
    const linkWeight = new Float64Array(n); // weight from the visited node to each community
    const listed = new Int32Array(n).fill(-1); // which visit last listed the community
    const touched = new Int32Array(n);
    const queue = shuffledRange(n, random); // a ring buffer of at most n nodes
    const queued = new Uint8Array(n).fill(1);
    let head = 0;
    let size = n;
    let moved = false;
    const perWeight = resolution / twoM;
    while (size > 0) {
      const i = queue[head]!;
      head = head + 1 === n ? 0 : head + 1;
      size--;
      queued[i] = 0;
      visits++;
      if ((visits & 4095) === 0) onProgress?.(visits, visits + size);
      const own = comm[i]!;
      const ki = strength[i]!;
      // Weight from i to each neighbouring community, in row order.
      let t = 0;
      listed[own] = i;
      linkWeight[own] = 0;
      for (let p = offsets[i]!; p < offsets[i + 1]!; p++) {
        const c = comm[targets[p]!]!;
        if (listed[c] !== i) {
          listed[c] = i;
          linkWeight[c] = 0;
          touched[t++] = c;
        }
        linkWeight[c]! += weights[p]!;
      }
      // Take i out, then put it where the gain k_i,c - resolution * k_i * tot(c) / 2m is largest.
      tot[own]! -= ki;
      let best = own;
      let bestGain = linkWeight[own]! - ki * tot[own]! * perWeight + 1e-10 * ki;
      for (let x = 0; x < t; x++) {
        const c = touched[x]!;
        if (c === own) continue;
        const gain = linkWeight[c]! - ki * tot[c]! * perWeight;
        if (gain > bestGain) {
          bestGain = gain;
          best = c;
        }
      }
      tot[best]! += ki;
      listed[own] = -1;
      for (let x = 0; x < t; x++) listed[touched[x]!] = -1;
      if (best === own) continue;
      comm[i] = best;
      moved = true;
      for (let p = offsets[i]!; p < offsets[i + 1]!; p++) {
        const j = targets[p]!;
        if (queued[j] === 0 && comm[j] !== best) {
          queued[j] = 1;
          let at = head + size;
          if (at >= n) at -= n;
          queue[at] = j;
          size++;
        }
      }
    }
    if (!moved) break;
    // Renumber this level's communities densely and carry the original nodes along.
    const renumber = new Int32Array(n).fill(-1);
    let count = 0;
    for (let i = 0; i < n; i++) {
      const c = comm[i]!;
      if (renumber[c]! < 0) renumber[c] = count++;
      comm[i] = renumber[c]!;
    }
    for (let v = 0; v < n0; v++) membership[v] = comm[membership[v]!]!;
    if (count === n) break;
    level = aggregate(level, comm, count);
  }
  onProgress?.(visits, visits);
  const communities = renumberBySize(membership);
  let count = 0;
  for (let v = 0; v < n0; v++) if (communities[v]! + 1 > count) count = communities[v]! + 1;
  return { communities, count, modularity: modularity(g, communities, resolution) };
}

/** The graph whose nodes are the communities of `level`: weights between communities summed, weight inside one kept as its self-loop. */
function aggregate(level: Level, comm: Int32Array, count: number): Level {
  const { n, offsets, targets, weights, loops, strength } = level;
  // Members of each community, contiguous.
  const firstMember = new Int32Array(count + 1);
  for (let i = 0; i < n; i++) firstMember[comm[i]! + 1]!++;
  for (let c = 0; c < count; c++) firstMember[c + 1]! += firstMember[c]!;
  const members = new Int32Array(n);
  const fill = firstMember.slice(0, count);
  for (let i = 0; i < n; i++) members[fill[comm[i]!]!++] = i;
  const newOffsets = new Int32Array(count + 1);
  const newTargets = new Int32Array(targets.length);
  const newWeights = new Float64Array(targets.length);
  const newLoops = new Float64Array(count);
  const newStrength = new Float64Array(count);
  const linkWeight = new Float64Array(count);
  const listed = new Int32Array(count).fill(-1);
  const touched = new Int32Array(count);
  let out = 0;
  for (let c = 0; c < count; c++) {
    newOffsets[c] = out;
    let t = 0;
    let loop = 0;
    let s = 0;
    for (let m = firstMember[c]!; m < firstMember[c + 1]!; m++) {
      const i = members[m]!;
      loop += loops[i]!;
      s += strength[i]!;
      for (let p = offsets[i]!; p < offsets[i + 1]!; p++) {
        const d = comm[targets[p]!]!;
        const w = weights[p]!;
        if (d === c) loop += w;
        else {
          if (listed[d] !== c) {
            listed[d] = c;
            linkWeight[d] = 0;
            touched[t++] = d;
          }
          linkWeight[d]! += w;
        }
      }
    }
    for (let x = 0; x < t; x++) {
      const d = touched[x]!;
      newTargets[out] = d;
      newWeights[out] = linkWeight[d]!;
      out++;
    }
    newLoops[c] = loop;
    newStrength[c] = s;
  }
  newOffsets[count] = out;
  return { n: count, offsets: newOffsets, targets: newTargets.slice(0, out), weights: newWeights.slice(0, out), loops: newLoops, strength: newStrength };
}

/** Community ids 0..c-1 with the largest community first; equal sizes ordered by their smallest node id. Input ids are in 0..n-1. */
function renumberBySize(membership: Int32Array): Int32Array {
  const n = membership.length;
  const size = new Int32Array(n);
  const seen: number[] = []; // communities by smallest member, since nodes are scanned in id order
  for (let v = 0; v < n; v++) {
    const c = membership[v]!;
    if (size[c] === 0) seen.push(c);
    size[c]!++;
  }
  // Array.prototype.sort is stable, so equal sizes keep the smallest-member order.
  seen.sort((x, y) => size[y]! - size[x]!);
  const newId = new Int32Array(n);
  seen.forEach((c, id) => (newId[c] = id));
  const result = new Int32Array(n);
  for (let v = 0; v < n; v++) result[v] = newId[membership[v]!]!;
  return result;
}
