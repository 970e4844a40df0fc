// Layouts for link charts too big for cytoscape's own, and the two it does not have: a fast draft (components
// packed side by side, each placed by pivot MDS with its leaves fanned round their hub, then a few force
// steps), a force-directed refinement with Barnes-Hut repulsion under a time budget, a layered layout from
// chosen roots, and a geographic layout of places. Pure TypeScript on typed arrays with no DOM and no Node, so
// the same code runs in a Web Worker and in the bench. Nodes are 0..n-1, edges a flat Int32Array of pairs
// [a0, b0, a1, b1, …] (direction, repeats and self-loops ignored); positions a Float64Array [x0, y0, x1, y1, …]
// in cytoscape's model coordinates, where y grows downward.
import { buildCsr, seededRandom, type Csr } from './algorithms.ts';

/** Sizes in model units: a node's diameter (cytoscape's default is 30) and the edge length aimed at. */
export type LayoutSizes = { nodeSize?: number; edgeLength?: number };

export type DraftOptions = LayoutSizes & {
  /** Seeds the jitter that separates nodes MDS puts on one spot; the same seed gives the same layout. */
  seed?: number;
  /** Force steps after the MDS start (default 20). */
  iterations?: number;
  /** Pivots for pivot MDS (default 40). */
  pivots?: number;
};

export type RefineOptions = LayoutSizes & {
  /** Wall-clock budget for the whole call; the refinement stops before a step that would overrun it. */
  timeBudgetMs: number;
  /** Steps at most (default 600); with a budget that allows them all the result is deterministic. */
  maxIterations?: number;
  /** 1 for a node whose position must not change (the analyst's manual positions). */
  pinned?: Uint8Array;
  /** Called after each step with the steps done and the steps now expected in the budget. */
  onProgress?: (done: number, total: number) => void;
  /** Polled before each step; true cancels and returns the positions reached so far. */
  shouldStop?: () => boolean;
};

export type RefineResult = { positions: Float64Array; iterations: number; stopped: 'converged' | 'budget' | 'cancelled' };

export type LayoutQuality = {
  /** Pairs of nodes closer than a node's diameter. */
  overlaps: number;
  meanEdgeLength: number;
  /** Standard deviation of edge lengths over their mean: 0 when every edge has the same length. */
  edgeLengthCv: number;
  /** Normalised stress against hop distances on a sample of sources, after the best uniform scaling: 0 is perfect. */
  stress: number;
};

const DEFAULT_NODE = 30;
const DEFAULT_EDGE = 60;
const sizesOf = (o: LayoutSizes) => ({ node: o.nodeSize ?? DEFAULT_NODE, edge: o.edgeLength ?? DEFAULT_EDGE });

// ---------------------------------------------------------------------------------------------------
// Graph plumbing

function graphOf(n: number, edges: Int32Array, what: string): Csr {
  if (edges.length % 2) throw new RangeError(`${what}: ${edges.length} edge endpoints is not a list of pairs`);
  const list = new Array<[number, number]>(edges.length / 2);
  for (let e = 0; e < list.length; e++) list[e] = [edges[2 * e]!, edges[2 * e + 1]!];
  return buildCsr(n, list);
}

function checkPositions(n: number, positions: Float64Array, what: string): void {
  if (positions.length !== 2 * n) throw new RangeError(`${what}: ${positions.length} coordinates for ${n} nodes`);
}

/** Connected components, largest first (equal sizes by smallest node id); members listed in BFS order. */
type Components = { count: number; of: Int32Array; start: Int32Array; members: Int32Array };

function componentsOf(g: Csr): Components {
  const { n, offsets, targets } = g;
  const raw = new Int32Array(n).fill(-1);
  const order = new Int32Array(n);
  const rawStart: number[] = [];
  let tail = 0;
  for (let s = 0; s < n; s++) {
    if (raw[s]! >= 0) continue;
    const id = rawStart.length;
    rawStart.push(tail);
    raw[s] = id;
    let head = tail;
    order[tail++] = s;
    while (head < tail) {
      const v = order[head++]!;
      for (let p = offsets[v]!; p < offsets[v + 1]!; p++) {
        const w = targets[p]!;
        if (raw[w]! < 0) {
          raw[w] = id;
          order[tail++] = w;
        }
      }
    }
  }
  rawStart.push(n);
  const count = rawStart.length - 1;
  const rank = Array.from({ length: count }, (_, c) => c).sort((a, b) => rawStart[b + 1]! - rawStart[b]! - (rawStart[a + 1]! - rawStart[a]!) || a - b);
  const of = new Int32Array(n);
  const start = new Int32Array(count + 1);
  const members = new Int32Array(n);
  let out = 0;
  rank.forEach((c, r) => {
    start[r] = out;
    for (let k = rawStart[c]!; k < rawStart[c + 1]!; k++) {
      members[out++] = order[k]!;
      of[order[k]!] = r;
    }
  });
  start[count] = n;
  return { count, of, start, members };
}

/** One component in its own index space, with its own coordinates: what the force steps work on. */
type Sim = {
  nodes: Int32Array;
  offsets: Int32Array;
  targets: Int32Array;
  x: Float64Array;
  y: Float64Array;
  fx: Float64Array;
  fy: Float64Array;
  pinned: Uint8Array;
};

function simOf(g: Csr, nodes: Int32Array, local: Int32Array): Sim {
  const m = nodes.length;
  for (let i = 0; i < m; i++) local[nodes[i]!] = i;
  const offsets = new Int32Array(m + 1);
  for (let i = 0; i < m; i++) offsets[i + 1] = offsets[i]! + g.offsets[nodes[i]! + 1]! - g.offsets[nodes[i]!]!;
  const targets = new Int32Array(offsets[m]!);
  for (let i = 0, out = 0; i < m; i++) for (let p = g.offsets[nodes[i]!]!; p < g.offsets[nodes[i]! + 1]!; p++) targets[out++] = local[g.targets[p]!]!;
  const f = () => new Float64Array(m);
  return { nodes, offsets, targets, x: f(), y: f(), fx: f(), fy: f(), pinned: new Uint8Array(m) };
}

// ---------------------------------------------------------------------------------------------------
// Barnes-Hut quadtree

const BUCKET = 8;
const MAX_DEPTH = 30;

/** A quadtree rebuilt every step into the same typed arrays; leaves hold up to BUCKET points in a linked list
 * (more where points coincide at MAX_DEPTH). Cells carry their mass and centre of mass. */
