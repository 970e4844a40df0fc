// Entity resolution of parties (issue 7): candidate duplicates scored on their names and contacts, found
// through blocks rather than by comparing every pair, and the analyst's decisions turned into merges that
// can be undone. A merge never edits a party row: party_merge only says which party another is seen as.
import type { PartyMatch } from '../../../shared/domain/graph.ts';
import { contactKey } from '../../../shared/domain/names.ts';
import { AppError } from '../../../shared/errors.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { compareNames, matchKey, NameIndex, type MatchKey } from '../targeting/fuzzy.ts';
import type { Db } from '../workspace/database.ts';

// ---------------------------------------------------------------------------------------------------
// Scoring
//
// The score is the name similarity moved by what the contacts say, clamped to 0..1:
//   same address +0.10, different address (known on both sides) −0.20,
//   a shared phone +0.08, a shared e-mail +0.05 (different ones cost nothing: companies have several),
//   different countries (known on both sides) −0.30.
// So a name alone qualifies only when it is near-identical (≥ the threshold, 0.92); a name with a typo
// (0.82 and up) needs the same address; the same name at another address is a namesake unless a phone and
// an e-mail say otherwise. Trade names repeat ("Euro Trade", "Balkan Impex") far more often than a company
// moves, which is why a known, different address weighs more than a shared mailbox, whose role addresses
// (info@, office@) at a domain named after the same words can belong to namesakes. Names below NAME_FLOOR
// are never a duplicate, whatever they share: parties at one address with unlike names are links for the
// chart, not one party.

/** Pairs scoring at least this are candidates. */
export const DEFAULT_THRESHOLD = 0.92;
/** Names less alike than this are different parties whatever else they share. */
export const NAME_FLOOR = 0.8;
const ADDRESS_AGREES = 0.1;
const ADDRESS_DIFFERS = -0.2;
const PHONE_AGREES = 0.08;
const EMAIL_AGREES = 0.05;
const COUNTRY_DIFFERS = -0.3;

export type PartyKind = 'company' | 'person' | 'unknown';

/** A name as compared: its match key, and the key of it spelt alike (see spelledAlike). */
export type NameFacts = { text: string; key: MatchKey; spelled: MatchKey };

/** What a party is compared by: contacts as contactKey keys, the country as its code. */
export type PartyFacts = { kind: PartyKind; name: NameFacts; country: string | null; address: string | null; phones: string[]; emails: string[] };

export type PartyRowLike = {
  kind: string;
  name: string;
  address: string | null;
  city: string | null;
  country: string | null;
  phones: string[];
  emails: string[];
};

// prettier-ignore
const SPELLINGS: [RegExp, string][] = [
  [/ph/g, 'f'], [/ch/g, 'c'], [/sh/g, 's'], [/th/g, 't'], [/ck/g, 'k'], [/x/g, 'ks'], [/q/g, 'k'], [/w/g, 'v'], [/y/g, 'i'], [/oo/g, 'u'], [/ee/g, 'i'],
  [/(.)\1+/g, '$1'],
];

/**
 * A normalised word with English letter groups spelt as a Serbian or Macedonian writer spells them, so
 * that both sides of a transliteration meet: "Phoenix Food" is written "Фоеникс Фуд", which comes back
 * to Latin as "foeniks fud"; both spell alike as "foeniks fud". Doubled letters are single (Cyrillic
 * writes "Шипинг" for "Shipping").
 */
export function spelledAlike(word: string): string {
  let w = word;
  for (const [from, to] of SPELLINGS) w = w.replace(from, to);
  return w;
}

const nameCache = new Map<string, NameFacts>();

/** The match keys of a name (cached: trade names repeat). */
export function nameFacts(text: string): NameFacts {
  let facts = nameCache.get(text);
  if (facts === undefined) {
    const key = matchKey(text);
    // Legal forms go before spelling, which would make "sh p k" unrecognisable.
    facts = { text, key, spelled: matchKey(key.tokens.map(spelledAlike).join(' ')) };
    if (nameCache.size >= 200_000) nameCache.clear();
    nameCache.set(text, facts);
  }
  return facts;
}

