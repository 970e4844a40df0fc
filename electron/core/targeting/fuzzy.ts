// Fuzzy matching of person and company names against watchlists: a match key per name (script, case,
// punctuation and legal form folded away), Jaro-Winkler, a word-aware name score, and NameIndex, which
// finds the listed names near a record's name without comparing it to every one of them.
import { asciiFold, cyrillicToLatin, normalizeName } from '../../../shared/domain/names.ts';

// ---------------------------------------------------------------------------------------------------
// Match keys

// Legal forms as normalizeName leaves them: a dotted form ("d.o.o.", "sh.p.k.") becomes several words.
// Removed wherever they stand, longest form first; reported without spaces ("d o o" → "doo").
// "trading", "general", "import" and the like are real words and stay.
// prettier-ignore
const LEGAL_FORMS = [
  'doo', 'd o o', 'dooel', 'd o o e l', 'ad', 'a d', 'dd', 'd d', 'od', 'o d', 'sp', 'sp z o o', 'szr', 'llc', 'l l c', 'ltd', 'limited',
  'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'gmbh', 'ag', 'kg', 'sa', 's a', 'srl', 's r l', 'sarl', 'spa', 's p a',
  'bv', 'b v', 'nv', 'n v', 'plc', 'pty', 'pvt', 'pte', 'sro', 's r o', 'spol', 'oy', 'ab', 'as', 'a s', 'shpk', 'sh p k', 'sha', 'sh a',
  'ooo', 'zao', 'oao', 'pao', 'jsc', 'llp', 'l l p', 'lp', 'fze', 'fzco', 'fzc', 'ltda', 'cia', 'eirl', 'e i r l', 'sas', 's a s', 'sac',
  's a c', 'sae', 's a e', 'sl', 's l', 'ae', 'a e', 'epe', 'e p e', 'sti', 'ood', 'eood', 'kft', 'zrt', 'sdn', 'bhd',
];

/** First word → legal forms starting with it, as word lists, longest first. */
const FORMS_BY_FIRST = new Map<string, string[][]>();
for (const form of LEGAL_FORMS) {
  const words = form.split(' ');
  const list = FORMS_BY_FIRST.get(words[0]!) ?? [];
  list.push(words);
  list.sort((x, y) => y.length - x.length);
  FORMS_BY_FIRST.set(words[0]!, list);
}

/** The legal form starting at words[i], if any. */
function legalFormAt(words: string[], i: number): string[] | undefined {
  const forms = FORMS_BY_FIRST.get(words[i]!);
  if (forms === undefined) return undefined;
  for (const form of forms) {
    let k = 1;
    while (k < form.length && words[i + k] === form[k]) k++;
    if (k === form.length) return form;
  }
  return undefined;
}

/** A name reduced for matching: normalised words, legal forms removed, tokens sorted. */
export type MatchKey = {
  /** normalizeName of the whole name, legal forms included. */
  norm: string;
  /** The words compared, in written order, legal forms removed. */
  tokens: string[];
  /** tokens sorted and joined with single spaces. */
  sorted: string;
  /** The legal forms removed, without spaces ("doo", "shpk"). */
  legalForms: string[];
};

/** The text each key was made from, for 'exact' and for saying what normalising changed. */
const RAW = new WeakMap<MatchKey, string>();

function keyOf(name: string): MatchKey {
  const norm = normalizeName(name);
  const all = norm === '' ? [] : norm.split(' ');
  const kept: string[] = [];
  const forms: string[] = [];
  for (let i = 0; i < all.length;) {
    const form = legalFormAt(all, i);
    if (form === undefined) kept.push(all[i++]!);
    else {
      forms.push(form.join(''));
      i += form.length;
    }
  }
  // A name that is nothing but legal forms ("AD") keeps them as its words, so it only matches itself.
  const tokens = kept.length > 0 ? kept : forms;
  const legalForms = kept.length > 0 ? forms : [];
  return { norm, tokens, sorted: tokens.length === 1 ? tokens[0]! : tokens.slice().sort().join(' '), legalForms };
}

export function matchKey(name: string): MatchKey {
  const key = keyOf(name);
  RAW.set(key, name);
  return key;
}

// ---------------------------------------------------------------------------------------------------
// Jaro-Winkler

let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);