class QuadTree {
  private cells = 0;
  private cap = 0;
  private child = new Int32Array(0);
  private head = new Int32Array(0);
  private count = new Int32Array(0);
  private leaf = new Uint8Array(0);
  private mass = new Float64Array(0);
  private mx = new Float64Array(0);
  private my = new Float64Array(0);
  private cx = new Float64Array(0);
  private cy = new Float64Array(0);
  private half = new Float64Array(0);
  private next = new Int32Array(0);
  private stack = new Int32Array(4 * MAX_DEPTH + 8);

  private grow(need: number): void {
    if (need <= this.cap) return;
    const cap = Math.max(need, this.cap * 2, 64);
    const widen = <T extends Int32Array | Uint8Array | Float64Array>(a: T, size: number): T => {
      const b = new (a.constructor as new (k: number) => T)(size);
      b.set(a);
      return b;
    };
    this.child = widen(this.child, cap * 4);
    this.head = widen(this.head, cap);
    this.count = widen(this.count, cap);
    this.leaf = widen(this.leaf, cap);
    this.mass = widen(this.mass, cap);
    this.mx = widen(this.mx, cap);
    this.my = widen(this.my, cap);
    this.cx = widen(this.cx, cap);
    this.cy = widen(this.cy, cap);
    this.half = widen(this.half, cap);
    this.cap = cap;
  }

  private newCell(cx: number, cy: number, half: number): number {
    const c = this.cells++;
    this.grow(this.cells);
    this.child.fill(-1, c * 4, c * 4 + 4);
    this.head[c] = -1;
    this.count[c] = 0;
    this.leaf[c] = 1;
    this.mass[c] = 0;
    this.mx[c] = 0;
    this.my[c] = 0;
    this.cx[c] = cx;
    this.cy[c] = cy;
    this.half[c] = half;
    return c;
  }

  private childFor(c: number, px: number, py: number): number {
    const q = (px >= this.cx[c]! ? 1 : 0) + (py >= this.cy[c]! ? 2 : 0);
    let ch = this.child[c * 4 + q]!;
    if (ch < 0) {
      const h = this.half[c]! / 2;
      ch = this.newCell(this.cx[c]! + (q & 1 ? h : -h), this.cy[c]! + (q & 2 ? h : -h), h);
      this.child[c * 4 + q] = ch;
    }
    return ch;
  }

  private push(c: number, p: number, px: number, py: number): void {
    this.mass[c]! += 1;
    this.mx[c]! += px;
    this.my[c]! += py;
    this.next[p] = this.head[c]!;
    this.head[c] = p;
    this.count[c]!++;
  }

  private split(c: number, x: Float64Array, y: Float64Array, depth: number): void {
    this.leaf[c] = 0;
    let p = this.head[c]!;
    this.head[c] = -1;
    this.count[c] = 0;
    while (p >= 0) {
      const following = this.next[p]!;
      this.push(this.childFor(c, x[p]!, y[p]!), p, x[p]!, y[p]!);
      p = following;
    }
    for (let q = 0; q < 4; q++) {
      const ch = this.child[c * 4 + q]!;
      if (ch >= 0 && this.count[ch]! > BUCKET && depth + 1 < MAX_DEPTH) this.split(ch, x, y, depth + 1);
    }
  }

  build(x: Float64Array, y: Float64Array, m: number): void {
    if (this.next.length < m) this.next = new Int32Array(m);
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (let i = 0; i < m; i++) {
      x0 = Math.min(x0, x[i]!);
      x1 = Math.max(x1, x[i]!);
      y0 = Math.min(y0, y[i]!);
      y1 = Math.max(y1, y[i]!);
    }
    this.cells = 0;
    this.newCell((x0 + x1) / 2, (y0 + y1) / 2, Math.max(x1 - x0, y1 - y0, 1e-6) / 2 + 1e-6);
    for (let i = 0; i < m; i++) {
      const px = x[i]!;
      const py = y[i]!;
      let c = 0;
      let depth = 0;
      while (!this.leaf[c]) {
        this.mass[c]! += 1;
        this.mx[c]! += px;
        this.my[c]! += py;
        c = this.childFor(c, px, py);
        depth++;
      }
      this.push(c, i, px, py);
      if (this.count[c]! > BUCKET && depth < MAX_DEPTH) this.split(c, x, y, depth);
    }
    for (let c = 0; c < this.cells; c++) {
      if (this.mass[c]! > 0) {
        this.mx[c]! /= this.mass[c]!;
        this.my[c]! /= this.mass[c]!;
      }
    }
  }

  /** Fruchterman-Reingold repulsion k²/d on node i from every other node, far cells taken as one mass when
   * their width is under theta times their distance (never a cell that holds i). */
  repulsion(i: number, x: Float64Array, y: Float64Array, theta2: number, k2: number, fx: Float64Array, fy: Float64Array): void {
    const xi = x[i]!;
    const yi = y[i]!;
    let ax = 0;
    let ay = 0;
    const stack = this.stack;
    let top = 0;
    stack[top++] = 0;
    while (top > 0) {
      const c = stack[--top]!;
      if (this.leaf[c]) {
        for (let q = this.head[c]!; q >= 0; q = this.next[q]!) {
          if (q === i) continue;
          let dx = xi - x[q]!;
          let dy = yi - y[q]!;
          let d2 = dx * dx + dy * dy;
          if (d2 < 1e-6 * k2) {
            // Coincident nodes: push apart along a direction fixed by the pair, so the result stays deterministic.
            const a = ((Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(q + 1, 0x85ebca6b)) >>> 0) * (Math.PI / 2147483648);
            dx = Math.cos(a) * 1e-2 * Math.sqrt(k2);
            dy = Math.sin(a) * 1e-2 * Math.sqrt(k2);
            d2 = 1e-4 * k2;
          }
          const f = k2 / d2;
          ax += dx * f;
          ay += dy * f;
        }
        continue;
      }
      const dx = xi - this.mx[c]!;
      const dy = yi - this.my[c]!;
      const d2 = dx * dx + dy * dy;
      const h = this.half[c]!;
      const outside = Math.abs(xi - this.cx[c]!) > h || Math.abs(yi - this.cy[c]!) > h;
      if (outside && 4 * h * h < theta2 * d2) {
        const f = (k2 * this.mass[c]!) / d2;
        ax += dx * f;
        ay += dy * f;
        continue;
      }
      for (let q = 0; q < 4; q++) {
        const ch = this.child[c * 4 + q]!;
        if (ch >= 0) stack[top++] = ch;
      }
    }
    fx[i] = ax;
    fy[i] = ay;
  }
}