export function partyFacts(row: PartyRowLike): PartyFacts {
  const kind: PartyKind = row.kind === 'company' || row.kind === 'person' ? row.kind : 'unknown';
  const keys = (k: 'phone' | 'email', values: string[]) => [...new Set(values.map((v) => contactKey(k, String(v))).filter((v) => v !== null))];
  const country = row.country?.trim().toUpperCase() || null;
  return {
    kind,
    name: nameFacts(row.name),
    country,
    address: contactKey('address', `${row.address ?? ''} ${row.city ?? ''}`),
    phones: keys('phone', row.phones),
    emails: keys('email', row.emails),
  };
}

/** How alike two names are: the better of the names as written and as spelt alike. */
export function nameSimilarity(a: NameFacts, b: NameFacts): { score: number; detail: string } {
  if (a.text === b.text) return { score: 1, detail: 'identical' };
  const direct = compareNames(a.key, b.key);
  if (direct.score >= 1) return direct;
  const spelled = compareNames(a.spelled, b.spelled);
  if (spelled.score <= direct.score) return direct;
  const cyrillic = /[\u0400-\u04ff]/.test(a.text + b.text) ? 'Cyrillic transliterated; ' : '';
  const how = spelled.method === 'fuzzy' ? spelled.detail : spelled.method === 'token-order' ? 'same words in another order' : 'same';
  return { score: spelled.score, detail: `${how} once spelt alike (${cyrillic}ph/f, x/ks, y/i, sh/s, doubled letters)` };
}

type Evidence = { adjust: number; address: boolean; phone: boolean; email: boolean; country: boolean | null };

function shares(a: string[], b: string[]): boolean {
  for (const x of a) if (b.includes(x)) return true;
  return false;
}

function evidence(a: PartyFacts, b: PartyFacts): Evidence {
  const knownAddress = a.address !== null && b.address !== null;
  const address = knownAddress && a.address === b.address;
  const phone = shares(a.phones, b.phones);
  const email = shares(a.emails, b.emails);
  const country = a.country === null || b.country === null ? null : a.country === b.country;
  let adjust = knownAddress ? (address ? ADDRESS_AGREES : ADDRESS_DIFFERS) : 0;
  if (phone) adjust += PHONE_AGREES;
  if (email) adjust += EMAIL_AGREES;
  if (country === false) adjust += COUNTRY_DIFFERS;
  return { adjust, address, phone, email, country };
}

