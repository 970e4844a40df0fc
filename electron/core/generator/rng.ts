// Seeded pseudo-random numbers (sfc32): the same seed gives the same sequence on every machine, since
// it uses only 32-bit integer arithmetic. `fork(label)` gives an independent stream, so adding draws to
// one part of the generator does not shift another.

function hash32(text: string, seed: number): number {
  let h = seed ^ 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const CUMULATIVE = new WeakMap<object, number[]>();

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private readonly seed: number;

  constructor(seed: number, label = '') {
    this.seed = seed >>> 0;
    this.a = hash32(label, this.seed ^ 0x9e3779b9);
    this.b = hash32(label, this.seed ^ 0x243f6a88);
    this.c = hash32(label, this.seed ^ 0xb7e15162);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  fork(label: string): Rng {
    return new Rng(this.seed, label);
  }

  /** Uniform 32-bit unsigned integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]!;
  }

  /** Picks by weight; weights need not sum to 1. Long tables get their running totals cached. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    if (items.length <= 6) {
      let total = 0;
      for (let i = 0; i < items.length; i++) total += items[i]![1];
      let r = this.float() * total;
      for (let i = 0; i < items.length; i++) {
        r -= items[i]![1];
        if (r < 0) return items[i]![0];
      }
      return items[items.length - 1]![0];
    }
    let cumulative = CUMULATIVE.get(items);
    if (!cumulative) {
      cumulative = [];
      let total = 0;
      for (const [, w] of items) cumulative.push((total += w));
      CUMULATIVE.set(items, cumulative);
    }
    const r = this.float() * cumulative[cumulative.length - 1]!;
    for (let i = 0; i < cumulative.length; i++) if (r < cumulative[i]!) return items[i]![0];
    return items[items.length - 1]![0];
  }

  /** Roughly normal (sum of three uniforms), clamped to [min, max]. */
  around(mean: number, spread: number, min = -Infinity, max = Infinity): number {
    const v = mean + ((this.float() + this.float() + this.float()) / 1.5 - 1) * spread;
    return Math.min(max, Math.max(min, v));
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.next() % 10);
    return s;
  }

  letters(n: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[this.next() % alphabet.length];
    return s;
  }
}

/**
 * Chooses exactly `k` of `n` positions, uniformly, one position at a time (selection sampling): the
 * schemes land at random places yet at exactly the requested rate.
 */
export class ExactSampler {
  private remainingSlots: number;
  private remainingPicks: number;
  private readonly rng: Rng;

  constructor(rng: Rng, n: number, k: number) {
    this.rng = rng;
    this.remainingSlots = n;
    this.remainingPicks = Math.min(k, n);
  }

  take(): boolean {
    if (this.remainingSlots <= 0) return false;
    const pick = this.rng.float() * this.remainingSlots < this.remainingPicks;
    this.remainingSlots--;
    if (pick) this.remainingPicks--;
    return pick;
  }
}