// ---------------------------------------------------------------------------------------------------
// Forces and overlaps

/** One step of spring-electrical forces (repulsion k²/d, attraction d²/k along edges), each free node moved
 * along its force by at most `temperature`. Returns the largest move. */
function forceStep(s: Sim, tree: QuadTree, k: number, theta: number, temperature: number): number {
  const { x, y, fx, fy, offsets, targets, pinned } = s;
  const m = x.length;
  tree.build(x, y, m);
  const k2 = k * k;
  const theta2 = theta * theta;
  for (let i = 0; i < m; i++) tree.repulsion(i, x, y, theta2, k2, fx, fy);
  for (let i = 0; i < m; i++) {
    for (let p = offsets[i]!; p < offsets[i + 1]!; p++) {
      const j = targets[p]!;
      if (j <= i) continue;
      const dx = x[j]! - x[i]!;
      const dy = y[j]! - y[i]!;
      const f = Math.sqrt(dx * dx + dy * dy) / k;
      fx[i]! += dx * f;
      fy[i]! += dy * f;
      fx[j]! -= dx * f;
      fy[j]! -= dy * f;
    }
  }
  let largest = 0;
  for (let i = 0; i < m; i++) {
    if (pinned[i]) continue;
    const f = Math.hypot(fx[i]!, fy[i]!);
    if (f === 0) continue;
    const move = Math.min(f, temperature);
    x[i]! += (fx[i]! / f) * move;
    y[i]! += (fy[i]! / f) * move;
    if (move > largest) largest = move;
  }
  return largest;
}

/** Pairs of nodes closer than `size`, found through a hashed grid of cells `size` wide. With `resolve`, each
 * pair is pushed apart to `size` as it is met (a pinned node stays, its partner moves the whole way). */
function overlaps(x: Float64Array, y: Float64Array, size: number, resolve: boolean, pinned?: Uint8Array): number {
  const m = x.length;
  let buckets = 1;
  while (buckets < 2 * m) buckets *= 2;
  const mask = buckets - 1;
  const gx = new Int32Array(m);
  const gy = new Int32Array(m);
  const start = new Int32Array(buckets + 1);
  const hash = (a: number, b: number) => (Math.imul(a, 73856093) ^ Math.imul(b, 19349663)) & mask;
  for (let i = 0; i < m; i++) {
    gx[i] = Math.floor(x[i]! / size);
    gy[i] = Math.floor(y[i]! / size);
    start[hash(gx[i]!, gy[i]!) + 1]!++;
  }
  for (let b = 0; b < buckets; b++) start[b + 1]! += start[b]!;
  const fill = start.slice(0, buckets);
  const items = new Int32Array(m);
  for (let i = 0; i < m; i++) items[fill[hash(gx[i]!, gy[i]!)]!++] = i;
  const size2 = size * size;
  let found = 0;
  for (let i = 0; i < m; i++) {
    for (let ox = -1; ox <= 1; ox++) {
      for (let oy = -1; oy <= 1; oy++) {
        const cx = gx[i]! + ox;
        const cy = gy[i]! + oy;
        const b = hash(cx, cy);
        for (let t = start[b]!; t < start[b + 1]!; t++) {
          const j = items[t]!;
          if (j <= i || gx[j] !== cx || gy[j] !== cy) continue;
          const dx = x[j]! - x[i]!;
          const dy = y[j]! - y[i]!;
          const d2 = dx * dx + dy * dy;
          if (d2 >= size2) continue;
          found++;
          if (!resolve) continue;
          const pi = pinned?.[i] ?? 0;
          const pj = pinned?.[j] ?? 0;
          if (pi && pj) continue;
          const d = Math.sqrt(d2);
          const a = ((Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(j + 1, 0x85ebca6b)) >>> 0) * (Math.PI / 2147483648);
          const ux = d > 1e-9 ? dx / d : Math.cos(a);
          const uy = d > 1e-9 ? dy / d : Math.sin(a);
          const gap = size * 1.05 - d; // a little past touching, so rounding cannot leave the pair overlapping
          const si = pi ? 0 : pj ? 1 : 0.5;
          x[i]! -= ux * gap * si;
          y[i]! -= uy * gap * si;
          x[j]! += ux * gap * (1 - si);
          y[j]! += uy * gap * (1 - si);
        }
      }
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------
// Draft: pivot MDS, leaves fanned, a few force steps

/** Classical MDS over hop distances to a few pivots (Brandes & Pich, "Eigensolver methods for progressive
 * multidimensional scaling of large data", 2006): O(pivots · edges) and two small eigenvectors. */
function pivotMds(offsets: Int32Array, targets: Int32Array, x: Float64Array, y: Float64Array, pivots: number): void {
  const m = x.length;
  const k = Math.min(pivots, m);
  const d2 = new Float64Array(m * k);
  const nearest = new Int32Array(m).fill(0x7fffffff);
  const hop = new Int32Array(m);
  const queue = new Int32Array(m);
  // First pivot: the best-connected node; each next one the node farthest from those chosen (max-min).
  let pivot = 0;
  for (let i = 1; i < m; i++) if (offsets[i + 1]! - offsets[i]! > offsets[pivot + 1]! - offsets[pivot]!) pivot = i;
  for (let p = 0; p < k; p++) {
    hop.fill(-1);
    hop[pivot] = 0;
    queue[0] = pivot;
    for (let head = 0, tail = 1; head < tail; head++) {
      const v = queue[head]!;
      for (let e = offsets[v]!; e < offsets[v + 1]!; e++) {
        const w = targets[e]!;
        if (hop[w]! < 0) {
          hop[w] = hop[v]! + 1;
          queue[tail++] = w;
        }
      }
    }
    let far = 0;
    for (let i = 0; i < m; i++) {
      const h = hop[i]!;
      d2[i * k + p] = h * h;
      if (h < nearest[i]!) nearest[i] = h;
      if (nearest[i]! > nearest[far]!) far = i;
    }
    pivot = far;
  }
  // Double centring turns squared distances into inner products: from here d2 holds that matrix, C.
  const rowMean = new Float64Array(m);
  const colMean = new Float64Array(k);
  let grand = 0;
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const v = d2[i * k + p]!;
      rowMean[i]! += v / k;
      colMean[p]! += v / m;
      grand += v / (m * k);
    }
  }
  for (let i = 0; i < m; i++) for (let p = 0; p < k; p++) d2[i * k + p] = -0.5 * (d2[i * k + p]! - rowMean[i]! - colMean[p]! + grand);
  const ctc = new Float64Array(k * k);
  for (let i = 0; i < m; i++) {
    const row = i * k;
    for (let a = 0; a < k; a++) {
      const va = d2[row + a]!;
      if (va === 0) continue;
      for (let b = a; b < k; b++) ctc[a * k + b]! += va * d2[row + b]!;
    }
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) ctc[a * k + b] = ctc[b * k + a]!;
  // The two leading eigenvectors by power iteration, the second kept orthogonal to the first.
  const vecs: Float64Array[] = [];
  const values: number[] = [];
  for (let e = 0; e < 2; e++) {
    let v = new Float64Array(k);
    for (let a = 0; a < k; a++) v[a] = 1 + ((a * 7 + e * 3) % 5) / 10;
    let lambda = 0;
    for (let it = 0; it < 100; it++) {
      for (const u of vecs) {
        let dot = 0;
        for (let a = 0; a < k; a++) dot += u[a]! * v[a]!;
        for (let a = 0; a < k; a++) v[a]! -= dot * u[a]!;
      }
      const w = new Float64Array(k);
      for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) w[a]! += ctc[a * k + b]! * v[b]!;
      let norm = 0;
      for (let a = 0; a < k; a++) norm += w[a]! * w[a]!;
      norm = Math.sqrt(norm);
      if (norm < 1e-12) break;
      for (let a = 0; a < k; a++) w[a]! /= norm;
      const change = Math.abs(norm - lambda);
      lambda = norm;
      v = w;
      if (change < 1e-9 * lambda) break;
    }
    vecs.push(v);
    values.push(lambda);
  }
  // C·v is a principal axis scaled by its singular value; divide by its square root for MDS's proportions.
  for (let i = 0; i < m; i++) {
    let px = 0;
    let py = 0;
    for (let p = 0; p < k; p++) {
      px += d2[i * k + p]! * vecs[0]![p]!;
      py += d2[i * k + p]! * vecs[1]![p]!;
    }
    x[i] = px / Math.max(Math.pow(values[0]!, 0.25), 1e-9);
    y[i] = py / Math.max(Math.pow(values[1]!, 0.25), 1e-9);
  }
}