/** A person and a company are never one party; a party of unknown kind may be either. */
function comparableKinds(a: PartyKind, b: PartyKind): boolean {
  return a === b || a === 'unknown' || b === 'unknown';
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

function combine(name: { score: number; detail: string }, ev: Evidence): { score: number; reasons: PartyMatch['reasons'] } {
  const score = name.score < NAME_FLOOR ? 0 : Math.max(0, Math.min(1, name.score + ev.adjust));
  const reasons = { name: round3(name.score), nameDetail: name.detail, address: ev.address, phone: ev.phone, email: ev.email, country: ev.country };
  return { score: round3(score), reasons };
}

/** The score of two parties and why. */
export function scorePair(a: PartyFacts, b: PartyFacts): { score: number; reasons: PartyMatch['reasons'] } {
  const ev = evidence(a, b);
  if (!comparableKinds(a.kind, b.kind)) return combine({ score: 0, detail: 'a person and a company are not compared' }, ev);
  return combine(nameSimilarity(a.name, b.name), ev);
}

// ---------------------------------------------------------------------------------------------------
// Finding candidates
//
// Blocking. Parties are grouped by the sorted words of their name spelt alike (legal forms, script, case,
// diacritics and word order gone), and the groups' names are matched against each other with NameIndex,
// which finds every group whose name scores ≥ NAME_FLOOR. Two parties are compared when their groups are
// the same or alike AND their countries agree or one is unknown (parties in different countries can only
// reach the threshold through shared contacts, which the next blocks find). Besides, parties sharing an
// address, a phone or an e-mail (graph_contact's keys, computed here from the rows) are compared.
// Caps: a (name group, country) block of more than MAX_NAME_BLOCK parties is a common name (a frequent
// person's name, a ubiquitous trade name) and a contact shared by more than MAX_CONTACT_BLOCK parties is a
// switchboard or a forwarder's address; neither block is paired out. Their parties are still compared
// through their other blocks, and the skipped blocks are counted in the result.

const MAX_NAME_BLOCK = 300;
const MAX_CONTACT_BLOCK = 50;
const BATCH = 5000;
const NO_COUNTRY = '';
/** Two indexes (of parties, groups or names) packed in one number: exact below 2^26 each. */
const KEY_SPAN = 2 ** 26;

export type FindOptions = {
  threshold?: number;
  actor: string;
  /** Called as the work advances; throwing from it cancels, and nothing is written. */
  onProgress?: (done: number, total: number, phase: string) => void;
  /** Polled between batches: true cancels with JOB_CANCELLED, and nothing is written. */
  shouldStop?: () => boolean;
};

/** compared: pairs looked at; candidates: pairs at or above the threshold (decided ones included, left as
 * they were); skippedBlocks: name and contact blocks over their cap, not paired out. */
export type FindResult = { parties: number; compared: number; candidates: number; ms: number; skippedBlocks: number };

type Found = { i: number; j: number; score: number; reasons: PartyMatch['reasons'] };

type PartyRow = { id: number; kind: string; name: string; address: string | null; city: string | null; country: string | null; phones: string; emails: string };

function parseList(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

/** Finds candidate duplicates among all parties and writes them to party_match (one transaction). */
export function findCandidates(db: Db, opts: FindOptions): FindResult {
  const started = performance.now();
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  const check = (done: number, total: number, phase: string) => {
    if (opts.shouldStop?.()) throw new AppError('JOB_CANCELLED', 'Finding duplicate parties was stopped.');
    opts.onProgress?.(done, total, phase);
  };

  // Read the parties in batches of rows, keeping only their facts.
  const total = (db.prepare('SELECT count(*) FROM party').pluck().get() as number) || 0;
  const ids: number[] = [];
  const facts: PartyFacts[] = [];
  const page = db.prepare('SELECT id, kind, name, address, city, country, phones, emails FROM party WHERE id > ? ORDER BY id LIMIT ?');
  for (let last = 0; ;) {
    const rows = page.all(last, BATCH) as PartyRow[];
    if (rows.length === 0) break;
    for (const r of rows) {
      ids.push(r.id);
      facts.push(partyFacts({ ...r, phones: parseList(r.phones), emails: parseList(r.emails) }));
    }
    last = rows.at(-1)!.id;
    check(ids.length, total, 'reading parties');
  }
  const n = ids.length;

  // Name groups, each split by country.
  const groupOf = new Int32Array(n).fill(-1);
  const groupIds = new Map<string, number>();
  const groupNames: string[] = [];
  const groupBlocks: Map<string, number[]>[] = [];
  for (let i = 0; i < n; i++) {
    const spelled = facts[i]!.name.spelled;
    if (spelled.tokens.length === 0) continue;
    let g = groupIds.get(spelled.sorted);
    if (g === undefined) {
      g = groupNames.length;
      groupIds.set(spelled.sorted, g);
      groupNames.push(spelled.tokens.join(' '));
      groupBlocks.push(new Map());
    }
    groupOf[i] = g;
    const c = facts[i]!.country ?? NO_COUNTRY;
    const block = groupBlocks[g]!.get(c);
    if (block) block.push(i);
    else groupBlocks[g]!.set(c, [i]);
  }

  // Alike groups, through NameIndex (asked both ways: its scores need not be symmetric).
  const alike = new Set<number>();
  const pairKey = (x: number, y: number) => (x < y ? x * KEY_SPAN + y : y * KEY_SPAN + x);
  const index = new NameIndex(groupNames.map((name, g) => ({ name, value: g })));
  for (let g = 0; g < groupNames.length; g++) {
    for (const m of index.match(groupNames[g]!, NAME_FLOOR)) if (m.value !== g) alike.add(pairKey(g, m.value));
    if (g % 2000 === 1999) check(g + 1, groupNames.length, 'matching names');
  }

  const found: Found[] = [];
  const nameScores = new Map<number, { score: number; detail: string }>();
  const nameIds = new Map<string, number>();
  const nameId = (f: NameFacts) => {
    let id = nameIds.get(f.text);
    if (id === undefined) nameIds.set(f.text, (id = nameIds.size));
    return id;
  };
  let compared = 0;
  let skippedBlocks = 0;
  const compare = (i: number, j: number) => {
    compared++;
    const a = facts[i]!;
    const b = facts[j]!;
    if (!comparableKinds(a.kind, b.kind)) return;
    const ev = evidence(a, b);
    // Even identical names cannot lift this pair to the threshold: spare the name comparison.
    if (1 + ev.adjust < threshold) return;
    const key = pairKey(nameId(a.name), nameId(b.name));
    let name = nameScores.get(key);
    if (name === undefined) nameScores.set(key, (name = nameSimilarity(a.name, b.name)));
    const scored = combine(name, ev);
    if (scored.score >= threshold && name.score >= NAME_FLOOR) found.push({ i, j, ...scored });
  };
  const within = (list: number[]) => {
    for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) compare(list[x]!, list[y]!);
  };
  const across = (p: number[], q: number[]) => {
    for (const i of p) for (const j of q) compare(i, j);
  };
  const capped = (list: number[]) => list.length > MAX_NAME_BLOCK;

  // Pairs within a group, then across alike groups: same country, or one country unknown.
  for (let g = 0; g < groupBlocks.length; g++) {
    const blocks = groupBlocks[g]!;
    const unknown = blocks.get(NO_COUNTRY);
    for (const [c, list] of blocks) {
      if (capped(list)) skippedBlocks++;
      else {
        within(list);
        if (c !== NO_COUNTRY && unknown && !capped(unknown)) across(unknown, list);
      }
    }
    if (g % 2000 === 1999) check(g + 1, groupBlocks.length, 'comparing parties with the same name');
  }
  let done = 0;
  for (const key of alike) {
    const g = Math.floor(key / KEY_SPAN);
    const h = key % KEY_SPAN;
    const bh = groupBlocks[h]!;
    for (const [c, list] of groupBlocks[g]!) {
      if (capped(list)) continue;
      for (const [d, other] of bh) if (!capped(other) && (c === d || c === NO_COUNTRY || d === NO_COUNTRY)) across(list, other);
    }
    if (++done % 20_000 === 0) check(done, alike.size, 'comparing parties with alike names');
  }

  // Pairs sharing a contact that the name blocks did not already compare.
  const byContact = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const f = facts[i]!;
    const keys = [f.address === null ? null : `a ${f.address}`, ...f.phones.map((p) => `p ${p}`), ...f.emails.map((e) => `e ${e}`)];
    for (const k of keys) {
      if (k === null) continue;
      const list = byContact.get(k);
      if (list) list.push(i);
      else byContact.set(k, [i]);
    }
  }
  const nameBlockCompared = (i: number, j: number) => {
    const g = groupOf[i]!;
    const h = groupOf[j]!;
    if (g < 0 || h < 0 || (g !== h && !alike.has(pairKey(g, h)))) return false;
    const c = facts[i]!.country ?? NO_COUNTRY;
    const d = facts[j]!.country ?? NO_COUNTRY;
    if (c !== d && c !== NO_COUNTRY && d !== NO_COUNTRY) return false;
    return !capped(groupBlocks[g]!.get(c)!) && !capped(groupBlocks[h]!.get(d)!);
  };
  const seen = new Set<number>();
  done = 0;
  for (const list of byContact.values()) {
    if (list.length > MAX_CONTACT_BLOCK) skippedBlocks++;
    else if (list.length > 1) {
      for (let x = 0; x < list.length; x++) {
        for (let y = x + 1; y < list.length; y++) {
          const i = list[x]!;
          const j = list[y]!;
          const key = pairKey(i, j);
          if (nameBlockCompared(i, j) || seen.has(key)) continue;
          seen.add(key);
          compare(i, j);
        }
      }
    }
    if (++done % 50_000 === 0) check(done, byContact.size, 'comparing parties that share a contact');
  }

  check(0, found.length, 'writing candidates');
  const candidates = writeCandidates(db, { ids, facts, found, threshold, actor: opts.actor });
  return { parties: n, compared, candidates, ms: Math.round(performance.now() - started), skippedBlocks };
}