/** Jaro-Winkler similarity in [0,1] (prefix scale 0.1, max prefix 4). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (flagsA.length < la) flagsA = new Uint8Array(la * 2);
  if (flagsB.length < lb) flagsB = new Uint8Array(lb * 2);
  flagsA.fill(0, 0, la);
  flagsB.fill(0, 0, lb);
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  let m = 0;
  for (let i = 0; i < la; i++) {
    const c = a.charCodeAt(i);
    const end = Math.min(lb, i + window + 1);
    for (let j = Math.max(0, i - window); j < end; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === c) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        m++;
        break;
      }
    }
  }
  if (m === 0) return 0;
  let outOfOrder = 0;
  for (let i = 0, j = 0; i < la; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[j] === 0) j++;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) outOfOrder++;
    j++;
  }
  const jaro = (m / la + m / lb + (m - outOfOrder / 2) / m) / 3;
  let prefix = 0;
  const maxPrefix = Math.min(4, la, lb);
  while (prefix < maxPrefix && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

// ---------------------------------------------------------------------------------------------------
// Comparing two names

/** How alike two names are, 0..1, and why. */
export type NameMatch = { score: number; method: 'exact' | 'normalised' | 'token-order' | 'fuzzy'; detail: string };

/** Score of the same words in another order, just below a normalised match. */
const TOKEN_ORDER_SCORE = 0.98;
/** Fuzzy scores stay below token-order ones, so the method always ranks: exact = normalised > token order > fuzzy. */
const FUZZY_MAX = 0.97;

/** A joined pair of words only pairs with a word of about its length: it stands for a missing space, not an extra word. */
const JOIN_LENGTH_SLACK = 2;

/** Words scoring below this are different words and earn nothing. */
const WORD_FLOOR = 0.8;

/**
 * Keys of a word's beginning, packed as numbers: the strings left by deleting one of its first four
 * letters, and for a word of three letters or fewer the word itself. Two words whose first four letters
 * are at most one edit apart (a letter changed, added, dropped, or two neighbours swapped) always share a
 * key: the edit is undone by deleting its place on both sides. (The first four letters themselves are no
 * key: words sharing them share every deletion too.)
 */
function blockKeys(w: string): number[] {
  const n = Math.min(w.length, 4);
  const keys: number[] = [];
  for (let skip = n < 4 ? -1 : 0; skip < n; skip++) {
    if (n === 1 && skip === 0) break;
    let k = skip < 0 ? n : n - 1;
    for (let i = 0; i < n; i++) if (i !== skip) k = k * 128 + (w.charCodeAt(i) & 127);
    if (!keys.includes(k)) keys.push(k);
  }
  return keys;
}

function shareKey(ka: number[], kb: number[]): boolean {
  for (const k of ka) if (kb.includes(k)) return true;
  return false;
}

/**
 * How alike two words are: Jaro-Winkler, counted only when the words begin alike (their first four
 * letters at most one edit apart: they share a blockKeys key) and score at least WORD_FLOOR; otherwise 0.
 * Jaro forgives displaced letters, so unrelated words with a common ending score high ("volaic" and
 * "pavlovic", 0.83); requiring a similar start, as Winkler's prefix bonus already assumes, keeps them
 * apart, and is what lets NameIndex find every pair that counts. The price: words with two slips in their
 * first four letters ("tusachem" and "tuzlachem", 0.91) count as different words.
 */
function wordSimilarity(a: string, b: string, ka: number[], kb: number[]): number {
  if (!shareKey(ka, kb)) return 0;
  const jw = jaroWinkler(a, b);
  return jw >= WORD_FLOOR ? jw : 0;
}

/** Words with their blockKeys. */
type Words = { text: string[]; keys: number[][] };

function words(text: string[]): Words {
  return { text, keys: text.map(blockKeys) };
}

/** The similarity of every word of a to every word of b, row by row; a joined word (index) only pairs with words of about its length. */
function similarities(a: Words, b: Words, joinedA = -1, joinedB = -1): number[] {
  const sim: number[] = [];
  for (let i = 0; i < a.text.length; i++) {
    for (let j = 0; j < b.text.length; j++) {
      const wa = a.text[i]!;
      const wb = b.text[j]!;
      const joined = i === joinedA || j === joinedB;
      sim.push(joined && Math.abs(wa.length - wb.length) > JOIN_LENGTH_SLACK ? 0 : wordSimilarity(wa, wb, a.keys[i]!, b.keys[j]!));
    }
  }
  return sim;
}