/** Places one component in its own coordinates: its core (nodes of degree ≥ 2) by pivot MDS scaled to the
 * edge length and the room its nodes need, each leaf on an arc round its neighbour facing away from that
 * neighbour's other links, then a few cooling force steps. */
function draftComponent(s: Sim, tree: QuadTree, sizes: { node: number; edge: number }, opts: DraftOptions, random: () => number): void {
  const { offsets, targets, x, y } = s;
  const m = x.length;
  const K = sizes.edge;
  if (m === 1) return;
  if (m === 2) {
    x[1] = K;
    return;
  }
  const deg = (i: number) => offsets[i + 1]! - offsets[i]!;
  const coreIndex = new Int32Array(m).fill(-1);
  const core: number[] = [];
  for (let i = 0; i < m; i++) if (deg(i) >= 2) coreIndex[i] = core.push(i) - 1;
  const c = core.length;
  const cx = new Float64Array(c);
  const cy = new Float64Array(c);
  if (c === 2) cx[1] = K;
  else if (c > 2) {
    const co = new Int32Array(c + 1);
    const ct: number[] = [];
    for (let a = 0; a < c; a++) {
      for (let p = offsets[core[a]!]!; p < offsets[core[a]! + 1]!; p++) if (coreIndex[targets[p]!]! >= 0) ct.push(coreIndex[targets[p]!]!);
      co[a + 1] = ct.length;
    }
    const ctargets = Int32Array.from(ct);
    pivotMds(co, ctargets, cx, cy, opts.pivots ?? 40);
    // Scale so core edges average K, or wider when the core would otherwise be packed denser than a node per
    // (2·node size)² — MDS of a small-world graph puts thousands of nodes within a few hops of each other. The
    // bounding box's short side counts as at least a quarter of its long one, so a core drawn as a line is not
    // taken for one with no area.
    let sum = 0;
    let x0 = Infinity;
    let x1 = -Infinity;
    let y0 = Infinity;
    let y1 = -Infinity;
    for (let a = 0; a < c; a++) {
      for (let p = co[a]!; p < co[a + 1]!; p++) sum += Math.hypot(cx[ctargets[p]!]! - cx[a]!, cy[ctargets[p]!]! - cy[a]!);
      x0 = Math.min(x0, cx[a]!);
      x1 = Math.max(x1, cx[a]!);
      y0 = Math.min(y0, cy[a]!);
      y1 = Math.max(y1, cy[a]!);
    }
    const mean = sum / Math.max(ct.length, 1);
    const [long, short] = x1 - x0 > y1 - y0 ? [x1 - x0, y1 - y0] : [y1 - y0, x1 - x0];
    const area = Math.max(long * Math.max(short, long / 4), 1e-9);
    const scale = Math.max(mean > 0 ? K / mean : 1, Math.sqrt((m * 4 * sizes.node * sizes.node) / area));
    for (let a = 0; a < c; a++) {
      // Jitter separates nodes with the same distances to every pivot.
      cx[a] = cx[a]! * scale + (random() - 0.5) * K * 0.5;
      cy[a] = cy[a]! * scale + (random() - 0.5) * K * 0.5;
    }
  }
  for (let a = 0; a < c; a++) {
    x[core[a]!] = cx[a]!;
    y[core[a]!] = cy[a]!;
  }
  // Leaves on an arc round their anchor, 270° facing away from the anchor's core neighbours (all round when it has none).
  for (let a = 0; a < c; a++) {
    const v = core[a]!;
    let leaves = 0;
    let ax = 0;
    let ay = 0;
    let inner = 0;
    for (let p = offsets[v]!; p < offsets[v + 1]!; p++) {
      const w = targets[p]!;
      if (coreIndex[w]! < 0) leaves++;
      else {
        ax += x[w]! - x[v]!;
        ay += y[w]! - y[v]!;
        inner++;
      }
    }
    if (!leaves) continue;
    const facing = Math.atan2(-ay, -ax);
    const arc = inner && Math.hypot(ax, ay) > 1e-9 ? 1.5 * Math.PI : 2 * Math.PI;
    const radius = Math.max(K, (leaves * sizes.node * 1.3) / arc);
    let j = 0;
    for (let p = offsets[v]!; p < offsets[v + 1]!; p++) {
      const w = targets[p]!;
      if (coreIndex[w]! >= 0) continue;
      const angle = arc === 2 * Math.PI ? (2 * Math.PI * j) / leaves : facing - arc / 2 + (arc * (j + 0.5)) / leaves;
      x[w] = x[v]! + radius * Math.cos(angle);
      y[w] = y[v]! + radius * Math.sin(angle);
      j++;
    }
  }
  const iterations = opts.iterations ?? 20;
  for (let it = 0; it < iterations; it++) forceStep(s, tree, K, 1.2, K * Math.pow(0.05, it / Math.max(iterations - 1, 1)));
  // Two cheap passes against overlaps: not all of them, but the worst clumps the short cooling leaves.
  for (let pass = 0; pass < 2; pass++) overlaps(x, y, sizes.node, true);
}