/** Writes the pairs found: new ones open, open ones rescored, decided ones left alone. */
function writeCandidates(db: Db, run: { ids: number[]; facts: PartyFacts[]; found: Found[]; threshold: number; actor: string }): number {
  const { ids, facts, found, threshold, actor } = run;
  const at = new Date().toISOString();
  const indexOf = new Map<number, number>();
  ids.forEach((id, i) => indexOf.set(id, i));
  return db.transaction(() => {
    const existing = new Map<string, { id: number; status: string }>();
    for (const m of db.prepare('SELECT id, a, b, status FROM party_match').all() as { id: number; a: number; b: number; status: string }[]) {
      existing.set(`${m.a}:${m.b}`, m);
    }
    const root = new Map<number, number>();
    for (const m of db.prepare('SELECT party_id, into_id FROM party_merge').all() as { party_id: number; into_id: number }[]) root.set(m.party_id, m.into_id);
    const insert = db.prepare('INSERT INTO party_match (a, b, score, reasons, status, found_at) VALUES (?, ?, ?, ?, ?, ?)');
    const update = db.prepare('UPDATE party_match SET score = ?, reasons = ?, found_at = ? WHERE id = ?');
    const remove = db.prepare('DELETE FROM party_match WHERE id = ?');
    const rescored = new Set<number>();
    let candidates = 0;
    for (const f of found) {
      const [a, b] = ids[f.i]! < ids[f.j]! ? [ids[f.i]!, ids[f.j]!] : [ids[f.j]!, ids[f.i]!];
      const known = existing.get(`${a}:${b}`);
      candidates++;
      if (known === undefined) {
        // Two parties already merged through others are one party: nothing to review.
        if ((root.get(a) ?? a) !== (root.get(b) ?? b)) insert.run(a, b, f.score, JSON.stringify(f.reasons), 'open', at);
      } else if (known.status === 'open') {
        update.run(f.score, JSON.stringify(f.reasons), at, known.id);
        rescored.add(known.id);
      }
    }
    // Open pairs the blocks did not meet this time are scored directly, and dropped below the threshold.
    let dropped = 0;
    for (const [pair, m] of existing) {
      if (m.status !== 'open' || rescored.has(m.id)) continue;
      const [a, b] = pair.split(':').map(Number) as [number, number];
      const i = indexOf.get(a);
      const j = indexOf.get(b);
      const s = i === undefined || j === undefined ? null : scorePair(facts[i]!, facts[j]!);
      if (s !== null && s.score >= threshold) update.run(s.score, JSON.stringify(s.reasons), at, m.id);
      else {
        remove.run(m.id);
        dropped++;
      }
    }
    appendAudit(db, { actor, action: 'graph.match.find', entity: 'party_match', details: { parties: ids.length, candidates, dropped, threshold } });
    return candidates;
  })();
}