type Alignment = { a: string[]; b: string[]; sim: number[]; partner: number[]; score: number; joined: string | null };

/**
 * Word-by-word score: words are paired one to one, greedily by highest wordSimilarity, and the score
 * is the mean of the pair similarities weighted by the letters of both words; a word left without a
 * partner counts 0. So word order does not matter, and an extra or missing word costs its share of the
 * letters.
 */
function align(a: string[], b: string[], sim: number[], joined: string | null): Alignment {
  const na = a.length;
  const nb = b.length;
  const partner: number[] = a.map(() => -1);
  const usedB: boolean[] = b.map(() => false);
  let sum = 0;
  let total = 0;
  for (const w of a) total += w.length;
  for (const w of b) total += w.length;
  for (let pairs = Math.min(na, nb); pairs > 0; pairs--) {
    let best = 0;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < na; i++) {
      if (partner[i]! >= 0) continue;
      for (let j = 0; j < nb; j++) {
        if (!usedB[j] && sim[i * nb + j]! > best) {
          best = sim[i * nb + j]!;
          bi = i;
          bj = j;
        }
      }
    }
    if (bi < 0) break;
    partner[bi] = bj;
    usedB[bj] = true;
    sum += best * (a[bi]!.length + b[bj]!.length);
  }
  return { a, b, sim, partner, score: total === 0 ? 0 : sum / total, joined };
}

/**
 * The fuzzy score: align, and where one name has more words, also align after joining any one pair of
 * its neighbouring words ("Euro Trans" ↔ "Eurotrans"); the best of these. Jaro-Winkler on the whole
 * strings is not used: its prefix bonus lets a shared first word lift unrelated names ("Balkan Impex"
 * ↔ "Balkan Trans" would score 0.83).
 */
function fuzzyAlign(ta: string[], tb: string[]): Alignment {
  const a = words(ta);
  const b = words(tb);
  const nb = tb.length;
  const base = similarities(a, b);
  let best = align(ta, tb, base, null);
  const longer = ta.length > nb ? ta : tb;
  for (let k = 0; ta.length !== nb && k + 1 < longer.length; k++) {
    const joinedWords = [...longer.slice(0, k), longer[k]! + longer[k + 1]!, ...longer.slice(k + 2)];
    const joined = words([joinedWords[k]!]);
    const from = (x: number): number => (x < k ? x : x + 1); // a word's place before joining
    // Only the joined word's similarities are new; the rest come from the base matrix.
    const sim: number[] = [];
    if (longer === ta) {
      const fresh = similarities(joined, b, 0);
      for (let i = 0; i < joinedWords.length; i++) for (let j = 0; j < nb; j++) sim.push(i === k ? fresh[j]! : base[from(i) * nb + j]!);
    } else {
      const fresh = similarities(a, joined, -1, 0);
      for (let i = 0; i < ta.length; i++) for (let j = 0; j < joinedWords.length; j++) sim.push(j === k ? fresh[i]! : base[i * nb + from(j)]!);
    }
    const label = `${longer[k]} ${longer[k + 1]}`;
    const alt = longer === ta ? align(joinedWords, tb, sim, label) : align(ta, joinedWords, sim, label);
    if (alt.score > best.score) best = alt;
  }
  return best;
}

function round2(x: number): string {
  return x.toFixed(2);
}

/** What normalising had to do for two names to be equal. */
function normalisingReasons(a: MatchKey, b: MatchKey, raws: string[]): string {
  const reasons: string[] = [];
  const forms = [...new Set([...a.legalForms, ...b.legalForms])].map((f) => f.toUpperCase());
  if (forms.length > 0) reasons.push(`legal form${forms.length > 1 ? 's' : ''} ${forms.join(', ')} removed`);
  if (raws.some((r) => cyrillicToLatin(r) !== r)) reasons.push('Cyrillic transliterated');
  if (
    raws.some((r) => {
      const latin = r.replace(/[\u0400-\u04ff]/g, '');
      return asciiFold(latin) !== latin;
    })
  )
    reasons.push('diacritics removed');
  if (reasons.length === 0) reasons.push('case, spacing or punctuation');
  return reasons.join('; ');
}