type Box = { x0: number; y0: number; x1: number; y1: number };

function boxOf(s: Sim, pad: number): Box {
  const b = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  for (let i = 0; i < s.x.length; i++) {
    b.x0 = Math.min(b.x0, s.x[i]! - pad);
    b.x1 = Math.max(b.x1, s.x[i]! + pad);
    b.y0 = Math.min(b.y0, s.y[i]! - pad);
    b.y1 = Math.max(b.y1, s.y[i]! + pad);
  }
  return b;
}

/** Shelf packing: components by falling height, left to right in rows about as wide as the whole is tall,
 * starting at (left, top). Writes each component's shifted coordinates into `out`. */
function pack(sims: Sim[], pad: number, gap: number, out: Float64Array, left = 0, top = 0): void {
  const boxes = sims.map((s) => boxOf(s, pad));
  let area = 0;
  let widest = 0;
  for (const b of boxes) {
    area += (b.x1 - b.x0 + gap) * (b.y1 - b.y0 + gap);
    widest = Math.max(widest, b.x1 - b.x0);
  }
  const rowWidth = Math.max(widest, Math.sqrt(area) * 1.2);
  const order = sims.map((_, i) => i).sort((a, b) => boxes[b]!.y1 - boxes[b]!.y0 - (boxes[a]!.y1 - boxes[a]!.y0) || a - b);
  let cx = 0;
  let cy = 0;
  let rowHeight = 0;
  for (const i of order) {
    const b = boxes[i]!;
    const w = b.x1 - b.x0;
    if (cx > 0 && cx + w > rowWidth) {
      cx = 0;
      cy += rowHeight + gap;
      rowHeight = 0;
    }
    const s = sims[i]!;
    const dx = left + cx - b.x0;
    const dy = top + cy - b.y0;
    for (let k = 0; k < s.nodes.length; k++) {
      out[2 * s.nodes[k]!] = s.x[k]! + dx;
      out[2 * s.nodes[k]! + 1] = s.y[k]! + dy;
    }
    cx += w + gap;
    rowHeight = Math.max(rowHeight, b.y1 - b.y0);
  }
}

