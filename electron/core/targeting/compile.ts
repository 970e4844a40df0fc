// Conditions compiled once into plain functions over a record's facts, so that a million records times a
// hundred rules is a hundred million cheap calls. Watchlists are matched through an index per list, with
// the answers for a value kept (parties' names repeat across many shipments).
import { normalizeName } from '../../../shared/domain/names.ts';
import type { Condition } from '../../../shared/domain/targeting.ts';
import type { Facts, ReferenceLists } from './facts.ts';
import { NameIndex } from './fuzzy.ts';

export type WatchMatch = { list: string; entry: string; value: string; score: number; detail: string };
export type WatchlistData = { name: string; kind: string; threshold: number; entries: string[] };

/** A watchlist ready to match values against: names and vessels fuzzily, the rest by their exact key. */
export class WatchIndex {
  readonly name: string;
  private readonly kind: string;
  private readonly threshold: number;
  private readonly names: NameIndex<string> | null;
  private readonly exact: Map<string, string>;
  private readonly cache = new Map<string, WatchMatch | null>();

  constructor(w: WatchlistData) {
    this.name = w.name;
    this.kind = w.kind;
    this.threshold = w.threshold;
    const fuzzy = w.kind === 'party' || w.kind === 'vessel' || w.kind === 'address';
    this.names = fuzzy ? new NameIndex(w.entries.map((e) => ({ name: e, value: e }))) : null;
    this.exact = new Map(w.entries.map((e) => [this.key(e), e]));
  }

  private key(value: string): string {
    switch (this.kind) {
      case 'phone':
        return value.replace(/\D/g, '').replace(/^00/, '');
      case 'email':
        return value.trim().toLowerCase();
      default:
        return normalizeName(value).replace(/ /g, '');
    }
  }

  /** The best entry matching a value, or null. */
  match(value: string): WatchMatch | null {
    if (!value) return null;
    const known = this.cache.get(value);
    if (known !== undefined) return known;
    let m: WatchMatch | null = null;
    const entry = this.exact.get(this.key(value));
    if (entry !== undefined) m = { list: this.name, entry, value, score: 1, detail: 'identical once written the same way' };
    else if (this.names) {
      const best = this.names.match(value, this.threshold)[0];
      if (best) m = { list: this.name, entry: best.name, value, score: best.match.score, detail: best.match.detail };
    } else if (this.kind === 'phone') {
      // A phone written with or without its country code: the last nine digits decide.
      const k = this.key(value);
      for (const [key, e] of this.exact) {
        if (k.length >= 9 && key.length >= 9 && k.slice(-9) === key.slice(-9)) {
          m = { list: this.name, entry: e, value, score: 1, detail: 'same number (last nine digits)' };
          break;
        }
      }
    }
    if (this.cache.size > 200_000) this.cache.clear();
    this.cache.set(value, m);
    return m;
  }
}

export type Predicate = (f: Facts) => boolean;
export type CompileContext = { lists: ReferenceLists; watchlists: Map<string, WatchIndex> };

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
const valuesOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : isEmpty(v) ? [] : [v]);

/** Whether any value of a fact (one value, or each of a list) passes: without building a list per call,
 * as this runs a hundred million times in a full scoring. */
function some(v: unknown, test: (x: unknown) => boolean): boolean {
  if (Array.isArray(v)) {
    for (const x of v) if (test(x)) return true;
    return false;
  }
  return v !== null && v !== undefined && v !== '' && test(v);
}

/** Texts normalised as rules compare them, kept: the same goods, names and places recur across records. */
const normalized = new Map<string, string>();
function norm(text: string): string {
  let n = normalized.get(text);
  if (n === undefined) {
    if (normalized.size > 100_000) normalized.clear();
    n = normalizeName(text);
    normalized.set(text, n);
  }
  return n;
}
const textKey = (v: unknown) => (typeof v === 'string' ? norm(v) : v);

/** The fields a condition reads (for the explanation and to know what the reader must fetch). */
export function fieldsOf(c: Condition): string[] {
  const out = new Set<string>();
  const walk = (x: Condition): void => {
    if ('all' in x) x.all.forEach(walk);
    else if ('any' in x) x.any.forEach(walk);
    else if ('not' in x) walk(x.not);
    else if ('indicator' in x) out.add(`indicator.${x.indicator}`);
    else out.add(x.field);
  };
  walk(c);
  return [...out];
}

export function compile(c: Condition, ctx: CompileContext): Predicate {
  if ('all' in c) {
    const parts = c.all.map((x) => compile(x, ctx));
    if (parts.length === 2) {
      const [a, b] = parts as [Predicate, Predicate];
      return (f) => a(f) && b(f);
    }
    return (f) => {
      for (const p of parts) if (!p(f)) return false;
      return true;
    };
  }
  if ('any' in c) {
    const parts = c.any.map((x) => compile(x, ctx));
    if (parts.length === 2) {
      const [a, b] = parts as [Predicate, Predicate];
      return (f) => a(f) || b(f);
    }
    return (f) => {
      for (const p of parts) if (p(f)) return true;
      return false;
    };
  }
  if ('not' in c) {
    const inner = compile(c.not, ctx);
    return (f) => !inner(f);
  }
  if ('indicator' in c) {
    const key = `indicator.${c.indicator}`;
    return (f) => f[key] === true;
  }
  if ('watchlist' in c) {
    const w = ctx.watchlists.get(c.watchlist);
    const field = c.field;
    if (!w) return () => false;
    return (f) => some(f[field], (v) => typeof v === 'string' && w.match(v) !== null);
  }
  const field = c.field;
  switch (c.op) {
    case 'equals': {
      const want = textKey(c.value);
      return (f) => some(f[field], (v) => textKey(v) === want);
    }
    case 'in': {
      if ('list' in c) {
        const items = new Set((ctx.lists.get(c.list) ?? []).map((x) => x.toUpperCase()));
        return (f) =>
          some(f[field], (v) => {
            const text = String(v);
            return items.has(text) || items.has(text.toUpperCase());
          });
      }
      const set = new Set(c.values.map(textKey));
      return (f) => some(f[field], (v) => set.has(textKey(v)));
    }
    case 'contains': {
      const want = normalizeName(c.value);
      return (f) => some(f[field], (v) => norm(String(v)).includes(want));
    }
    case 'pattern': {
      const re = new RegExp(c.value, 'i');
      return (f) => some(f[field], (v) => re.test(String(v)));
    }
    case 'range': {
      const min = c.min ?? -Infinity;
      const max = c.max ?? Infinity;
      return (f) => some(f[field], (v) => typeof v === 'number' && v >= min && v <= max);
    }
    case 'within': {
      const from = c.from ?? '';
      const to = c.to ? `${c.to}\uffff` : '\uffff';
      return (f) => some(f[field], (v) => typeof v === 'string' && v >= from && v <= to);
    }
    case 'missing':
      return (f) => isEmpty(f[field]);
  }
}

/** The watchlist matches behind a condition, for the explanation of a hit. */
export function watchMatches(c: Condition, f: Facts, ctx: CompileContext): WatchMatch[] {
  const out: WatchMatch[] = [];
  const walk = (x: Condition): void => {
    if ('all' in x) x.all.forEach(walk);
    else if ('any' in x) x.any.forEach(walk);
    else if ('not' in x) walk(x.not);
    else if ('watchlist' in x) {
      const w = ctx.watchlists.get(x.watchlist);
      for (const v of valuesOf(f[x.field])) {
        const m = typeof v === 'string' ? w?.match(v) : null;
        if (m) out.push(m);
      }
    }
  };
  walk(c);
  return out;
}
