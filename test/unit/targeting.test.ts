// Targeting: the rule language (text form both ways, every operator), the indicators on generated and
// hand-made records, lanes and the random selection, scoring runs and the review queue, profile versions,
// statistics and backtests — on a real workspace.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeName } from '../../shared/domain/names.ts';
import { checkCondition, parseCondition, printCondition, RuleSyntaxError } from '../../shared/domain/rule-text.ts';
import { draftOf, FIELDS, INDICATORS, laneOf, type Condition, type ProfileDraft } from '../../shared/domain/targeting.ts';
import { DEFAULT_PARAMS, generateScenario } from '../../electron/core/generator/scenario.ts';
import { writeScenario } from '../../electron/core/generator/workspace-writer.ts';
import { compile, WatchIndex, type CompileContext } from '../../electron/core/targeting/compile.ts';
import { backtest, loadRuleSet, lowerScoringWatermarks, runScoring } from '../../electron/core/targeting/engine.ts';
import { PassengerFacts, ShipmentFacts, updateBands, updateHistory, type Facts } from '../../electron/core/targeting/facts.ts';
import { decide, hit, profileStats, queue, recordOutcome } from '../../electron/core/targeting/review.ts';
import { changeSummary, TargetingStore } from '../../electron/core/targeting/store.ts';
import type { Db } from '../../electron/core/workspace/database.ts';
import { catchUp, lowerDerivedWatermarks } from '../../electron/core/workspace/derived.ts';
import { PASSPHRASE, testCore, type TestCore } from './helpers/workspace.ts';
import { Rng } from '../../electron/core/generator/rng.ts';

/** Seeded draws in [0, 1): the same every run (the generator's own generator). */
function seeded(seed: number): () => number {
  const rng = new Rng(seed);
  return () => rng.float();
}