/** A readable layout fast: connected components laid out one by one and packed in rows, largest first. */
// Well under a second for 10k nodes / 20k edges: the MDS costs a BFS per pivot, and the force steps use a
// coarse Barnes-Hut (theta 1.2). Deterministic for a given seed.
export function draftLayout(n: number, edges: Int32Array, opts: DraftOptions = {}): Float64Array {
  const g = graphOf(n, edges, 'draftLayout');
  const sizes = sizesOf(opts);
  const comps = componentsOf(g);
  const random = seededRandom(opts.seed ?? 1);
  const tree = new QuadTree();
  const local = new Int32Array(n);
  const sims: Sim[] = [];
  for (let c = 0; c < comps.count; c++) {
    const s = simOf(g, comps.members.subarray(comps.start[c]!, comps.start[c + 1]!), local);
    draftComponent(s, tree, sizes, opts, random);
    sims.push(s);
  }
  const out = new Float64Array(2 * n);
  pack(sims, sizes.node / 2, sizes.edge, out);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Refinement

/** Force-directed refinement of a layout (a draft, or positions the analyst arranged), component by component. */
// Fruchterman-Reingold forces with Barnes-Hut repulsion (theta 0.9), the step length cooling geometrically from
// one edge length to a hundredth of it over the steps the budget allows (re-estimated after every step from the
// time steps take), overlaps pushed apart in the second half and after the last step. A component stops early
// when no node moves more than half a percent of an edge length (below the final step length, so only a
// component that has settled stops early). Pinned nodes keep their coordinates exactly; components with a pinned
// node stay where they are and the others are packed again beside them (all of them when nothing is pinned),
// since refining changes their size. Cancelling returns the layout as far as it got, packed the same way.
export function refineLayout(n: number, edges: Int32Array, positions: Float64Array, opts: RefineOptions): RefineResult {
  const started = Date.now();
  const g = graphOf(n, edges, 'refineLayout');
  checkPositions(n, positions, 'refineLayout');
  if (opts.pinned && opts.pinned.length !== n) throw new RangeError(`refineLayout: ${opts.pinned.length} pinned flags for ${n} nodes`);
  const sizes = sizesOf(opts);
  const K = sizes.edge;
  const maxIterations = opts.maxIterations ?? 600;
  const comps = componentsOf(g);
  const local = new Int32Array(n);
  const sims: Sim[] = [];
  const anchored: boolean[] = [];
  for (let c = 0; c < comps.count; c++) {
    const s = simOf(g, comps.members.subarray(comps.start[c]!, comps.start[c + 1]!), local);
    let any = false;
    for (let k = 0; k < s.nodes.length; k++) {
      s.x[k] = positions[2 * s.nodes[k]!]!;
      s.y[k] = positions[2 * s.nodes[k]! + 1]!;
      if (opts.pinned?.[s.nodes[k]!]) {
        s.pinned[k] = 1;
        any = true;
      }
    }
    sims.push(s);
    anchored.push(any);
  }
  const tree = new QuadTree();
  let active = sims.filter((s) => s.nodes.length > 2 && s.pinned.some((p) => !p));
  let total = maxIterations;
  let done = 0;
  let stepMs = 0;
  let stopped: RefineResult['stopped'] = 'converged';
  while (active.length > 0 && done < total) {
    if (opts.shouldStop?.()) {
      stopped = 'cancelled';
      break;
    }
    // Room for this step and for the overlap passes and packing after the last, which cost about as much as a step.
    const elapsed = Date.now() - started;
    if (elapsed + 2 * stepMs > opts.timeBudgetMs) {
      stopped = 'budget';
      break;
    }
    const temperature = K * Math.pow(0.01, done / Math.max(total - 1, 1));
    const stepStart = Date.now();
    active = active.filter((s) => {
      const moved = forceStep(s, tree, K, 0.9, temperature);
      if (done * 2 >= total) overlaps(s.x, s.y, sizes.node, true, s.pinned);
      return moved > 0.005 * K;
    });
    done++;
    // A running estimate of a step's cost (steps get cheaper as components settle and drop out).
    const took = Date.now() - stepStart;
    stepMs = done === 1 ? took : 0.7 * stepMs + 0.3 * took;
    const affordable = done + Math.floor((opts.timeBudgetMs - (Date.now() - started)) / Math.max(stepMs, 0.05)) - 1;
    total = Math.max(done, Math.min(maxIterations, affordable));
    opts.onProgress?.(done, total);
  }
  // Steps cut short by the budget rather than by cooling or every component settling.
  if (stopped === 'converged' && active.length > 0 && total < maxIterations) stopped = 'budget';
  // Pushing one pair apart can make another overlap, so a few passes, until none is left or the passes run out.
  if (stopped !== 'cancelled') {
    for (const s of sims) for (let pass = 0; pass < 20 && s.nodes.length > 1; pass++) if (overlaps(s.x, s.y, sizes.node, true, s.pinned) === 0) break;
  }
  const out = new Float64Array(2 * n);
  const free = sims.filter((_, c) => !anchored[c]);
  let left = 0;
  let top = 0;
  if (free.length < sims.length) {
    let x1 = -Infinity;
    top = Infinity;
    sims.forEach((s, c) => {
      if (!anchored[c]) return;
      for (let k = 0; k < s.nodes.length; k++) {
        out[2 * s.nodes[k]!] = s.x[k]!;
        out[2 * s.nodes[k]! + 1] = s.y[k]!;
      }
      const b = boxOf(s, sizes.node / 2);
      x1 = Math.max(x1, b.x1);
      top = Math.min(top, b.y0);
    });
    left = x1 + K;
  }
  pack(free, sizes.node / 2, K, out, left, top);
  return { positions: out, iterations: done, stopped };
}

/** Measures of a layout for tests and the bench: overlaps, edge lengths and sampled stress. */
export function layoutQuality(
  n: number,
  edges: Int32Array,
  positions: Float64Array,
  opts: { nodeSize?: number; samples?: number; seed?: number } = {},
): LayoutQuality {
  const g = graphOf(n, edges, 'layoutQuality');
  checkPositions(n, positions, 'layoutQuality');
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = positions[2 * i]!;
    y[i] = positions[2 * i + 1]!;
  }
  const found = overlaps(x, y, opts.nodeSize ?? DEFAULT_NODE, false);
  let sum = 0;
  let sum2 = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    for (let p = g.offsets[i]!; p < g.offsets[i + 1]!; p++) {
      const j = g.targets[p]!;
      if (j <= i) continue;
      const d = Math.hypot(x[j]! - x[i]!, y[j]! - y[i]!);
      sum += d;
      sum2 += d * d;
      count++;
    }
  }
  const mean = count ? sum / count : 0;
  const cv = count && mean > 0 ? Math.sqrt(Math.max(sum2 / count - mean * mean, 0)) / mean : 0;
  // Stress Σ (s·e − d)² / d² over pairs (source, reachable node), at the scale s that minimises it.
  const random = seededRandom(opts.seed ?? 7);
  const hop = new Int32Array(n);
  const queue = new Int32Array(n);
  let a = 0; // Σ e²/d²
  let b = 0; // Σ e/d
  let pairs = 0;
  for (let t = 0, samples = Math.min(opts.samples ?? 50, n); t < samples; t++) {
    const src = Math.floor(random() * n);
    hop.fill(-1);
    hop[src] = 0;
    queue[0] = src;
    for (let head = 0, tail = 1; head < tail; head++) {
      const v = queue[head]!;
      if (v !== src) {
        const e = Math.hypot(x[v]! - x[src]!, y[v]! - y[src]!);
        const d = hop[v]!;
        a += (e * e) / (d * d);
        b += e / d;
        pairs++;
      }
      for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) {
        const w = g.targets[p]!;
        if (hop[w]! < 0) {
          hop[w] = hop[v]! + 1;
          queue[tail++] = w;
        }
      }
    }
  }
  // With s = b / a: Σ (s e/d − 1)² = s² a − 2 s b + pairs = pairs − b² / a.
  const stress = pairs && a > 0 ? (pairs - (b * b) / a) / pairs : 0;
  return { overlaps: found, meanEdgeLength: mean, edgeLengthCv: cv, stress };
}

// ---------------------------------------------------------------------------------------------------
// Hierarchical

export type HierarchyOptions = {
  /** Distance between layers, top to bottom (default 120). */
  layerGap?: number;
  /** Least distance between neighbours in a layer (default 60). */
  nodeGap?: number;
  /** Barycentre sweeps, alternately down and up (default 12); the ordering with fewest crossings is kept. */
  sweeps?: number;
};

/** Edge crossings between two adjacent layers, counted as inversions with a Fenwick tree: O(edges · log width). */
function crossingsBetween(g: Csr, upper: Int32Array, layer: Int32Array, pos: Int32Array, width: number, fenwick: Int32Array): number {
  fenwick.fill(0, 0, width + 1);
  let crossings = 0;
  let seen = 0;
  const below: number[] = [];
  for (const u of upper) {
    below.length = 0;
    for (let p = g.offsets[u]!; p < g.offsets[u + 1]!; p++) if (layer[g.targets[p]!] === layer[u]! + 1) below.push(pos[g.targets[p]!]!);
    below.sort((a, b) => a - b);
    for (const v of below) {
      let le = 0;
      for (let i = v + 1; i > 0; i -= i & -i) le += fenwick[i]!;
      crossings += seen - le;
      for (let i = v + 1; i <= width; i += i & -i) fenwick[i]!++;
      seen++;
    }
  }
  return crossings;
}

/** Pool-adjacent-violators: the coordinates nearest (least squares) to `want` that keep the order with at least `gap` between neighbours. */
function spaceInOrder(want: Float64Array, gap: number): Float64Array {
  const m = want.length;
  const sum = new Float64Array(m);
  const size = new Int32Array(m);
  let blocks = 0;
  for (let k = 0; k < m; k++) {
    sum[blocks] = want[k]! - k * gap;
    size[blocks] = 1;
    blocks++;
    while (blocks > 1 && sum[blocks - 2]! / size[blocks - 2]! > sum[blocks - 1]! / size[blocks - 1]!) {
      sum[blocks - 2]! += sum[blocks - 1]!;
      size[blocks - 2]! += size[blocks - 1]!;
      blocks--;
    }
  }
  const out = new Float64Array(m);
  for (let b = 0, k = 0; b < blocks; b++) for (let t = 0; t < size[b]!; t++, k++) out[k] = sum[b]! / size[b]! + k * gap;
  return out;
}