// ---------------------------------------------------------------------------------------------------
// Review and merges

type MatchRow = {
  id: number;
  a: number;
  b: number;
  score: number;
  reasons: string;
  status: PartyMatch['status'];
  decided_by: string | null;
  decided_at: string | null;
  a_name: string;
  a_country: string | null;
  a_address: string | null;
  a_postcode: string | null;
  a_city: string | null;
  a_shipments: number;
  b_name: string;
  b_country: string | null;
  b_address: string | null;
  b_postcode: string | null;
  b_city: string | null;
  b_shipments: number;
};

const side = (p: 'a' | 'b') => `p${p}.name AS ${p}_name, p${p}.country AS ${p}_country, p${p}.address AS ${p}_address, p${p}.postcode AS ${p}_postcode,
  p${p}.city AS ${p}_city, (SELECT count(DISTINCT shipment_id) FROM shipment_party WHERE party_id = m.${p}) AS ${p}_shipments`;
const MATCH_SELECT = `SELECT m.id, m.a, m.b, m.score, m.reasons, m.status, m.decided_by, m.decided_at, ${side('a')}, ${side('b')}
  FROM party_match m JOIN party pa ON pa.id = m.a JOIN party pb ON pb.id = m.b`;

function toMatch(r: MatchRow): PartyMatch {
  // The address as an analyst reads it: street, then postcode and city.
  const address = (street: string | null, postcode: string | null, city: string | null) =>
    [street, [postcode, city].filter(Boolean).join(' ')].filter(Boolean).join(', ') || null;
  return {
    id: r.id,
    a: { id: r.a, name: r.a_name, country: r.a_country, address: address(r.a_address, r.a_postcode, r.a_city), shipments: r.a_shipments },
    b: { id: r.b, name: r.b_name, country: r.b_country, address: address(r.b_address, r.b_postcode, r.b_city), shipments: r.b_shipments },
    score: r.score,
    reasons: JSON.parse(r.reasons) as PartyMatch['reasons'],
    status: r.status,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
  };
}