/** compareNames, given the texts the keys were made from where known. */
function compareKeys(a: MatchKey, b: MatchKey, rawA: string | undefined, rawB: string | undefined): NameMatch {
  if (a.tokens.length === 0 || b.tokens.length === 0) return { score: 0, method: 'fuzzy', detail: 'no letters or digits to compare' };
  if (a === b || (rawA !== undefined && rawA === rawB)) return { score: 1, method: 'exact', detail: 'identical' };
  if (a.sorted === b.sorted) {
    if (a.tokens.join(' ') !== b.tokens.join(' ')) return { score: TOKEN_ORDER_SCORE, method: 'token-order', detail: 'same words in another order' };
    const raws = [rawA, rawB].filter((r) => r !== undefined);
    return { score: 1, method: 'normalised', detail: `same after normalising (${normalisingReasons(a, b, raws)})` };
  }
  const al = fuzzyAlign(a.tokens, b.tokens);
  if (al.score === 0) return { score: 0, method: 'fuzzy', detail: 'no similar words' };
  const notes: string[] = [];
  if (al.joined !== null) notes.push(`"${al.joined}" read as one word`);
  let weakest = -1;
  let weakestSim = 1;
  const unmatched: string[] = [];
  al.partner.forEach((j, i) => {
    const sim = j < 0 ? 0 : al.sim[i * al.b.length + j]!;
    if (j < 0) unmatched.push(al.a[i]!);
    else if (sim < weakestSim) [weakest, weakestSim] = [i, sim];
  });
  if (weakest >= 0) notes.push(`${al.a[weakest]} ~ ${al.b[al.partner[weakest]!]} ${round2(weakestSim)}`);
  al.b.forEach((w, j) => {
    if (!al.partner.includes(j)) unmatched.push(w);
  });
  if (unmatched.length > 0) notes.push(`no match for ${unmatched.join(', ')}`);
  const detail = `Jaro-Winkler ${round2(al.score)} word by word${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`;
  return { score: Math.min(al.score, FUZZY_MAX), method: 'fuzzy', detail };
}

export function compareNames(a: MatchKey, b: MatchKey): NameMatch {
  return compareKeys(a, b, RAW.get(a), RAW.get(b));
}

// ---------------------------------------------------------------------------------------------------
// Index
//
// Blocking. Every indexed unit (an entry's word, or two neighbouring words joined, for the joined variant
// of fuzzyAlign) is filed under its blockKeys. A query word is scored only against units sharing a key
// with it, and those are exactly the units wordSimilarity can score above 0: the blocking loses nothing,
// at any threshold. (The recall given up, against plain word-by-word Jaro-Winkler, is the start-alike
// rule of wordSimilarity itself; on generated names it drops about 5% of the matches at 0.9 and 13% at
// 0.85, nearly all of them different names such as "Dubai" and "Mumbai".) A bound from the letters two
// words share skips most units before Jaro-Winkler is run, and a word's similar units are cached: record
// names repeat words (surnames, "trade", "impex") far more than whole names.
//
// Bound. An entry scores only through the word pairs found that way, and each letter of either name is
// worth at most the best pair its word (or a joined pair holding it) takes part in. So B = (Σ letters ×
// best pair) / all letters bounds compareNames from above, whatever pairing it settles on; only entries
// with B ≥ threshold are compared in full.
//
// Candidates. An entry matching none of a set S of the query's words has B ≤ (Lq − L_S + Le) / (Lq + Le)
// (letters of the query, of S, of the entry), below the threshold t when Le < (L_S − (1 − t)·Lq) / (1 − t).
// So the candidates are the entries reached through the words of S, plus the long entries reached through
// the others (postings are sorted longest entry first, so those are a prefix of each list). S is the k
// rarest words, k chosen per query to read the fewest postings.
//
// The result is what comparing every entry gives, for any threshold.

const WORD = 1;
const JOINED = 2;
const CACHE_LIMIT = 100_000;

type Found = { e: number; match: NameMatch };
/** Units similar to one query word: ids, their wordSimilarity, and how many postings they have in all. */
type Similar = { units: number[]; sims: number[]; postings: number };
const NOTHING_SIMILAR: Similar = { units: [], sims: [], postings: 0 };

function lengthBit(length: number): number {
  return 1 << Math.min(length, 31);
}