/** A layered layout, top to bottom: BFS layers from the roots, nodes ordered in each layer by barycentre sweeps
 * to reduce crossings, then placed under their links with even spacing. */
// Layers come from the undirected graph, so every edge joins the same or adjacent layers and no dummy nodes are
// needed. A node's layer is its hop distance from the nearest root; parts not reachable from a root get their own
// root (their best-connected node) and are set out to the right. Horizontal places: alternate passes move each
// node toward the mean of its links in the layer above (then below), solved exactly for the order and the gap.
export function hierarchicalLayout(n: number, edges: Int32Array, roots: readonly number[], opts: HierarchyOptions = {}): Float64Array {
  const g = graphOf(n, edges, 'hierarchicalLayout');
  for (const r of roots) if (!Number.isInteger(r) || r < 0 || r >= n) throw new RangeError(`hierarchicalLayout: root ${r} is not in 0..${n - 1}`);
  const layerGap = opts.layerGap ?? 120;
  const gap = opts.nodeGap ?? 60;
  const sweeps = opts.sweeps ?? 12;
  const layer = new Int32Array(n).fill(-1);
  const order = new Int32Array(n);
  const groupStart: number[] = [];
  let tail = 0;
  const bfs = (sources: readonly number[]) => {
    groupStart.push(tail);
    let head = tail;
    for (const s of sources) {
      if (layer[s]! >= 0) continue;
      layer[s] = 0;
      order[tail++] = s;
    }
    while (head < tail) {
      const v = order[head++]!;
      for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) {
        const w = g.targets[p]!;
        if (layer[w]! < 0) {
          layer[w] = layer[v]! + 1;
          order[tail++] = w;
        }
      }
    }
  };
  if (roots.length) bfs(roots);
  const comps = componentsOf(g);
  for (let c = 0; c < comps.count; c++) {
    let best = -1;
    for (let k = comps.start[c]!; k < comps.start[c + 1]!; k++) {
      const v = comps.members[k]!;
      const d = g.offsets[v + 1]! - g.offsets[v]!;
      if (layer[v]! < 0 && (best < 0 || d > g.offsets[best + 1]! - g.offsets[best]! || (d === g.offsets[best + 1]! - g.offsets[best]! && v < best))) best = v;
    }
    if (best >= 0) bfs([best]);
  }
  groupStart.push(n);
  const out = new Float64Array(2 * n);
  const pos = new Int32Array(n);
  const fenwick = new Int32Array(n + 1);
  const xs = new Float64Array(n);
  let left = 0;
  for (let grp = 0; grp + 1 < groupStart.length; grp++) {
    const members = order.subarray(groupStart[grp]!, groupStart[grp + 1]!);
    if (!members.length) continue;
    let depth = 0;
    for (const v of members) depth = Math.max(depth, layer[v]! + 1);
    // Layers in BFS order, which already keeps a tree's children together under their parents.
    const sizes = new Int32Array(depth + 1);
    for (const v of members) sizes[layer[v]! + 1]!++;
    for (let l = 0; l < depth; l++) sizes[l + 1]! += sizes[l]!;
    const flat = new Int32Array(members.length);
    const fill = sizes.slice(0, depth);
    for (const v of members) flat[fill[layer[v]!]!++] = v;
    const rows = Array.from({ length: depth }, (_, l) => flat.subarray(sizes[l]!, sizes[l + 1]!));
    const renumber = (row: Int32Array) => row.forEach((v, i) => (pos[v] = i));
    rows.forEach(renumber);
    const crossings = () => {
      let c = 0;
      for (let l = 0; l + 1 < depth; l++) c += crossingsBetween(g, rows[l]!, layer, pos, rows[l + 1]!.length, fenwick);
      return c;
    };
    let best = flat.slice();
    let fewest = crossings();
    const key = new Float64Array(n);
    for (let s = 0; s < sweeps && fewest > 0; s++) {
      const down = s % 2 === 0;
      for (let t = 1; t < depth; t++) {
        const l = down ? t : depth - 1 - t;
        const other = down ? l - 1 : l + 1;
        const row = rows[l]!;
        const scale = rows[other]!.length / row.length;
        for (const v of row) {
          let sum = 0;
          let count = 0;
          for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) {
            const w = g.targets[p]!;
            if (layer[w] === other) {
              sum += pos[w]!;
              count++;
            }
          }
          // A node with no link to that layer keeps its relative place.
          key[v] = count ? sum / count : pos[v]! * scale;
        }
        row.sort((a, b) => key[a]! - key[b]! || pos[a]! - pos[b]!);
        renumber(row);
      }
      const c = crossings();
      if (c < fewest) {
        fewest = c;
        best = flat.slice();
      }
    }
    flat.set(best);
    rows.forEach(renumber);
    // Horizontal places: start evenly spaced and centred, then pull each node under (or over) its links.
    for (const row of rows) row.forEach((v, i) => (xs[v] = (i - (row.length - 1) / 2) * gap));
    for (let pass = 0; pass < 8; pass++) {
      const down = pass % 2 === 0;
      for (let t = 1; t < depth; t++) {
        const l = down ? t : depth - 1 - t;
        const other = down ? l - 1 : l + 1;
        const row = rows[l]!;
        const want = new Float64Array(row.length);
        row.forEach((v, i) => {
          let sum = 0;
          let count = 0;
          for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) {
            if (layer[g.targets[p]!] === other) {
              sum += xs[g.targets[p]!]!;
              count++;
            }
          }
          want[i] = count ? sum / count : xs[v]!;
        });
        spaceInOrder(want, gap).forEach((x, i) => (xs[row[i]!] = x));
      }
    }
    let x0 = Infinity;
    let x1 = -Infinity;
    for (const v of members) {
      x0 = Math.min(x0, xs[v]!);
      x1 = Math.max(x1, xs[v]!);
    }
    for (const v of members) {
      out[2 * v] = left + xs[v]! - x0;
      out[2 * v + 1] = layer[v]! * layerGap;
    }
    left += x1 - x0 + 2 * gap;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Geographic

