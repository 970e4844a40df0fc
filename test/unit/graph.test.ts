// Link analysis from SQL (issue 7): the contacts derived by the writers, expanding each kind of node with
// caps and collections, links among a chart's nodes, merged parties seen as one, finding records to start
// from, and saved charts — on a real workspace with a generated scenario.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChartContent, GraphNode } from '../../shared/domain/graph.ts';
import { contactKey } from '../../shared/domain/names.ts';
import { DEFAULT_PARAMS, generateScenario } from '../../electron/core/generator/scenario.ts';
import { writeScenario } from '../../electron/core/generator/workspace-writer.ts';
import { GraphReader, parseNodeId } from '../../electron/core/graph/graph-reader.ts';
import type { Db } from '../../electron/core/workspace/database.ts';
import { PASSPHRASE, testCore, type TestCore } from './helpers/workspace.ts';

describe('contact keys', () => {
  it('compares phones by their last nine digits, e-mails lower-cased, addresses by their words', () => {
    expect(contactKey('phone', '+387 33 123 456')).toBe(contactKey('phone', '00387-33-123456'));
    expect(contactKey('phone', '033 123 456')).toBe('033123456');
    expect(contactKey('phone', '12-34')).toBeNull();
    expect(contactKey('email', ' Info@Example.BA ')).toBe('info@example.ba');
    expect(contactKey('email', 'not an address')).toBeNull();
    expect(contactKey('address', 'Ulica Маршала Тита 12, Sarajevo')).toBe(contactKey('address', 'ulica marsala tita 12 SARAJEVO'));
    expect(contactKey('address', 'n/a')).toBeNull();
    expect(contactKey('payment', 'CC VI 4111 1111 1111 1111')).toBe('4111111111111111');
    expect(contactKey('payment', 'CA')).toBeNull();
  });
});