/**
 * A word's letters for a quick bound on Jaro matches: bits of the letters present once or more, twice or
 * more (letter code mod 32), and the count of occurrences beyond the second. Σ min(count in a, count in b)
 * bounds the matches; per bit it is at most [both ≥ 1] + [both ≥ 2] + the smaller excess.
 */
function letterBag(w: string): [number, number, number] {
  let once = 0;
  let twice = 0;
  let excess = 0;
  for (let i = 0; i < w.length; i++) {
    const bit = 1 << (w.charCodeAt(i) & 31);
    if (twice & bit) excess++;
    else if (once & bit) twice |= bit;
    else once |= bit;
  }
  return [once, twice, excess];
}

/** The first four letters, one per byte, first letter highest (normalised words are ASCII). */
function head4(w: string): number {
  let h = 0;
  for (let i = 0; i < 4; i++) h = (h << 8) | (i < w.length ? w.charCodeAt(i) & 0xff : 0);
  return h;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

// Fields of a unit in NameIndex.byKey lists.
const UNIT = 0;
const LENGTH = 1;
const KIND = 2;
const ONCE = 3;
const TWICE = 4;
const EXCESS = 5;
const HEAD = 6;
const INFO = 8;

// Layout of NameIndex.entryData and postData.
const LETTERS = 0;
const WORDS = 1;
const FIRST_WORD = 2;
const POSTING = 4;

/** A query unit: a word, or two neighbouring words joined. */
type QueryUnit = { text: string; first: number; span: number; similar: Similar };

/** An index of many names (10,000+) to match records against quickly. */
export class NameIndex<T> {
  private readonly entries: { name: string; value: T; key: MatchKey }[] = [];
  /** Sorted key → entries: the exact, normalised and token-order matches. */
  private readonly bySorted = new Map<string, number[]>();
  private readonly stamp: Int32Array;
  /**
   * Entry e from entryAt[e]: its letters, its number of words, then per word its letters, its unit, and
   * the unit of it joined with the next word (-1 for the last word). Together, so a candidate costs one
   * or two cache lines.
   */
  private readonly entryAt: Int32Array;
  private readonly entryData: Int32Array;
  private readonly unitText: string[] = [];
  private readonly unitLength: Int32Array;
  /** Unit u's postings at postStart[u] .. postStart[u + 1], longest entry first: entry, words in the unit, the entry's letters and words. */
  private readonly postStart: Int32Array;
  private readonly postData: Int32Array;
  /** blockKeys key → the units filed under it, INFO numbers each, so a scan reads memory in order. */
  private readonly byKey = new Map<number, Int32Array>();
  /** blockKeys key → the lengths of the single-word units filed under it, one bit each (31: 31 letters or more). */
  private readonly wordLengths = new Map<number, number>();
  private readonly cache = new Map<string, Similar>();
  // Scratch reused between calls; stamps tell this call's data from an earlier call's.
  private epoch = 0;
  /** Per unit: the call that linked it, and its first link. */
  private readonly unitState: Int32Array;
  // Links of this call: the next link of the same unit, the query unit's first word, words and letters, and the similarity.
  private linkNext = new Int32Array(256);
  private linkFirst = new Int32Array(256);
  private linkSpan = new Int32Array(256);
  private linkLength = new Int32Array(256);
  private linkSim = new Float64Array(256);

  constructor(entries: { name: string; value: T }[]) {
    const unitId = new Map<string, number>();
    const post: number[][] = [];
    const kinds: number[] = [];
    const addUnit = (text: string, e: number, words: number): number => {
      let id = unitId.get(text);
      if (id === undefined) {
        id = this.unitText.length;
        unitId.set(text, id);
        this.unitText.push(text);
        post.push([]);
        kinds.push(0);
      }
      post[id]!.push(e, words);
      kinds[id]! |= words === 1 ? WORD : JOINED;
      return id;
    };
    const entryAt = [0];
    const entryData: number[] = [];
    for (const { name, value } of entries) {
      const key = keyOf(name);
      const e = this.entries.length;
      this.entries.push({ name, value, key });
      const words = key.tokens;
      if (words.length > 0) {
        const same = this.bySorted.get(key.sorted);
        if (same) same.push(e);
        else this.bySorted.set(key.sorted, [e]);
      }
      entryData.push(
        words.reduce((n, t) => n + t.length, 0),
        words.length,
      );
      words.forEach((t, i) => entryData.push(t.length, addUnit(t, e, 1), i + 1 < words.length ? addUnit(t + words[i + 1]!, e, 2) : -1));
      entryAt.push(entryData.length);
    }
    this.entryAt = Int32Array.from(entryAt);
    this.entryData = Int32Array.from(entryData);
    this.stamp = new Int32Array(this.entries.length);
    this.unitLength = Int32Array.from(this.unitText, (t) => t.length);
    this.unitState = new Int32Array(this.unitText.length * 2);
    this.postStart = new Int32Array(this.unitText.length + 1);
    this.postData = new Int32Array(post.reduce((n, p) => n + p.length * 2, 0));
    const keyed = new Map<number, number[]>();
    this.unitText.forEach((text, id) => {
      const rows: number[][] = [];
      for (let p = 0; p < post[id]!.length; p += 2) {
        const e = post[id]![p]!;
        rows.push([e, post[id]![p + 1]!, this.entryData[this.entryAt[e]! + LETTERS]!, this.entryData[this.entryAt[e]! + WORDS]!]);
      }
      rows.sort((x, y) => y[2]! - x[2]! || x[0]! - y[0]!);
      this.postData.set(rows.flat(), this.postStart[id]);
      this.postStart[id + 1] = this.postStart[id]! + rows.length * POSTING;
      const [once, twice, excess] = letterBag(text);
      const info = [id, text.length, kinds[id]!, once, twice, excess, head4(text), 0];
      for (const k of blockKeys(text)) {
        const list = keyed.get(k);
        if (list === undefined) keyed.set(k, [...info]);
        else list.push(...info);
        if (kinds[id]! & WORD) this.wordLengths.set(k, (this.wordLengths.get(k) ?? 0) | lengthBit(text.length));
      }
    });
    for (const [k, list] of keyed) this.byKey.set(k, Int32Array.from(list));
  }

  /** Entries whose score ≥ threshold, best first, each with its NameMatch. */
  match(name: string, threshold: number): { value: T; name: string; match: NameMatch }[] {
    const q = keyOf(name);
    if (q.tokens.length === 0) return [];
    const found: Found[] = [];
    const compare = (e: number): void => {
      const en = this.entries[e]!;
      const m = compareKeys(q, en.key, name, en.name);
      if (m.score >= threshold) found.push({ e, match: m });
    };
    if (threshold <= 0) {
      // Every entry qualifies: nothing to prune.
      this.entries.forEach((_, e) => compare(e));
      return this.ranked(found);
    }
    if (this.epoch > 0x3fffffff) {
      this.epoch = 0;
      this.stamp.fill(0);
      for (let v = 0; v < this.unitState.length; v += 2) this.unitState[v] = 0;
    }
    const epoch = ++this.epoch;
    const same = this.bySorted.get(q.sorted);
    if (same !== undefined) {
      for (const e of same) {
        this.stamp[e] = epoch;
        compare(e);
      }
    }
    if (threshold <= FUZZY_MAX) this.candidates(q.tokens, threshold, epoch).forEach(compare);
    return this.ranked(found);
  }

  /** Units wordSimilarity scores above 0 against a query word (joined: two query words joined). */
  private similarUnits(text: string, joined: boolean): Similar {
    const keys = blockKeys(text);
    if (joined) {
      // Most joined pairs have no single word of about their length to pair with: settle that without the cache.
      let near = 0;
      for (let l = text.length - JOIN_LENGTH_SLACK; l <= text.length + JOIN_LENGTH_SLACK; l++) if (l > 0) near |= lengthBit(l);
      if (!keys.some((k) => ((this.wordLengths.get(k) ?? 0) & near) !== 0)) return NOTHING_SIMILAR;
    }
    const cacheKey = joined ? ' ' + text : text;
    const cached = this.cache.get(cacheKey);
    if (cached !== undefined) return cached;
    const { unitText } = this;
    const units: number[] = [];
    const sims: number[] = [];
    let postings = 0;
    const la = text.length;
    const [once, twice, excess] = letterBag(text);
    const head = head4(text);
    for (const k of keys) {
      const list = this.byKey.get(k);
      if (list === undefined) continue;
      for (let x = 0; x < list.length / INFO; x++) {
        const at = x * INFO;
        const lb = list[at + LENGTH]!;
        const close = Math.abs(la - lb) <= JOIN_LENGTH_SLACK;
        const kind = list[at + KIND]!;
        // Joined words only ever pair with single words of about their length.
        if (joined ? !(kind & WORD) || !close : !(kind & WORD) && !close) continue;
        // Jaro-Winkler bound from the letters in common, with the prefix bonus as far as the words agree.
        const common = popcount(once & list[at + ONCE]!) + popcount(twice & list[at + TWICE]!) + Math.min(excess, list[at + EXCESS]!);
        const m = Math.min(la, lb, common);
        const diff = head ^ list[at + HEAD]!;
        const prefix = Math.min(diff === 0 ? 4 : Math.clz32(diff) >> 3, la, lb);
        const jaro = (m / la + m / lb + 1) / 3;
        if (jaro + prefix * 0.1 * (1 - jaro) < WORD_FLOOR) continue;
        const v = list[at + UNIT]!;
        // A unit sharing several keys with the word is met once per key.
        if (units.includes(v)) continue;
        const sim = jaroWinkler(text, unitText[v]!);
        if (sim < WORD_FLOOR) continue;
        units.push(v);
        sims.push(sim);
        postings += (this.postStart[v + 1]! - this.postStart[v]!) / POSTING;
      }
    }
    const result = { units, sims, postings };
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(cacheKey, result);
    return result;
  }

  /** Postings of unit v (as a match for a query unit of `span` words) for entries of at least `minLetters` letters. */
  private reach(v: number, span: number, nq: number, minLetters: number, epoch: number, out: number[]): void {
    const { postData, stamp } = this;
    for (let p = this.postStart[v]!, end = this.postStart[v + 1]!; p < end; p += POSTING) {
      if (postData[p + 2]! < minLetters) break;
      const e = postData[p]!;
      if (stamp[e] === epoch) continue;
      const ne = postData[p + 3]!;
      // As in fuzzyAlign: words are joined only on the side with more words.
      if (span === 2 ? postData[p + 1] === 2 || ne >= nq : postData[p + 1] === 2 && ne <= nq) continue;
      stamp[e] = epoch;
      out.push(e);
    }
  }

  /** Entries whose bound B reaches the threshold, apart from those already stamped in this call. */
  private candidates(words: string[], threshold: number, epoch: number): number[] {
    const nq = words.length;
    const { unitState } = this;
    // Query units: each word, then each pair of neighbouring words joined.
    const units: QueryUnit[] = [];
    for (let i = 0; i < nq; i++) units.push({ text: words[i]!, first: i, span: 1, similar: this.similarUnits(words[i]!, false) });
    for (let i = 0; i + 1 < nq; i++) {
      const text = words[i]! + words[i + 1]!;
      units.push({ text, first: i, span: 2, similar: this.similarUnits(text, true) });
    }
    // Link each indexed unit to the query units it is similar to (a list through linkNext).
    const linkEpoch = ++this.epoch;
    let links = 0;
    for (let qu = 0; qu < units.length; qu++) {
      const { units: vs, sims } = units[qu]!.similar;
      for (let x = 0; x < vs.length; x++) {
        const v = vs[x]!;
        if (links === this.linkNext.length) {
          this.linkNext = grow(this.linkNext, Int32Array);
          this.linkFirst = grow(this.linkFirst, Int32Array);
          this.linkSpan = grow(this.linkSpan, Int32Array);
          this.linkLength = grow(this.linkLength, Int32Array);
          this.linkSim = grow(this.linkSim, Float64Array);
        }
        this.linkNext[links] = unitState[2 * v] === linkEpoch ? unitState[2 * v + 1]! : -1;
        this.linkFirst[links] = units[qu]!.first;
        this.linkSpan[links] = units[qu]!.span;
        this.linkLength[links] = units[qu]!.text.length;
        this.linkSim[links] = sims[x]!;
        unitState[2 * v] = linkEpoch;
        unitState[2 * v + 1] = links++;
      }
    }
    if (links === 0) return [];
    let lq = 0;
    for (const w of words) lq += w.length;
    // Choose S: the k rarest words, k making the candidate search cheapest.
    const inS = new Uint8Array(nq);
    const involved = (u: QueryUnit): boolean => inS[u.first] === 1 || (u.span === 2 && inS[u.first + 1] === 1);
    const order = words.map((_, i) => i).sort((x, y) => units[x]!.similar.postings - units[y]!.similar.postings);
    const minLettersFor = (k: number): number => {
      inS.fill(0);
      let ls = 0;
      for (let x = 0; x < k; x++) {
        inS[order[x]!] = 1;
        ls += words[order[x]!]!.length;
      }
      return (ls - (1 - threshold) * lq) / (1 - threshold) - 1e-9;
    };
    let bestK = nq;
    let bestCost = Infinity;
    for (let k = 1; k < nq; k++) {
      const minLetters = minLettersFor(k);
      let cost = 0;
      for (const u of units) {
        if (involved(u)) cost += u.similar.postings;
        else for (const v of u.similar.units) cost += this.longerThan(v, minLetters);
      }
      if (cost < bestCost) {
        bestCost = cost;
        bestK = k;
      }
    }
    const minLetters = minLettersFor(bestK);
    const out: number[] = [];
    for (const u of units) for (const v of u.similar.units) this.reach(v, u.span, nq, involved(u) ? -Infinity : minLetters, epoch, out);
    // Keep the candidates whose bound reaches the threshold.
    const { entryAt, entryData, unitLength, linkNext, linkFirst, linkSpan, linkLength, linkSim } = this;
    const bq = new Float64Array(nq);
    let be = new Float64Array(8);
    let kept = 0;
    for (const e of out) {
      const at = entryAt[e]!;
      const ne = entryData[at + WORDS]!;
      if (be.length < ne) be = new Float64Array(ne);
      for (let i = 0; i < nq; i++) bq[i] = 0;
      for (let j = 0; j < ne; j++) be[j] = 0;
      for (let j = 0, w = at + FIRST_WORD; j < ne; j++, w += 3) {
        const v = entryData[w + 1]!;
        for (let l = unitState[2 * v] === linkEpoch ? unitState[2 * v + 1]! : -1; l >= 0; l = linkNext[l]!) {
          const span = linkSpan[l]!;
          if (span === 2 && ne >= nq) continue;
          const sim = linkSim[l]!;
          if (sim > be[j]!) be[j] = sim;
          for (let i = linkFirst[l]!, end = i + span; i < end; i++) if (sim > bq[i]!) bq[i] = sim;
        }
        const join = entryData[w + 2]!;
        if (join < 0 || ne <= nq) continue;
        for (let l = unitState[2 * join] === linkEpoch ? unitState[2 * join + 1]! : -1; l >= 0; l = linkNext[l]!) {
          if (linkSpan[l] === 2 || Math.abs(linkLength[l]! - unitLength[join]!) > JOIN_LENGTH_SLACK) continue;
          const sim = linkSim[l]!;
          const i = linkFirst[l]!;
          if (sim > bq[i]!) bq[i] = sim;
          if (sim > be[j]!) be[j] = sim;
          if (sim > be[j + 1]!) be[j + 1] = sim;
        }
      }
      let bound = 0;
      for (let i = 0; i < nq; i++) bound += words[i]!.length * bq[i]!;
      for (let j = 0; j < ne; j++) bound += entryData[at + FIRST_WORD + 3 * j]! * be[j]!;
      if (bound >= (threshold - 1e-9) * (lq + entryData[at + LETTERS]!)) out[kept++] = e;
    }
    out.length = kept;
    return out;
  }

  /** How many of unit v's postings are for entries of at least `minLetters` letters. */
  private longerThan(v: number, minLetters: number): number {
    const start = this.postStart[v]! / POSTING;
    let lo = start;
    let hi = this.postStart[v + 1]! / POSTING;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.postData[mid * POSTING + 2]! >= minLetters) lo = mid + 1;
      else hi = mid;
    }
    return lo - start;
  }

  private ranked(found: Found[]): { value: T; name: string; match: NameMatch }[] {
    found.sort((x, y) => y.match.score - x.match.score || x.e - y.e);
    return found.map(({ e, match }) => ({ value: this.entries[e]!.value, name: this.entries[e]!.name, match }));
  }
}

function grow<A extends Int32Array | Float64Array>(a: A, make: new (n: number) => A): A {
  const b = new make(a.length * 2);
  b.set(a);
  return b;
}
