// Entity resolution of parties (issue 7): the score of hand-built pairs (scripts, legal forms, word order,
// typos, namesakes at home and abroad, shared contacts), blocking finding exactly the known pairs, decisions
// turned into merges and taken back, components and their roots, reruns leaving decisions alone, and the
// generator's ground truth on a real workspace: precision and recall at the default threshold.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { DEFAULT_PARAMS, generateScenario } from '../../electron/core/generator/scenario.ts';
import { writeScenario } from '../../electron/core/generator/workspace-writer.ts';
import {
  canonicalIds,
  decideMatch,
  DEFAULT_THRESHOLD,
  findCandidates,
  listMatches,
  mergedMembers,
  partyFacts,
  scorePair,
  spelledAlike,
  type PartyRowLike,
} from '../../electron/core/graph/resolution.ts';
import type { Db } from '../../electron/core/workspace/database.ts';
import { catchUp } from '../../electron/core/workspace/derived.ts';
import { PASSPHRASE, testCore, type TestCore } from './helpers/workspace.ts';

const HOME = { address: 'Bulevar Oslobođenja 12', city: 'Novi Sad', country: 'RS' };

function facts(name: string, more: Partial<PartyRowLike> = {}) {
  return partyFacts({ kind: 'company', name, ...HOME, phones: [], emails: [], ...more });
}

describe('scoring a pair', () => {
  it.each([
    ['Балкан Импекс ДОО', 'Balkan Impex d.o.o.', /Cyrillic transliterated/],
    ['Фоеникс Фуд ДОО', 'Phoenix Food DOO', /spelt alike/],
    ['АДРИА ТРАДЕ ДОО', 'Adria Trade d.o.o.', /legal form DOO removed; Cyrillic transliterated/],
    ['Adria Trade DOO', 'Adria Trade D.O.O.', /legal form DOO removed/],
    ['Drini Impex SH.P.K.', 'Drini Impex shpk', /legal form SHPK removed/],
    ['Atlas Trading LLC', 'Atlas Trading L.L.C.', /legal form LLC removed/],
    ['Šumadija Promet', 'SUMADIJA PROMET', /diacritics removed/],
  ])('%s and %s are one name', (a, b, detail) => {
    const r = scorePair(facts(a), facts(b));
    expect(r.reasons.name).toBe(1);
    expect(r.reasons.nameDetail).toMatch(detail);
    expect(r.score).toBe(1);
    expect(r.reasons).toMatchObject({ address: true, country: true, phone: false, email: false });
  });

  it('spells English letter groups as a Cyrillic writer does, on both sides', () => {
    expect(spelledAlike('phoenix')).toBe('foeniks');
    expect(spelledAlike('shipping')).toBe(spelledAlike('siping'));
    expect(spelledAlike('royal')).toBe('roial');
  });

  it('scores words in another order just below the same order, and forgives a typo at the same address', () => {
    const order = scorePair(facts('Trade Adria DOO'), facts('Adria Trade DOO'));
    expect(order.reasons.name).toBe(0.98);
    expect(order.reasons.nameDetail).toMatch(/another order/);
    const typo = scorePair(facts('Adria Tarde DOO'), facts('Adria Trade DOO'));
    expect(typo.reasons.name).toBeGreaterThan(0.9);
    expect(typo.reasons.name).toBeLessThan(1);
    expect(typo.score).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    // A weaker name (a word more) needs the address to qualify.
    const slips = ['Adria Trade Exp DOO', 'Adria Trade DOO'] as const;
    const withAddress = scorePair(facts(slips[0]), facts(slips[1]));
    const without = scorePair(facts(slips[0], { address: null, city: null }), facts(slips[1]));
    expect(withAddress.reasons.name).toBeLessThan(DEFAULT_THRESHOLD);
    expect(withAddress.reasons.name).toBeGreaterThan(0.85);
    expect(withAddress.score).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(without.score).toBeLessThan(DEFAULT_THRESHOLD);
  });

  it('keeps apart companies with alike names: another word, another country, another address', () => {
    const unknown = { address: null, city: null };
    const trans = scorePair(facts('Adria Trade DOO', unknown), facts('Adria Trans DOO', unknown));
    expect(trans.reasons.name).toBeGreaterThan(0.85);
    expect(trans.score).toBeLessThan(DEFAULT_THRESHOLD);
    const abroad = scorePair(facts('Adria Trade DOO'), facts('Adria Trade GmbH', { address: 'Hafenstraße 3', city: 'Hamburg', country: 'DE' }));
    expect(abroad.reasons).toMatchObject({ name: 1, country: false, address: false });
    expect(abroad.score).toBeLessThan(0.6);
    // The same name at another address in the same country is a namesake, even with a look-alike mailbox.
    const elsewhere = { address: 'Knez Mihailova 3', city: 'Beograd' };
    const namesake = scorePair(
      facts('Adria Trade DOO', { emails: ['info@adriatrade.rs'] }),
      facts('Adria Trade d.o.o.', { ...elsewhere, emails: ['INFO@adriatrade.rs'] }),
    );
    expect(namesake.reasons).toMatchObject({ name: 1, email: true, address: false });
    expect(namesake.score).toBeLessThan(DEFAULT_THRESHOLD);
  });

  it('takes a shared phone and e-mail as strong evidence, but never for unlike names', () => {
    const contacts = { phones: ['+381 11 222 3333'], emails: ['office@adria.rs'] };
    const moved = scorePair(facts('Adria Trade DOO', contacts), facts('Adria Trade', { address: 'Knez Mihailova 3', city: 'Beograd', ...contacts }));
    expect(moved.reasons).toMatchObject({ phone: true, email: true, address: false });
    expect(moved.score).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    // A phone written another way (with the country code) is the same phone.
    const typo = scorePair(
      facts('Adira Trdae DOO', { address: null, phones: ['011 222 3333'] }),
      facts('Adria Trade DOO', { address: null, phones: ['+381 11 222 3333'] }),
    );
    expect(typo.reasons.phone).toBe(true);
    expect(typo.score).toBeGreaterThan(scorePair(facts('Adira Trdae DOO', { address: null }), facts('Adria Trade DOO', { address: null })).score);
    // One address, one phone, one mailbox, two names: a link for the chart, not one party.
    const other = scorePair(facts('Sava Logistic DOO', contacts), facts('Morava Cargo DOO', contacts));
    expect(other.score).toBe(0);
  });

  it('compares persons with persons and companies with companies; a party of unknown kind with either', () => {
    const person = facts('Ivan Petrović', { kind: 'person' });
    expect(scorePair(person, facts('Ivan Petrovic')).score).toBe(0);
    expect(scorePair(person, facts('IVAN PETROVIC', { kind: 'unknown' })).score).toBe(1);
  });

  it('scores a pair the same both ways round', () => {
    const names = ['Adira Trdae DOO', 'Adria Trade DOO', 'Trade Adria', 'Адриа Траде', 'Euro Trans Cargo', 'Eurotrans Cargo LLC'];
    for (const a of names) for (const b of names) expect(scorePair(facts(a), facts(b)).score).toBe(scorePair(facts(b), facts(a)).score);
  });
});