/** Candidate pairs, best first, with each party's number of shipments. */
export function listMatches(
  db: Db,
  q: { status?: PartyMatch['status']; offset: number; limit: number; minScore?: number },
): { matches: PartyMatch[]; total: number } {
  const filter: Record<string, string | number> = { minScore: q.minScore ?? 0 };
  if (q.status) filter['status'] = q.status;
  const where = `WHERE m.score >= @minScore${q.status ? ' AND m.status = @status' : ''}`;
  const total = db.prepare(`SELECT count(*) FROM party_match m ${where}`).pluck().get(filter) as number;
  const rows = db
    .prepare(`${MATCH_SELECT} ${where} ORDER BY m.score DESC, m.id LIMIT @limit OFFSET @offset`)
    .all({ ...filter, limit: q.limit, offset: q.offset }) as MatchRow[];
  return { matches: rows.map(toMatch), total };
}

function getMatch(db: Db, id: number): PartyMatch {
  const r = db.prepare(`${MATCH_SELECT} WHERE m.id = ?`).get(id) as MatchRow | undefined;
  if (!r) throw new AppError('GRAPH_MATCH_NOT_FOUND', `There is no candidate pair ${id}; it may have been dropped by a newer search for duplicates.`, { id });
  return toMatch(r);
}

/**
 * Records the analyst's decision on a pair and brings the merges up to date. Merges are derived: the
 * parties joined by accepted pairs form components, each seen as its root (the member with the most
 * shipments, the lowest id on a tie), and party_merge holds one row per other member, naming the accepted
 * pair that brought it in. Only the components the pair touches are recomputed, so taking an acceptance
 * back (rejected or open again) undoes exactly the merge it made.
 */
export function decideMatch(db: Db, id: number, status: PartyMatch['status'], actor: string): PartyMatch {
  return db.transaction(() => {
    const before = getMatch(db, id);
    if (before.status === status) return before;
    const at = new Date().toISOString();
    db.prepare('UPDATE party_match SET status = ?, decided_by = ?, decided_at = ? WHERE id = ?').run(
      status,
      status === 'open' ? null : actor,
      status === 'open' ? null : at,
      id,
    );
    const merges = recomputeMerges(db, [before.a.id, before.b.id]);
    appendAudit(db, {
      actor,
      action: 'graph.match.decide',
      entity: 'party_match',
      entityId: String(id),
      details: { a: before.a.id, b: before.b.id, from: before.status, to: status, merged: merges.merged, unmerged: merges.unmerged },
    });
    return getMatch(db, id);
  })();
}

type Edge = { other: number; match: number; by: string | null; at: string | null };