describe('graph reader', () => {
  let t: TestCore;
  let db: Db;
  let reader: GraphReader;
  const params = { ...DEFAULT_PARAMS, seed: 7, shipments: 3000, passengers: 600, rate: 0.01 };

  beforeAll(async () => {
    t = testCore();
    await t.core.workspace.create({ dir: join(t.root, 'ws'), name: 'graph', passphrase: PASSPHRASE });
    db = t.core.workspace.db();
    writeScenario(db, params, generateScenario(params).items);
    reader = new GraphReader(db);
  });
  afterAll(() => t.dispose());

  const busiest = (role: string) =>
    db.prepare('SELECT party_id FROM shipment_party WHERE role = ? GROUP BY party_id ORDER BY count(*) DESC LIMIT 1').pluck().get(role) as number;

  it('derives the contacts of every party and booking written', () => {
    const parties = db.prepare('SELECT count(*) FROM party').pluck().get() as number;
    const withAddress = db.prepare(`SELECT count(DISTINCT owner_id) FROM graph_contact WHERE owner = 'party' AND kind = 'address'`).pluck().get() as number;
    expect(withAddress).toBeGreaterThan(parties * 0.9);
    const phones = db.prepare(`SELECT count(*) FROM graph_contact WHERE owner = 'party' AND kind = 'phone'`).pluck().get() as number;
    expect(phones).toBeGreaterThan(0);
    const bookingContacts = db.prepare(`SELECT count(*) FROM graph_contact WHERE owner = 'booking'`).pluck().get() as number;
    expect(bookingContacts).toBeGreaterThan(0);
    // Each key is what contactKey makes of the text shown.
    for (const [kind, value, shown] of db.prepare('SELECT kind, value, shown FROM graph_contact LIMIT 200').raw().all() as [string, string, string][]) {
      expect(contactKey(kind, shown)).toBe(value);
    }
  });

  it('expands a party into its shipments by role and its contacts, folding what is over the cap', () => {
    const party = busiest('consignee');
    const total = db.prepare(`SELECT count(*) FROM shipment_party WHERE party_id = ? AND role = 'consignee'`).pluck().get(party) as number;
    expect(total).toBeGreaterThan(5);
    const r = reader.expand({ nodes: [`party:${party}`], cap: 5 });
    const shipments = r.edges.filter((e) => e.type === 'consignee_of');
    expect(shipments).toHaveLength(5);
    for (const e of shipments) {
      expect(e.source).toBe(`party:${party}`);
      expect(parseNodeId(e.target).type).toBe('shipment');
      expect(e.sources).toEqual([e.target]);
    }
    // The most recent first.
    const dates = shipments.map((e) => e.first ?? '');
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(r.folded).toContainEqual({ from: `party:${party}`, edge: 'consignee_of', nodeType: 'shipment', count: total - 5 });
    const collection = r.nodes.find((n) => n.type === 'collection')!;
    expect(collection.collection).toMatchObject({ count: total - 5, edge: 'consignee_of' });
    expect(r.edges.some((e) => e.type === 'uses_address' && parseNodeId(e.target).type === 'address')).toBe(true);

    // Opening the collection: the next page, none of those already shown.
    const next = reader.expand({ nodes: [`party:${party}`], edges: ['consignee_of'], cap: 5, offset: 5 });
    const nextIds = next.edges.filter((e) => e.type === 'consignee_of').map((e) => e.target);
    expect(nextIds.length).toBe(Math.min(5, total - 5));
    expect(nextIds.some((id) => shipments.some((e) => e.target === id))).toBe(false);
  });

  it('expands a shipment into its parties, containers, conveyance and route', () => {
    const sid = db.prepare(`SELECT id FROM shipment WHERE mode = 'sea' AND places_transshipment != '[]' LIMIT 1`).pluck().get() as number;
    const s = db.prepare('SELECT place_loading, place_discharge, places_transshipment, conveyance_id FROM shipment WHERE id = ?').get(sid) as {
      place_loading: string;
      place_discharge: string;
      places_transshipment: string;
      conveyance_id: number;
    };
    const r = reader.expand({ nodes: [`shipment:${sid}`] });
    const types = new Set(r.edges.map((e) => e.type));
    for (const t of ['shipper_of', 'consignee_of', 'in_container', 'carried_on', 'loaded_at', 'transshipped_at', 'discharged_at']) expect(types).toContain(t);
    expect(r.edges.find((e) => e.type === 'loaded_at')!.target).toBe(`place:${s.place_loading}`);
    expect(r.edges.find((e) => e.type === 'carried_on')!.target).toBe(`vessel:${s.conveyance_id}`);
    const hub = (JSON.parse(s.places_transshipment) as string[])[0]!;
    const port = r.nodes.find((n) => n.id === `place:${hub}`)!;
    expect(port.geo).not.toBeNull();
    const shipper = r.edges.find((e) => e.type === 'shipper_of')!;
    expect(shipper.target).toBe(`shipment:${sid}`);
    expect(r.nodes.find((n) => n.id === shipper.source)!.record).toMatchObject({ kind: 'party' });
  });

  it('finds the parties that share a contact', () => {
    const shared = db
      .prepare(`SELECT kind, value FROM graph_contact WHERE owner = 'party' GROUP BY kind, value HAVING count(DISTINCT owner_id) > 1 LIMIT 1`)
      .raw()
      .get() as [string, string] | undefined;
    expect(shared).toBeDefined();
    const [kind, value] = shared!;
    const r = reader.expand({ nodes: [`${kind}:${value}`] });
    const parties = r.edges.filter((e) => parseNodeId(e.source).type === 'party').map((e) => e.source);
    expect(new Set(parties).size).toBeGreaterThan(1);
    for (const e of r.edges) expect(e.target).toBe(`${kind}:${value}`);
  });

  it('expands passengers into bookings, flights and documents, and bookings into co-travellers', () => {
    const bid = db.prepare('SELECT booking_id FROM booking_passenger GROUP BY booking_id HAVING count(*) > 1 LIMIT 1').pluck().get() as number;
    const pid = db.prepare('SELECT passenger_id FROM booking_passenger WHERE booking_id = ? LIMIT 1').pluck().get(bid) as number;
    const r = reader.expand({ nodes: [`passenger:${pid}`] });
    expect(r.edges).toContainEqual(expect.objectContaining({ type: 'booked_on', source: `passenger:${pid}`, target: `booking:${bid}` }));
    expect(r.edges.some((e) => e.type === 'holds_document')).toBe(true);
    const b = reader.expand({ nodes: [`booking:${bid}`] });
    expect(b.edges.filter((e) => e.type === 'booked_on').length).toBeGreaterThan(1);
  });

  it('draws the links among the nodes of a loaded chart without adding any', () => {
    const sid = db.prepare('SELECT shipment_id FROM shipment_party LIMIT 1').pluck().get() as number;
    const first = reader.expand({ nodes: [`shipment:${sid}`] });
    const ids = [`shipment:${sid}`, ...first.nodes.filter((n) => n.type !== 'collection').map((n) => n.id)];
    const again = reader.expand({ nodes: ids, among: true });
    expect(again.nodes).toEqual([]);
    for (const e of again.edges) {
      expect(ids).toContain(e.source);
      expect(ids).toContain(e.target);
    }
    const key = (e: { type: string; source: string; target: string }) => `${e.type}|${e.source}|${e.target}`;
    for (const e of first.edges.filter((x) => x.type !== 'collection')) expect(again.edges.map(key)).toContain(key(e));
  });

  it('sees merged parties as one node holding the shipments of all', () => {
    const [a, b] = db.prepare(`SELECT party_id FROM shipment_party WHERE role = 'shipper' GROUP BY party_id ORDER BY count(*) DESC LIMIT 2`).pluck().all() as [
      number,
      number,
    ];
    const count = (p: number) => db.prepare(`SELECT count(*) FROM shipment_party WHERE party_id = ? AND role = 'shipper'`).pluck().get(p) as number;
    db.prepare(`INSERT INTO party_merge (party_id, into_id, merged_by, merged_at) VALUES (?, ?, 'test', '2026-11-29')`).run(b, a);
    try {
      const r = reader.expand({ nodes: [`party:${b}`], edges: ['shipper_of'], cap: 100_000 });
      expect(r.edges.filter((e) => e.type === 'shipper_of')).toHaveLength(count(a) + count(b));
      for (const e of r.edges) expect(e.source).toBe(`party:${b}`);
      const [node] = reader.describe([`party:${a}`]);
      expect(node!.merged).toEqual([b]);
      // From a shipment of the merged party, the link goes to the party it was merged into.
      const sid = db.prepare(`SELECT shipment_id FROM shipment_party WHERE party_id = ? AND role = 'shipper' LIMIT 1`).pluck().get(b) as number;
      const s = reader.expand({ nodes: [`shipment:${sid}`], edges: ['shipper_of'] });
      expect(s.edges[0]!.source).toBe(`party:${a}`);
    } finally {
      db.prepare('DELETE FROM party_merge WHERE party_id = ?').run(b);
    }
  });

  it('a merge accepted is seen by scoring (history of the party it went into) and by the grids; taking it back undoes both', async () => {
    const [a, b] = db
      .prepare(`SELECT party_id FROM shipment_party WHERE role = 'consignee' GROUP BY party_id ORDER BY count(*) DESC LIMIT 2`)
      .pluck()
      .all() as [number, number];
    const shipmentsOf = (p: number) => db.prepare(`SELECT count(DISTINCT shipment_id) FROM shipment_party WHERE party_id = ?`).pluck().get(p) as number;
    const seen = (p: number) => db.prepare('SELECT shipments FROM target_party_seen WHERE party_id = ?').pluck().get(p) as number | undefined;
    const [lo, hi] = a < b ? [a, b] : [b, a];
    const matchId = Number(
      db
        .prepare(
          `INSERT INTO party_match (a, b, score, reasons, found_at) VALUES (?, ?, 0.97, '{"name":0.97,"nameDetail":"","address":true,"phone":false,"email":false,"country":true}', '2026-11-29')`,
        )
        .run(lo, hi).lastInsertRowid,
    );
    const m = t.core.graph.decideMatch(matchId, 'accepted');
    expect(m.status).toBe('accepted');
    const root = shipmentsOf(a) >= shipmentsOf(b) ? a : b;
    const other = root === a ? b : a;
    expect(db.prepare('SELECT into_id FROM party_merge WHERE party_id = ?').pluck().get(other)).toBe(root);
    await t.core.targeting.scoreNow({ full: false });
    expect(seen(root)).toBe(
      shipmentsOf(a) +
        shipmentsOf(b) -
        (db
          .prepare('SELECT count(*) FROM shipment_party x JOIN shipment_party y ON x.shipment_id = y.shipment_id WHERE x.party_id = ? AND y.party_id = ?')
          .pluck()
          .get(a, b) as number),
    );
    expect(seen(other)).toBeUndefined();
    // The shipments grid finds the merged party's shipments under the name of the party it went into.
    const rootName = db.prepare('SELECT name FROM party WHERE id = ?').pluck().get(root) as string;
    const page = t.core.grids.page({
      grid: 'shipments',
      sort: null,
      search: '',
      filters: { consignee: { kind: 'text', op: 'contains', value: rootName } },
      start: 0,
      limit: 100_000,
    });
    const ids = new Set(page.rows.map((r) => r.id));
    const otherShipment = db.prepare(`SELECT shipment_id FROM shipment_party WHERE party_id = ? AND role = 'consignee' LIMIT 1`).pluck().get(other) as number;
    expect(ids.has(otherShipment)).toBe(true);

    t.core.graph.decideMatch(matchId, 'open');
    expect(db.prepare('SELECT count(*) FROM party_merge').pluck().get()).toBe(0);
    await t.core.targeting.scoreNow({ full: false });
    expect(seen(other)).toBe(shipmentsOf(other));
  });

  it('links records to the cases that hold them, and a case to its records', () => {
    const sid = db.prepare('SELECT shipment_id FROM shipment_party LIMIT 1').pluck().get() as number;
    const pid = db.prepare(`SELECT party_id FROM shipment_party WHERE shipment_id = ? AND role = 'shipper'`).pluck().get(sid) as number;
    const kase = t.core.cases.create({
      draft: { title: 'Graph case', owner: 'test', summary: '', status: 'open', tags: [], tlp: 'AMBER', grading: '4x4' },
      from: null,
    });
    t.core.cases.link({
      caseId: kase.id,
      items: [
        { kind: 'shipment', refId: sid, note: '', grade: null },
        { kind: 'party', refId: pid, note: '', grade: null },
      ],
    });
    const fromShipment = reader.expand({ nodes: [`shipment:${sid}`], edges: ['linked_to_case'] });
    expect(fromShipment.edges).toEqual([expect.objectContaining({ type: 'linked_to_case', source: `case:${kase.id}`, target: `shipment:${sid}` })]);
    expect(fromShipment.nodes[0]).toMatchObject({ id: `case:${kase.id}`, type: 'case' });
    expect(fromShipment.nodes[0]!.label).toContain('Graph case');
    const fromCase = reader.expand({ nodes: [`case:${kase.id}`] });
    expect(fromCase.edges.map((e) => e.target).sort()).toEqual([`party:${pid}`, `shipment:${sid}`].sort());
  });

  it('finds records by name, document and container number', () => {
    const p = db.prepare('SELECT id, name FROM party LIMIT 1').get() as { id: number; name: string };
    expect(reader.find(p.name, 10).map((n) => n.id)).toContain(`party:${p.id}`);
    const s = db.prepare('SELECT id, doc_number FROM shipment LIMIT 1').get() as { id: number; doc_number: string };
    expect(reader.find(s.doc_number, 10)[0]!.id).toBe(`shipment:${s.id}`);
    const c = db.prepare('SELECT id, number FROM container LIMIT 1').get() as { id: number; number: string };
    expect(reader.find(c.number.toLowerCase(), 10)[0]!.id).toBe(`container:${c.id}`);
  });

  it('refuses a node id that names no record', () => {
    expect(() => reader.expand({ nodes: ['party:abc'] })).toThrow(expect.objectContaining({ code: 'GRAPH_NODE_UNKNOWN' }));
    expect(reader.expand({ nodes: ['shipment:999999999'] }).edges).toEqual([]);
  });

  it('describes shipments with their lane once scored, and parties on a watchlist', async () => {
    await t.core.targeting.scoreNow({ full: true });
    const [sid, lane] = db.prepare(`SELECT entity_id, lane FROM target_hit WHERE entity = 'shipment' AND lane = 'red' LIMIT 1`).raw().get() as [number, string];
    const [node] = reader.describe([`shipment:${sid}`]);
    expect(node!.risk).toBe(lane);
    const party = db.prepare('SELECT id, name FROM party LIMIT 1').get() as { id: number; name: string };
    const wl = t.core.targeting.store.watchlists().find((w) => w.kind === 'party')!;
    t.core.targeting.store.addEntries(wl.id, [{ value: party.name.toUpperCase(), note: '' }], 'test');
    const [p] = new GraphReader(db).describe([`party:${party.id}`]);
    expect(p!.watch.join()).toContain(wl.name);
  });

  it('saves a chart exactly as given and reopens it', () => {
    const content: ChartContent = {
      nodes: [{ id: 'party:1', type: 'party', label: 'A' } as unknown as GraphNode],
      edges: [],
      positions: { 'party:1': { x: 12.5, y: -3 } },
      pinned: ['party:1'],
      hidden: [],
      groups: [{ id: 'g1', label: 'Front companies', members: ['party:1'] }],
      style: { sizeBy: 'betweenness', colourBy: 'community', layout: 'fcose' },
      filters: { window: ['2026-01-01', '2026-06-30'] },
      viewport: { zoom: 1.5, pan: { x: 10, y: 20 } },
    };
    const saved = t.core.graph.saveChart({ id: null, name: 'Network of the hit', description: 'first look', content });
    expect(t.core.graph.chart(saved.id).content).toEqual(content);
    const renamed = t.core.graph.saveChart({ id: saved.id, name: 'Renamed', description: '', content: { ...content, pinned: [] } });
    expect(renamed.name).toBe('Renamed');
    expect(t.core.graph.charts().map((c) => c.id)).toContain(saved.id);
    t.core.graph.deleteChart(saved.id);
    expect(() => t.core.graph.chart(saved.id)).toThrow(expect.objectContaining({ code: 'GRAPH_CHART_NOT_FOUND' }));
  });
});