describe('finding, deciding and merging on a workspace', () => {
  let t: TestCore;
  let db: Db;
  const id: Record<string, number> = {};

  const party = (
    key: string,
    kind: string,
    name: string,
    p: { address?: string; city?: string; country?: string | null; phones?: string[]; emails?: string[] },
  ) => {
    id[key] = Number(
      db
        .prepare('INSERT INTO party (kind, name, name_norm, address, city, country, phones, emails) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(
          kind,
          name,
          name.toLowerCase(),
          p.address ?? null,
          p.city ?? null,
          p.country ?? null,
          JSON.stringify(p.phones ?? []),
          JSON.stringify(p.emails ?? []),
        ).lastInsertRowid,
    );
  };
  const shipments = (key: string, count: number) => {
    for (let k = 0; k < count; k++) {
      const sid = db.prepare(`INSERT INTO shipment (mode, doc_type, doc_number) VALUES ('sea', 'BL', ?)`).run(`${key}-${k}`).lastInsertRowid;
      db.prepare(`INSERT INTO shipment_party (shipment_id, party_id, role) VALUES (?, ?, 'consignee')`).run(sid, id[key]);
    }
  };
  const pairOf = (x: string, y: string) => [id[x]!, id[y]!].sort((a, b) => a - b).join('-');
  const pairs = () => new Set((db.prepare('SELECT a, b FROM party_match').all() as { a: number; b: number }[]).map((m) => `${m.a}-${m.b}`));
  const matchId = (x: string, y: string) => {
    const [a, b] = [id[x]!, id[y]!].sort((p, q) => p - q);
    return db.prepare('SELECT id FROM party_match WHERE a = ? AND b = ?').pluck().get(a, b) as number;
  };
  const merges = () =>
    Object.fromEntries(
      (db.prepare('SELECT party_id, into_id FROM party_merge').all() as { party_id: number; into_id: number }[]).map((r) => [r.party_id, r.into_id]),
    );

  const X = { address: 'Bulevar Oslobođenja 12', city: 'Novi Sad', country: 'RS' };
  const Z = { address: 'Njegoševa 40', city: 'Podgorica', country: 'ME' };
  const DUBAI = { address: 'Jebel Ali Free Zone 115', city: 'Dubai' };

  beforeAll(async () => {
    t = testCore();
    await t.core.workspace.create({ dir: join(t.root, 'ws'), name: 'resolution', passphrase: PASSPHRASE });
    db = t.core.workspace.db();
    db.transaction(() => {
      party('balkan', 'company', 'Balkan Impex d.o.o.', { ...X, phones: ['+381 21 555 0101'] });
      party('балкан', 'company', 'Балкан Импекс ДОО', X);
      party('namesake', 'company', 'Balkan Impex DOO', { address: 'Knez Mihailova 3', city: 'Beograd', country: 'RS' });
      party('tarde', 'company', 'Adria Tarde DOO', Z);
      party('trade', 'company', 'Adria Trade D.O.O.', Z);
      party('gmbh', 'company', 'Adria Trade GmbH', { address: 'Hafenstraße 3', city: 'Hamburg', country: 'DE' });
      party('llc', 'company', 'Euro Cargo LLC', { ...DUBAI, country: 'AE', phones: ['+971 4 555 0199'], emails: ['ops@eurocargo.ae'] });
      party('nocountry', 'company', 'Euro Cargo L.L.C.', { phones: ['+971 4 555 0199'] });
      party('fze', 'company', 'Euro Cargo FZE', { ...DUBAI, country: 'XK', phones: ['00971 4 555 0199'], emails: ['OPS@eurocargo.ae'] });
      party('person', 'person', 'Ivan Petrović', X);
      party('company', 'company', 'Ivan Petrovic', X);
      party('sava', 'company', 'Sava Logistic DOO', { ...X, phones: ['+381 21 555 0101'] });
      shipments('балкан', 3);
      shipments('balkan', 1);
      shipments('fze', 2);
      catchUp(db);
    })();
  });
  afterAll(() => t.dispose());

  it('finds exactly the known pairs, through names and through shared contacts across countries', () => {
    const steps: string[] = [];
    const r = findCandidates(db, { actor: 'analyst', onProgress: (_d, _t, phase) => void (steps.includes(phase) || steps.push(phase)) });
    expect(r.parties).toBe(12);
    expect(r.candidates).toBe(5);
    expect(pairs()).toEqual(
      new Set([pairOf('balkan', 'балкан'), pairOf('tarde', 'trade'), pairOf('llc', 'nocountry'), pairOf('llc', 'fze'), pairOf('nocountry', 'fze')]),
    );
    // Blocking: far fewer pairs compared than all 66.
    expect(r.compared).toBeLessThan(30);
    expect(steps).toContain('reading parties');
    expect(steps.at(-1)).toBe('writing candidates');
    const audit = db.prepare(`SELECT details FROM audit_log WHERE action = 'graph.match.find'`).pluck().all() as string[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!)).toMatchObject({ parties: 12, candidates: 5 });
  });

  it('lists candidates best first with the shipments of each party', () => {
    const { matches, total } = listMatches(db, { status: 'open', offset: 0, limit: 10 });
    expect(total).toBe(5);
    expect(matches.map((m) => m.score)).toEqual([...matches.map((m) => m.score)].sort((a, b) => b - a));
    const m = matches.find((x) => x.a.id === id['balkan'] && x.b.id === id['балкан'])!;
    expect(m).toMatchObject({
      status: 'open',
      decidedBy: null,
      a: { shipments: 1, country: 'RS', address: 'Bulevar Oslobođenja 12, Novi Sad' },
      b: { shipments: 3 },
    });
    expect(m.reasons).toMatchObject({ name: 1, address: true, country: true });
    const fze = matches.find((x) => x.a.id === id['llc'] && x.b.id === id['fze'])!;
    expect(fze.reasons).toMatchObject({ country: false, phone: true, email: true });
    expect(listMatches(db, { offset: 1, limit: 2 }).matches).toHaveLength(2);
    expect(listMatches(db, { offset: 0, limit: 10, minScore: 0.99 }).total).toBeLessThan(5);
    expect(listMatches(db, { status: 'accepted', offset: 0, limit: 10 }).total).toBe(0);
  });

  it('merges on acceptance into the party with the most shipments, and undoes exactly that merge', () => {
    const mid = matchId('balkan', 'балкан');
    const accepted = decideMatch(db, mid, 'accepted', 'analyst');
    expect(accepted).toMatchObject({ status: 'accepted', decidedBy: 'analyst' });
    expect(merges()).toEqual({ [id['balkan']!]: id['балкан'] });
    expect(db.prepare('SELECT match_id, merged_by FROM party_merge WHERE party_id = ?').get(id['balkan'])).toEqual({ match_id: mid, merged_by: 'analyst' });
    const canon = canonicalIds(db, [id['balkan']!, id['балкан']!, id['namesake']!]);
    expect([...canon.values()]).toEqual([id['балкан'], id['балкан'], id['namesake']]);
    expect(mergedMembers(db, id['балкан']!)).toEqual([id['balkan']]);
    // The party rows keep their own values.
    expect(db.prepare('SELECT name FROM party WHERE id = ?').pluck().get(id['balkan'])).toBe('Balkan Impex d.o.o.');

    decideMatch(db, mid, 'open', 'analyst');
    expect(merges()).toEqual({});
    expect(canonicalIds(db, [id['balkan']!]).get(id['balkan']!)).toBe(id['balkan']);
    const reopened = listMatches(db, { status: 'open', offset: 0, limit: 10 }).matches.find((m) => m.id === mid)!;
    expect(reopened).toMatchObject({ decidedBy: null, decidedAt: null });
    const audit = db.prepare(`SELECT entity_id, details FROM audit_log WHERE action = 'graph.match.decide' ORDER BY seq`).all() as {
      entity_id: string;
      details: string;
    }[];
    expect(audit.map((a) => JSON.parse(a.details) as Record<string, unknown>)).toEqual([
      { a: id['balkan'], b: id['балкан'], from: 'open', to: 'accepted', merged: [id['balkan']], unmerged: [] },
      { a: id['balkan'], b: id['балкан'], from: 'accepted', to: 'open', merged: [], unmerged: [id['balkan']] },
    ]);
    expect(audit[0]!.details).not.toMatch(/Balkan|Импекс/);
  });

  it('merges components transitively and recomputes them when one link is taken back', () => {
    decideMatch(db, matchId('llc', 'nocountry'), 'accepted', 'analyst');
    expect(merges()).toEqual({ [id['nocountry']!]: id['llc'] }); // no shipments either side: the lower id
    decideMatch(db, matchId('nocountry', 'fze'), 'accepted', 'analyst');
    // fze has the most shipments: the whole component is seen as it.
    expect(merges()).toEqual({ [id['llc']!]: id['fze'], [id['nocountry']!]: id['fze'] });
    expect(mergedMembers(db, id['fze']!)).toEqual([id['llc'], id['nocountry']].sort((a, b) => a! - b!));
    decideMatch(db, matchId('nocountry', 'fze'), 'rejected', 'analyst');
    expect(merges()).toEqual({ [id['nocountry']!]: id['llc'] });
    decideMatch(db, matchId('llc', 'fze'), 'accepted', 'analyst');
    expect(merges()).toEqual({ [id['llc']!]: id['fze'], [id['nocountry']!]: id['fze'] });
    const decided = decideMatch(db, matchId('llc', 'fze'), 'accepted', 'someone else');
    expect(decided.decidedBy).toBe('analyst');
  });

  it('leaves decided pairs alone on a new search, rescores open ones, drops those that no longer qualify', () => {
    const before = pairs();
    const open = matchId('balkan', 'балкан');
    db.prepare('UPDATE party_match SET score = 0.5 WHERE id = ?').run(open);
    db.prepare('UPDATE party SET address = ? WHERE id = ?').run('Bulevar Kralja Aleksandra 7', id['trade']);
    const r = findCandidates(db, { actor: 'analyst' });
    expect(r.candidates).toBe(4);
    expect(db.prepare('SELECT score FROM party_match WHERE id = ?').pluck().get(open)).toBe(1);
    const statuses = (db.prepare('SELECT a, b, status FROM party_match').all() as { a: number; b: number; status: string }[]).map(
      (m) => `${m.a}-${m.b} ${m.status}`,
    );
    expect(statuses.sort()).toEqual(
      [
        `${pairOf('balkan', 'балкан')} open`,
        `${pairOf('llc', 'nocountry')} accepted`,
        `${pairOf('llc', 'fze')} accepted`,
        `${pairOf('nocountry', 'fze')} rejected`,
      ].sort(),
    );
    expect(before.has(pairOf('tarde', 'trade'))).toBe(true);
  });

  it('does not offer a pair already merged through others', () => {
    decideMatch(db, matchId('nocountry', 'fze'), 'accepted', 'analyst');
    db.prepare('DELETE FROM party_match WHERE id = ?').run(matchId('llc', 'fze'));
    expect(merges()).toEqual({ [id['llc']!]: id['fze'], [id['nocountry']!]: id['fze'] });
    findCandidates(db, { actor: 'analyst' });
    expect(pairs().has(pairOf('llc', 'fze'))).toBe(false);
  });

  it('refuses an unknown pair with GRAPH_MATCH_NOT_FOUND', () => {
    let error: unknown;
    try {
      decideMatch(db, 999_999, 'accepted', 'analyst');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('GRAPH_MATCH_NOT_FOUND');
  });

  it('stops when asked, writing nothing', () => {
    db.prepare('DELETE FROM party_match WHERE status = ?').run('open');
    const count = () => db.prepare('SELECT count(*) FROM party_match').pluck().get() as number;
    const before = count();
    expect(() => findCandidates(db, { actor: 'analyst', shouldStop: () => true })).toThrow(expect.objectContaining({ code: 'JOB_CANCELLED' }) as Error);
    // Thrown from the last report before anything is written.
    const stop = (_done: number, _total: number, phase: string) => {
      if (phase === 'writing candidates') throw new Error('stopped by the user');
    };
    expect(() => findCandidates(db, { actor: 'analyst', onProgress: stop })).toThrow('stopped by the user');
    expect(count()).toBe(before);
  });
});