/** Rewrites the merge rows of the components around `seeds`; returns the parties merged and unmerged by it. */
function recomputeMerges(db: Db, seeds: number[]): { merged: number[]; unmerged: number[] } {
  const rootOf = db.prepare('SELECT into_id FROM party_merge WHERE party_id = ?').pluck();
  const membersOf = db.prepare('SELECT party_id FROM party_merge WHERE into_id = ?').pluck();
  const fromA = db.prepare(`SELECT id, b AS other, decided_by, decided_at FROM party_match WHERE a = ? AND status = 'accepted'`);
  const fromB = db.prepare(`SELECT id, a AS other, decided_by, decided_at FROM party_match WHERE b = ? AND status = 'accepted'`);
  const shipments = db.prepare('SELECT count(DISTINCT shipment_id) FROM shipment_party WHERE party_id = ?').pluck();

  // Everyone whose row may change: the seeds and the whole of their components as they were.
  const affected = new Set<number>();
  for (const s of seeds) {
    const root = (rootOf.get(s) as number | undefined) ?? s;
    affected.add(s).add(root);
    for (const m of membersOf.all(root) as number[]) affected.add(m);
  }
  const edges = new Map<number, Edge[]>();
  const edgesOf = (p: number): Edge[] => {
    let list = edges.get(p);
    if (list === undefined) {
      type E = { id: number; other: number; decided_by: string | null; decided_at: string | null };
      const rows = [...(fromA.all(p) as E[]), ...(fromB.all(p) as E[])];
      edges.set(p, (list = rows.map((r) => ({ other: r.other, match: r.id, by: r.decided_by, at: r.decided_at }))));
    }
    return list;
  };
  // The components now: everything reachable over accepted pairs from the affected parties.
  const components: number[][] = [];
  const placed = new Set<number>();
  for (const start of affected) {
    if (placed.has(start)) continue;
    const component = [start];
    placed.add(start);
    for (let k = 0; k < component.length; k++) {
      for (const e of edgesOf(component[k]!)) {
        if (!placed.has(e.other)) {
          placed.add(e.other);
          component.push(e.other);
        }
      }
    }
    components.push(component);
  }

  const old = new Map<number, number>();
  const everyone = [...placed];
  for (let k = 0; k < everyone.length; k += 500) {
    const chunk = everyone.slice(k, k + 500);
    const marks = chunk.map(() => '?').join(',');
    for (const r of db.prepare(`SELECT party_id, into_id FROM party_merge WHERE party_id IN (${marks})`).all(...chunk) as {
      party_id: number;
      into_id: number;
    }[]) {
      old.set(r.party_id, r.into_id);
    }
    db.prepare(`DELETE FROM party_merge WHERE party_id IN (${marks})`).run(...chunk);
  }
  const insert = db.prepare('INSERT INTO party_merge (party_id, into_id, match_id, merged_by, merged_at) VALUES (?, ?, ?, ?, ?)');
  const now = new Set<number>();
  for (const component of components) {
    if (component.length < 2) continue;
    let root = component[0]!;
    let best = -1;
    for (const p of component) {
      const count = shipments.get(p) as number;
      if (count > best || (count === best && p < root)) [root, best] = [p, count];
    }
    // From the root outwards: each member is merged by the accepted pair that reached it first, and
    // carries that decision's author and time, so recomputing leaves unchanged merges as they were.
    const reached = new Set([root]);
    const queue = [root];
    for (let k = 0; k < queue.length; k++) {
      for (const e of edgesOf(queue[k]!)) {
        if (reached.has(e.other)) continue;
        reached.add(e.other);
        queue.push(e.other);
        insert.run(e.other, root, e.match, e.by ?? 'unknown', e.at ?? new Date().toISOString());
        now.add(e.other);
      }
    }
  }
  const merged = [...now].filter((p) => !old.has(p)).sort((x, y) => x - y);
  const unmerged = [...old.keys()].filter((p) => !now.has(p)).sort((x, y) => x - y);
  return { merged, unmerged };
}

/** Each id's root party: the party it is merged into, or itself. */
export function canonicalIds(db: Db, ids: number[]): Map<number, number> {
  const out = new Map<number, number>();
  const unique = [...new Set(ids)];
  for (let k = 0; k < unique.length; k += 500) {
    const chunk = unique.slice(k, k + 500);
    for (const id of chunk) out.set(id, id);
    const rows = db.prepare(`SELECT party_id, into_id FROM party_merge WHERE party_id IN (${chunk.map(() => '?').join(',')})`).all(...chunk) as {
      party_id: number;
      into_id: number;
    }[];
    for (const r of rows) out.set(r.party_id, r.into_id);
  }
  return out;
}

/** The parties merged into a root party, by id (empty when none, or when rootId is itself merged). */
export function mergedMembers(db: Db, rootId: number): number[] {
  return db.prepare('SELECT party_id FROM party_merge WHERE into_id = ? ORDER BY party_id').pluck().all(rootId) as number[];
}