export type GeoPoint = { lat: number; lon: number } | null;

/** What the map shows and how: enough to draw the map behind the nodes with `projectLonLat`. */
export type GeoFrame = { projection: 'equirectangular' | 'mercator'; width: number; height: number; west: number; east: number; south: number; north: number };

export type GeoOptions = {
  /** Canvas width in model units (default 1600); the height follows from the projection. */
  width?: number;
  projection?: 'equirectangular' | 'mercator';
  /** Edges (pairs, as elsewhere) to place nodes without coordinates near the places they link to. */
  edges?: Int32Array;
  /** The area to show; by default the located nodes' extent with a margin. */
  bounds?: { west: number; south: number; east: number; north: number };
  nodeSize?: number;
};

/** How each node was placed: at its own coordinates, near its located neighbours, or in the strip beside the map. */
export const GEO_PLACEMENT = { located: 0, nearLinks: 1, strip: 2 } as const;

export type GeoLayout = { positions: Float64Array; placement: Uint8Array; frame: GeoFrame };

const MERCATOR_LIMIT = 85.05112878;
const mercatorY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (Math.max(-MERCATOR_LIMIT, Math.min(MERCATOR_LIMIT, lat)) * Math.PI) / 360));

/** A latitude and longitude in a frame's model coordinates (x east, y south, the frame's north-west corner at 0, 0). */
export function projectLonLat(frame: GeoFrame, lat: number, lon: number): [number, number] {
  if (frame.projection === 'mercator') {
    const scale = frame.width / (((frame.east - frame.west) * Math.PI) / 180);
    return [(((lon - frame.west) * Math.PI) / 180) * scale, (mercatorY(frame.north) - mercatorY(lat)) * scale];
  }
  // Equirectangular, true to scale along the middle parallel (kept off the poles so high latitudes do not squeeze the map).
  const kx = Math.cos((Math.max(-60, Math.min(60, (frame.north + frame.south) / 2)) * Math.PI) / 180);
  const scale = frame.width / ((frame.east - frame.west) * kx);
  return [(lon - frame.west) * kx * scale, (frame.north - lat) * scale];
}

const located = (p: GeoPoint | undefined): p is { lat: number; lon: number } =>
  p != null && Number.isFinite(p.lat) && Number.isFinite(p.lon) && Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180;

/** Places on a map: nodes with coordinates projected, those without set round the places they link to
 * (through other unplaced nodes if need be), and the rest in columns in a strip to the right of the map. */
// Coordinates out of range count as missing. Nodes placed near their links sit on a sunflower spiral round the
// mean of their placed neighbours, so several hung on one port do not cover each other; the port itself stays
// on its coordinates. The map does not wrap at the antimeridian.
export function geographicLayout(points: readonly GeoPoint[], opts: GeoOptions = {}): GeoLayout {
  const n = points.length;
  const g = opts.edges ? graphOf(n, opts.edges, 'geographicLayout') : null;
  const node = opts.nodeSize ?? DEFAULT_NODE;
  const projection = opts.projection ?? 'equirectangular';
  const width = opts.width ?? 1600;
  let bounds = opts.bounds;
  if (!bounds) {
    let west = Infinity;
    let east = -Infinity;
    let south = Infinity;
    let north = -Infinity;
    for (const p of points) {
      if (!located(p)) continue;
      west = Math.min(west, p.lon);
      east = Math.max(east, p.lon);
      south = Math.min(south, p.lat);
      north = Math.max(north, p.lat);
    }
    if (west > east) bounds = { west: -180, east: 180, south: -60, north: 80 };
    else {
      // A margin of a tenth of the extent (at least a degree), and at least ten degrees across, so a local chart keeps its coast.
      const padLon = Math.max((east - west) * 0.1, 1, (10 - (east - west)) / 2);
      const padLat = Math.max((north - south) * 0.1, 1, (10 - (north - south)) / 2);
      bounds = { west: west - padLon, east: east + padLon, south: Math.max(-90, south - padLat), north: Math.min(90, north + padLat) };
    }
  }
  const provisional: GeoFrame = { projection, width, height: 0, ...bounds };
  const frame: GeoFrame = { ...provisional, height: projectLonLat(provisional, bounds.south, bounds.west)[1] };
  const positions = new Float64Array(2 * n);
  const placement = new Uint8Array(n).fill(GEO_PLACEMENT.strip);
  const queue = new Int32Array(n);
  let tail = 0;
  for (let i = 0; i < n; i++) {
    const p = points[i];
    if (!located(p)) continue;
    [positions[2 * i], positions[2 * i + 1]] = projectLonLat(frame, p.lat, p.lon);
    placement[i] = GEO_PLACEMENT.located;
    queue[tail++] = i;
  }
  if (g) {
    // BFS outward from the located nodes: a node is placed from neighbours already placed, nearer ones first.
    const around = new Map<string, number>();
    const seen = new Uint8Array(n);
    for (let k = 0; k < tail; k++) seen[queue[k]!] = 1;
    for (let head = 0; head < tail; head++) {
      const v = queue[head]!;
      if (placement[v] !== GEO_PLACEMENT.located) {
        let sx = 0;
        let sy = 0;
        let count = 0;
        for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) {
          const w = g.targets[p]!;
          if (placement[w] !== GEO_PLACEMENT.strip) {
            sx += positions[2 * w]!;
            sy += positions[2 * w + 1]!;
            count++;
          }
        }
        const key = `${Math.round(sx / count)},${Math.round(sy / count)}`;
        const k = around.get(key) ?? 0;
        around.set(key, k + 1);
        const r = node * (1.2 + 0.8 * Math.sqrt(k));
        const a = k * 2.399963; // the golden angle
        positions[2 * v] = sx / count + r * Math.cos(a);
        positions[2 * v + 1] = sy / count + r * Math.sin(a);
        placement[v] = GEO_PLACEMENT.nearLinks;
      }
      for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) {
        const w = g.targets[p]!;
        if (!seen[w]) {
          seen[w] = 1;
          queue[tail++] = w;
        }
      }
    }
  }
  const cell = node * 1.6;
  const rows = Math.max(1, Math.floor(frame.height / cell));
  for (let i = 0, k = 0; i < n; i++) {
    if (placement[i] !== GEO_PLACEMENT.strip) continue;
    positions[2 * i] = frame.width + 2 * node + Math.floor(k / rows) * cell;
    positions[2 * i + 1] = (k % rows) * cell + node / 2;
    k++;
  }
  return { positions, placement, frame };
}