describe('against the generator’s ground truth', () => {
  let t: TestCore;
  afterAll(() => t.dispose());

  it('finds the written forms of one company at the default threshold: precision ≥ 0.95, recall ≥ 0.90', async () => {
    t = testCore();
    await t.core.workspace.create({ dir: join(t.root, 'ws'), name: 'resolution truth', passphrase: PASSPHRASE });
    const db = t.core.workspace.db();
    const params = { ...DEFAULT_PARAMS, seed: 31, shipments: 24_000, passengers: 0 };
    const scenario = generateScenario(params);
    writeScenario(db, params, scenario.items);
    // A row's generator key ends its provenance ("generator seed=31 party P17").
    const truthByKey = new Map(scenario.answerKey.parties.flatMap((p) => p.variants.map((v) => [v.key, p.truthId] as const)));
    const truthOf = new Map<number, string>();
    for (const r of db.prepare('SELECT id, source_ref FROM party').all() as { id: number; source_ref: string }[]) {
      const truth = truthByKey.get(r.source_ref.split(' ').at(-1)!);
      if (truth) truthOf.set(r.id, truth);
    }
    let truePairs = 0;
    for (const p of scenario.answerKey.parties) truePairs += (p.variants.length * (p.variants.length - 1)) / 2;
    expect(truePairs).toBeGreaterThan(150);

    const r = findCandidates(db, { actor: 'test' });
    expect(r.compared).toBeLessThan((r.parties * (r.parties - 1)) / 2 / 100);
    const found = db.prepare('SELECT a, b FROM party_match WHERE score >= ?').all(DEFAULT_THRESHOLD) as { a: number; b: number }[];
    const right = found.filter((m) => truthOf.get(m.a) !== undefined && truthOf.get(m.a) === truthOf.get(m.b)).length;
    const precision = right / found.length;
    const recall = right / truePairs;
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  }, 120_000);
});