describe('rule text form', () => {
  const texts = [
    'indicator risk_hub',
    'consignee.ageDays <= 30 and (indicator risk_hub or placeLoading in ["ECGYE", "COCTG"])',
    'not goods contains "banana" and grossWeightKg between 1000 .. 5000',
    'watchlist "Companies of interest" matches consignee.name',
    'arrivalDate within 2026-01-01 .. * or originCountry in list "High-risk origins"',
    'vessel.imo is missing and docValid = false and mode = "sea"',
    'not (indicator one_way or indicator short_stay) and bags >= 1',
    'goods matches "^(chemical|solvent)" and hs4 in ["2914", 2915]',
    'kgPerPackage <= 2.5 or kgPerPackage >= 100 or packages between 1 .. 3',
  ];
  it.each(texts)('reads and prints back: %s', (text) => {
    const c = parseCondition(text);
    expect(printCondition(c)).toBe(text);
    expect(parseCondition(printCondition(c))).toEqual(c);
  });

  it('flattens nested groups of the same kind and keeps "and" tighter than "or"', () => {
    expect(parseCondition('indicator a and indicator b or indicator c and (indicator d and indicator e)')).toEqual({
      any: [{ all: [{ indicator: 'a' }, { indicator: 'b' }] }, { all: [{ indicator: 'c' }, { indicator: 'd' }, { indicator: 'e' }] }],
    });
    expect(printCondition({ all: [{ any: [{ indicator: 'a' }, { indicator: 'b' }] }, { not: { all: [{ indicator: 'c' }, { indicator: 'd' }] } }] })).toBe(
      '(indicator a or indicator b) and not (indicator c and indicator d)',
    );
  });

  it.each([
    ['', 0, /empty/],
    ['mode = ', 6, /value/],
    ['goods contains "banana', 15, /not closed/],
    ['mode in ["sea" "air"]', 15, /","|"]"/],
    ['grossWeightKg > 5', 16, />= or <=/],
    ['goods matches "(unclosed"', 14, /regular expression/],
    ['indicator risk_hub risk_origin', 19, /Unexpected text/],
    ['mode ~ "sea"', 5, /Unexpected character/],
  ])('refuses "%s" at offset %i', (text, offset, message) => {
    let error: unknown;
    try {
      parseCondition(text);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(RuleSyntaxError);
    expect((error as RuleSyntaxError).offset).toBe(offset);
    expect((error as Error).message).toMatch(message);
  });

  it('finds unknown fields, indicators, lists and watchlists, and misfit comparisons', () => {
    const known = { lists: ['High-risk hubs'], watchlists: ['Companies of interest'] };
    const problems = checkCondition(
      parseCondition(
        'colour = "red" and indicator nope and indicator one_way and mode in list "Nope" and watchlist "Nope" matches consignee.name and goods between 1 .. 2 and mode within 2026-01-01 .. *',
      ),
      'shipment',
      known,
    );
    expect(problems).toEqual([
      'There is no field "colour" for shipments.',
      'There is no indicator "nope".',
      'The indicator "one_way" is about passengers.',
      'There is no reference list "Nope".',
      'There is no watchlist "Nope".',
      '"goods" is not a number.',
      '"mode" is not a date.',
    ]);
    expect(checkCondition(parseCondition('indicator risk_hub and placeLoading in list "High-risk hubs"'), 'shipment', known)).toEqual([]);
  });

  it('documents every field and indicator', () => {
    for (const f of FIELDS) expect(f.doc.length, f.id).toBeGreaterThan(5);
    for (const i of INDICATORS) expect(i.doc.length, i.id).toBeGreaterThan(20);
    expect(new Set(INDICATORS.map((i) => i.id)).size).toBe(INDICATORS.length);
  });
});

describe('operators', () => {
  const ctx: CompileContext = {
    lists: new Map([['Hubs', ['paonx', 'ESALG']]]),
    watchlists: new Map([
      ['Firms', new WatchIndex({ name: 'Firms', kind: 'party', threshold: 0.9, entries: ['Balkan Impex DOO', 'Жарковић Експорт'] })],
      ['Phones', new WatchIndex({ name: 'Phones', kind: 'phone', threshold: 1, entries: ['+381 64 123 4567'] })],
    ]),
  };
  const facts: Facts = {
    mode: 'sea',
    goods: 'fresh bananas',
    grossWeightKg: 12000,
    transshipments: ['PAONX', 'NLRTM'],
    hubDwellHours: [10, 300],
    arrivalDate: '2026-11-20',
    'consignee.name': normalizeName('BALKAN IMPEKS d.o.o.'),
    'shipper.name': 'zarkovic eksport',
    phones: ['064/123-4567'],
    'vessel.imo': null,
    containers: [],
    docValid: false,
    'indicator.risk_hub': true,
    'indicator.one_way': false,
  };
  const t = (text: string) => compile(parseCondition(text), ctx)(facts);

  it.each([
    ['mode = "SEA"', true],
    ['mode = "air"', false],
    ['docValid = false', true],
    ['mode in ["air", "sea"]', true],
    ['transshipments in ["NLRTM"]', true],
    ['transshipments in ["DEHAM"]', false],
    ['transshipments in list "Hubs"', true],
    ['placeLoading in list "Hubs"', false],
    ['goods contains "BANANA"', true],
    ['goods contains "apple"', false],
    ['goods matches "^fresh (banana|avocado)s?$"', true],
    ['goods matches "^banana"', false],
    ['grossWeightKg between 10000 .. 12000', true],
    ['grossWeightKg >= 12001', false],
    ['hubDwellHours <= 24', true],
    ['hubDwellHours between 30 .. 200', false],
    ['arrivalDate within 2026-11-20 .. 2026-11-20', true],
    ['arrivalDate within * .. 2026-11-19', false],
    ['vessel.imo is missing and containers is missing', true],
    ['goods is missing', false],
    ['indicator risk_hub and not indicator one_way', true],
    ['indicator one_way or indicator nonexistent', false],
    ['watchlist "Firms" matches consignee.name', true],
    ['watchlist "Firms" matches shipper.name', true],
    ['watchlist "Phones" matches phones', true],
    ['watchlist "Firms" matches goods', false],
    ['watchlist "Unknown" matches consignee.name', false],
  ])('%s → %s', (text, expected) => {
    expect(t(text)).toBe(expected);
  });

  it('a watchlist match says which entry, how close and why', () => {
    const m = ctx.watchlists.get('Firms')!.match('zarkovic eksport')!;
    expect(m).toMatchObject({ list: 'Firms', entry: 'Жарковић Експорт' });
    expect(m.score).toBeGreaterThanOrEqual(0.9);
    expect(ctx.watchlists.get('Firms')!.match('Adriatic Shipping')).toBeNull();
  });

  it('lanes follow the thresholds', () => {
    const c = { red: 60, yellow: 40, blue: 25 };
    expect([75, 60, 59, 40, 39, 25, 24, 0, -10].map((s) => laneOf(s, c))).toEqual([
      'red',
      'red',
      'yellow',
      'yellow',
      'blue',
      'blue',
      'green',
      'green',
      'green',
    ]);
  });
});

describe('scoring a workspace', () => {
  let t: TestCore;
  let db: Db;
  let store: TargetingStore;
  const params = { ...DEFAULT_PARAMS, seed: 21, shipments: 2500, passengers: 800, rate: 0.02 };
  const scenario = generateScenario(params);

  beforeAll(async () => {
    t = testCore();
    await t.core.workspace.create({ dir: join(t.root, 'ws'), name: 'targeting', passphrase: PASSPHRASE });
    db = t.core.workspace.db();
    writeScenario(db, params, scenario.items);
    store = new TargetingStore(() => db);
  });
  afterAll(() => t.dispose());

  const shipmentId = (doc: string) => (db.prepare('SELECT id FROM shipment WHERE doc_number = ?').get(doc) as { id: number }).id;
  const passengerId = (doc: string) => (db.prepare('SELECT id FROM passenger WHERE doc_number = ?').get(doc) as { id: number }).id;
  const shipmentFacts = (id: number, events = true) => {
    const reader = new ShipmentFacts(db, store.referenceLists(), { events });
    return reader.read(id, id + 1)[0]!.facts;
  };
  const schemeIds = (scheme: keyof typeof scenario.answerKey.schemes) =>
    scenario.answerKey.schemes[scheme].records.flatMap((r) => (r.kind === 'shipment' ? [shipmentId(r.docNumber)] : []));

  it('starts with the shipped lists, watchlists, controls and profiles, all of them valid', () => {
    expect(store.lists().map((l) => l.name)).toContain('High-risk hubs');
    expect(store.watchlists().map((w) => w.name)).toContain('Companies of interest');
    expect(store.controls()).toEqual([expect.objectContaining({ office: '*', red: 60, yellow: 45, blue: 25, randomRate: 0.01 })]);
    const profiles = store.profiles();
    expect(profiles.length).toBeGreaterThanOrEqual(4);
    for (const p of profiles) expect(store.check(p), p.name).toEqual([]);
  });

  it('derives the schemes’ indicators from the records alone', () => {
    db.transaction(() => {
      updateHistory(db, 0);
      updateBands(db);
    })();
    for (const id of schemeIds('rip_on_rip_off')) {
      const f = shipmentFacts(id);
      expect(f['indicator.seal_changed'], `shipment ${id}`).toBe(true);
      expect(f['indicator.risk_hub']).toBe(true);
      expect(f['indicator.unusual_dwell']).toBe(true);
    }
    for (const id of schemeIds('precursors')) expect(shipmentFacts(id)['indicator.vague_goods']).toBe(true);
    for (const id of schemeIds('cigarettes_underdeclared')) expect(shipmentFacts(id)['indicator.weight_band']).toBe(true);
    for (const id of schemeIds('front_company')) {
      const f = shipmentFacts(id);
      expect(f['indicator.forwarder_address'] || f['indicator.recently_registered']).toBe(true);
    }
    for (const id of schemeIds('counterfeit_medicines')) {
      const f = shipmentFacts(id);
      expect(f['originCountry']).toMatch(/^(IN|CN)$/);
      expect(f['indicator.value_band']).toBe(true);
    }
    const couriers = scenario.answerKey.schemes.air_couriers.records.flatMap((r) => (r.kind === 'passenger' ? [passengerId(r.docNumber)] : []));
    expect(couriers.length).toBeGreaterThan(0);
    const reader = new PassengerFacts(db, store.referenceLists());
    for (const id of couriers) {
      const f = reader.read(id, id + 1)[0]!.facts;
      expect(f['indicator.cash_payment']).toBe(true);
      expect(f['indicator.late_booking']).toBe(true);
      expect(f['indicator.source_itinerary']).toBe(true);
    }
  });

  it('every indicator fires on some records and not on all (the rarer ones are made below)', () => {
    const ships = new ShipmentFacts(db, store.referenceLists(), { events: true }).read(1, 1_000_000);
    const pax = new PassengerFacts(db, store.referenceLists()).read(1, 1_000_000);
    const made = new Set(['invalid_container', 'invalid_imo', 'invalid_awb', 'cash_prepaid', 'short_notice_booking', 'hs_mismatch']);
    for (const ind of INDICATORS) {
      const records = ind.entity === 'shipment' ? ships : pax;
      const n = records.filter((r) => r.facts[`indicator.${ind.id}`] === true).length;
      // The scenario spans 14 days: every party in it is first seen within 30 days.
      if (ind.id !== 'new_consignee' && ind.id !== 'new_shipper') expect(n, ind.id).toBeLessThan(records.length);
      if (!made.has(ind.id)) expect(n, ind.id).toBeGreaterThan(0);
    }
    // First seen: a consignee's age is counted from its first shipment, and its first pair is flagged.
    const young = ships.find((r) => r.facts['consignee.ageDays'] === 0)!;
    expect(young.facts['indicator.new_consignee']).toBe(true);
    expect(ships.some((r) => r.facts['indicator.first_pair'] === true && r.facts['pair.shipments'] === 1)).toBe(true);
  });

  it('derives the identifier, freight, booking and description indicators', () => {
    const id = (db.prepare(`SELECT s.id FROM shipment s WHERE mode = 'sea' AND conveyance_id IS NOT NULL ORDER BY id LIMIT 1`).get() as { id: number }).id;
    const before = shipmentFacts(id);
    expect(before['indicator.invalid_container']).toBe(false);
    db.exec('SAVEPOINT ind');
    try {
      db.prepare(`UPDATE container SET number_valid = 0 WHERE id IN (SELECT container_id FROM shipment_container WHERE shipment_id = ?)`).run(id);
      db.prepare(`UPDATE conveyance SET imo_valid = 0 WHERE id = (SELECT conveyance_id FROM shipment WHERE id = ?)`).run(id);
      db.prepare(
        `UPDATE shipment SET freight_terms = 'PREPAID CASH', booking_date = '2026-11-10', departure_date = '2026-11-11', goods_description = 'FRESH BANANAS', hs_codes = '["847130"]' WHERE id = ?`,
      ).run(id);
      const f = shipmentFacts(id);
      expect(f).toMatchObject({
        'indicator.invalid_container': true,
        'indicator.invalid_imo': true,
        'indicator.cash_prepaid': true,
        'indicator.short_notice_booking': true,
        'indicator.hs_mismatch': true,
        bookingLeadDays: 1,
      });
      db.prepare(`UPDATE shipment SET goods_description = 'GENERAL CARGO' WHERE id = ?`).run(id);
      expect(shipmentFacts(id)['indicator.vague_goods']).toBe(true);
      const awb = (db.prepare(`SELECT id FROM shipment WHERE doc_type = 'AWB' LIMIT 1`).get() as { id: number }).id;
      db.prepare('UPDATE shipment SET doc_valid = 0 WHERE id = ?').run(awb);
      expect(shipmentFacts(awb)['indicator.invalid_awb']).toBe(true);
    } finally {
      db.exec('ROLLBACK TO ind; RELEASE ind');
    }
  });

  it('reads a passenger’s trip: one way or back, stay, bags, companions', () => {
    const reader = new PassengerFacts(db, store.referenceLists());
    const all = reader.read(1, 1_000_000);
    const back = all.find((r) => typeof r.facts['stayDays'] === 'number')!;
    expect(back.facts['indicator.one_way']).toBe(false);
    expect(back.facts['indicator.short_stay']).toBe((back.facts['stayDays'] as number) <= 3);
    const group = all.find((r) => (r.facts['companions'] as number) > 0)!;
    expect(group.facts['indicator.companions_linked']).toBe(true);
    for (const r of all)
      expect(r.facts['indicator.no_bags_long_trip']).toBe(
        r.facts['bags'] === 0 && ((r.facts['tripHours'] as number) >= 6 || (r.facts['stayDays'] as number) >= 5),
      );
  });

  it('selects at random the share of the green lane its control asks for, within tolerance, over many runs', () => {
    store.saveControl({ office: '*', red: 60, yellow: 45, blue: 25, randomRate: 0.05, expected: { red: 0.02, yellow: 0.03, blue: 0.05 } }, 'test');
    const rates: number[] = [];
    for (let seed = 1; seed <= 8; seed++) {
      // No profile: every record is green, then drawn.
      const r = runScoring(db, { actor: 'test', full: true, only: [], random: seeded(seed) });
      expect(r.scored).toBe(params.shipments + params.passengers);
      rates.push(r.lanes.red / r.scored);
    }
    const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
    const n = params.shipments + params.passengers;
    // Four standard errors of the mean of eight runs.
    expect(Math.abs(mean - 0.05)).toBeLessThan(4 * Math.sqrt((0.05 * 0.95) / n / 8));
    expect(new Set(rates).size).toBeGreaterThan(1);
    store.saveControl({ office: '*', red: 60, yellow: 45, blue: 25, randomRate: 0.01, expected: { red: 0.02, yellow: 0.03, blue: 0.05 } }, 'test');
  });

  it('scores every record, queues the hits with their explanation, and catches the schemes', () => {
    const r = runScoring(db, { actor: 'test', full: true, random: seeded(5) });
    expect(r.scored).toBe(params.shipments + params.passengers);
    expect(r.lanes.red + r.lanes.yellow + r.lanes.blue + r.lanes.green).toBe(r.scored);
    const q = queue(db, { status: 'open', lane: null, entity: null, limit: 1000, offset: 0 });
    expect(q.total).toBe(r.hits);
    expect(q.hits[0]!.lane).toBe('red');
    const top = hit(db, q.hits[0]!.id);
    expect(top.explanation.rules.length).toBeGreaterThan(0);
    expect(top.explanation.rules[0]!.values.length).toBeGreaterThan(0);
    expect(top.score).toBe(top.explanation.rules.reduce((n, x) => n + x.weight, 0));
    const selected = new Set(
      (db.prepare(`SELECT entity || ':' || entity_id AS k FROM target_hit WHERE lane IN ('red', 'yellow')`).pluck().all() as string[]).map(String),
    );
    const schemes = ['rip_on_rip_off', 'precursors', 'cigarettes_underdeclared', 'counterfeit_medicines'] as const;
    for (const s of schemes) {
      const ids = schemeIds(s);
      const caught = ids.filter((id) => selected.has(`shipment:${id}`)).length;
      expect(caught / ids.length, s).toBeGreaterThanOrEqual(0.8);
    }
    expect(r.lanes.red + r.lanes.yellow).toBeLessThan(0.08 * r.scored);
    const audit = db.prepare(`SELECT action FROM audit_log WHERE action = 'target.score'`).all();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('needs a person’s decision for every hit, records outcomes and seizures, and counts them per rule', () => {
    const [a, b, c] = queue(db, { status: 'open', lane: 'red', entity: 'shipment', limit: 3, offset: 0 }).hits;
    expect(() => decide(db, { hitId: a!.id, decision: 'dismiss', reason: ' ', actor: 'analyst' })).toThrowError(
      expect.objectContaining({ code: 'TARGETING_DECISION_REFUSED' }),
    );
    expect(() => recordOutcome(db, { hitId: a!.id, outcome: 'negative', seizure: null, actor: 'analyst' })).toThrowError(
      expect.objectContaining({ code: 'TARGETING_DECISION_REFUSED' }),
    );
    decide(db, { hitId: a!.id, decision: 'inspect', reason: '', actor: 'analyst' });
    expect(() => decide(db, { hitId: a!.id, decision: 'dismiss', reason: 'twice', actor: 'other' })).toThrowError(
      expect.objectContaining({ code: 'TARGETING_DECISION_REFUSED' }),
    );
    expect(() => recordOutcome(db, { hitId: a!.id, outcome: 'positive', seizure: null, actor: 'analyst' })).toThrowError(
      expect.objectContaining({ code: 'TARGETING_DECISION_REFUSED' }),
    );
    const done = recordOutcome(db, {
      hitId: a!.id,
      outcome: 'positive',
      seizure: {
        category: 'drugs',
        commodity: 'cocaine',
        quantity: 42.5,
        unit: 'kg',
        concealment: 'rip_on_rip_off',
        detection: 'risk_profile',
        place: 'MEBAR',
        date: '2026-11-25',
        notes: '',
      },
      actor: 'analyst',
    });
    expect(done).toMatchObject({ status: 'decided', decision: 'inspect', outcome: 'positive', decidedBy: 'analyst' });
    expect(done.seizures).toEqual([expect.objectContaining({ commodity: 'cocaine', quantity: 42.5, unit: 'kg', createdBy: 'analyst' })]);
    decide(db, { hitId: b!.id, decision: 'documents', reason: '', actor: 'analyst' });
    recordOutcome(db, { hitId: b!.id, outcome: 'negative', seizure: null, actor: 'analyst' });
    decide(db, { hitId: c!.id, decision: 'dismiss', reason: 'known regular importer', actor: 'analyst' });
    expect(() => recordOutcome(db, { hitId: c!.id, outcome: 'negative', seizure: null, actor: 'analyst' })).toThrowError(
      expect.objectContaining({ code: 'TARGETING_DECISION_REFUSED' }),
    );
    const audit = (db.prepare(`SELECT action FROM audit_log WHERE action IN ('target.decide', 'target.outcome') ORDER BY seq`).pluck().all() as string[]).join(
      ',',
    );
    expect(audit).toBe('target.decide,target.outcome,target.decide,target.outcome,target.decide');

    const stats = profileStats(db);
    const firstRule = hit(db, a!.id).explanation.rules[0]!;
    const p = stats.find((s) => s.profile === firstRule.profile)!;
    expect(p.selected).toBeGreaterThanOrEqual(1);
    expect(p.positive).toBeGreaterThanOrEqual(1);
    expect(p.seizures).toBeGreaterThanOrEqual(1);
    const rs = p.rules.find((x) => x.rule === firstRule.rule)!;
    expect(rs.positive).toBeGreaterThanOrEqual(1);
    expect(rs.hitRate).toBeGreaterThan(0);
  });

  it('keeps decided hits through a rescoring, and drops open hits that turned green', () => {
    const decided = db.prepare(`SELECT id, score, lane, decision FROM target_hit WHERE status = 'decided' ORDER BY id`).all();
    const profile = store.profiles().find((p) => p.name === 'Passengers: couriers')!;
    const before = queue(db, { status: 'open', lane: null, entity: 'passenger', limit: 1000, offset: 0 }).hits.filter((h) => !h.random).length;
    expect(before).toBeGreaterThan(0);
    store.save(profile.id, { ...draftOf(profile), enabled: false }, 'supervisor');
    runScoring(db, { actor: 'test', full: true, random: seeded(9) });
    expect(db.prepare(`SELECT id, score, lane, decision FROM target_hit WHERE status = 'decided' ORDER BY id`).all()).toEqual(decided);
    const after = queue(db, { status: 'open', lane: null, entity: 'passenger', limit: 1000, offset: 0 }).hits;
    expect(after.every((h) => h.random)).toBe(true);
    store.save(profile.id, { ...draftOf(profile), enabled: true }, 'supervisor');
  });

  it('scores only new records incrementally, including rows that reuse the ids of an undone import', () => {
    expect(runScoring(db, { actor: 'test', full: false, random: seeded(3) }).scored).toBe(0);
    db.exec('SAVEPOINT reuse');
    try {
      const top = (db.prepare('SELECT max(id) AS m FROM shipment').get() as { m: number }).m;
      const copy = `INSERT INTO shipment (id, mode, doc_type, doc_number, hs_codes, places_transshipment, flags, arrival_date)
        SELECT ?, mode, doc_type, doc_number || 'X', hs_codes, places_transshipment, flags, arrival_date FROM shipment WHERE id = ?`;
      db.prepare(copy).run(top + 1, top);
      expect(runScoring(db, { actor: 'test', full: false, random: seeded(3) }).scored).toBe(1);
      // Undone (which lowers the watermarks), then written again with the same id: counted and scored again.
      db.prepare('DELETE FROM shipment WHERE id = ?').run(top + 1);
      lowerDerivedWatermarks(db);
      lowerScoringWatermarks(db);
      db.prepare(copy).run(top + 1, top);
      catchUp(db);
      expect(runScoring(db, { actor: 'test', full: false, random: seeded(3) }).scored).toBe(1);
      expect((db.prepare(`SELECT n FROM row_count WHERE tbl = 'shipment'`).get() as { n: number }).n).toBe(
        (db.prepare('SELECT count(*) AS n FROM shipment').get() as { n: number }).n,
      );
    } finally {
      db.exec('ROLLBACK TO reuse; RELEASE reuse');
    }
  });

  it('keeps every version of a profile with who changed what, and refuses rules that name what does not exist', () => {
    const p = store.profiles().find((x) => x.name === 'Sea cargo: cocaine')!;
    const draft: ProfileDraft = {
      ...draftOf(p),
      rules: [
        ...p.rules.map((r) => (r.name === 'Unusual dwell at a hub' ? { ...r, weight: 25 } : r)),
        { name: 'Bananas', description: '', weight: 5, condition: parseCondition('goods contains "banana"') },
      ],
    };
    const saved = store.save(p.id, draft, 'supervisor');
    expect(saved.version).toBe(p.version + 1);
    const history = store.history(p.id);
    expect(history[0]).toMatchObject({ version: saved.version, by: 'supervisor' });
    expect(history[0]!.summary).toContain('rule "Bananas" added (weight 5)');
    expect(history[0]!.summary).toContain('rule "Unusual dwell at a hub" weight 15 → 25');
    expect(store.profile(p.id, p.version).rules.find((r) => r.name === 'Bananas')).toBeUndefined();
    expect(changeSummary(draft, draft)).toBe('Saved without changes.');
    const bad: Condition = { field: 'colour', op: 'equals', value: 'red' };
    expect(() => store.save(p.id, { ...draft, rules: [{ name: 'Bad', description: '', weight: 1, condition: bad }] }, 'x')).toThrowError(
      expect.objectContaining({ code: 'TARGETING_INVALID_RULE' }),
    );
    expect(() => store.save(null, { ...draft, name: 'Air cargo: medicines' }, 'x')).toThrowError(expect.objectContaining({ code: 'TARGETING_INVALID_RULE' }));
  });

  it('backtests a saved version and a draft against the known outcomes', () => {
    const p = store.profiles().find((x) => x.name === 'Sea cargo: cocaine')!;
    const period = { from: params.start, to: '2026-12-31' };
    const saved = backtest(db, p, period);
    expect(saved.records).toBeGreaterThan(0);
    expect(saved.known).toBeGreaterThanOrEqual(1);
    expect(saved.selectionRate).toBeCloseTo(saved.selected / saved.records, 10);
    if (saved.positives > 0 && saved.truePositives > 0) expect(saved.lift).toBeGreaterThan(0);
    // A draft that selects nothing has no precision and no recall to speak of.
    const none = backtest(db, { ...p, version: 'draft', rules: [] }, period);
    expect(none).toMatchObject({ version: 'draft', selected: 0, truePositives: 0, precision: null });
    expect(none.records).toBe(saved.records);
    // A rule set compiled from the workspace reads container events only when a rule needs them.
    expect(loadRuleSet(db).needsEvents).toBe(true);
    expect(loadRuleSet(db, [{ ...p, rules: [] }]).needsEvents).toBe(false);
  });
});
