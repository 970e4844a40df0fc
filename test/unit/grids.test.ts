// The grids over SQL: every sortable column's block query runs on an index, filters and quick search
// return exactly what a plain scan finds, paging by seeking equals paging by counting, saved views,
// exports of the whole view, and the record views behind a row.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { GRIDS, type GridFilter, type GridId, type GridQuery, type GridRow } from '../../shared/domain/grids.ts';
import { normalizeName } from '../../shared/domain/names.ts';
import { DEFAULT_PARAMS, generateScenario } from '../../electron/core/generator/scenario.ts';
import { writeScenario } from '../../electron/core/generator/workspace-writer.ts';
import { exportGrid } from '../../electron/core/grids/grid-export.ts';
import { GridQueries } from '../../electron/core/grids/grid-query.ts';
import { containerRecord, flagTimeline, partyRecord, shipmentRecord } from '../../electron/core/records/record-views.ts';
import { conveyanceLabel } from '../../electron/core/records/labels.ts';
import { markForReview } from '../../electron/core/records/review.ts';
import type { Db } from '../../electron/core/workspace/database.ts';
import { catchUp, pendingDerived } from '../../electron/core/workspace/derived.ts';
import { PASSPHRASE, testCore, type TestCore } from './helpers/workspace.ts';

let t: TestCore;
let db: Db;
let grids: GridQueries;
const SHIPMENTS = 1500;

beforeAll(async () => {
  t = testCore();
  await t.core.workspace.create({ dir: join(t.root, 'ws'), name: 'grids', passphrase: PASSPHRASE });
  db = t.core.workspace.db();
  const params = { ...DEFAULT_PARAMS, seed: 11, shipments: SHIPMENTS, passengers: 300 };
  writeScenario(db, params, generateScenario(params).items);
  // A company written in Latin, to be found by its Cyrillic spelling (and the reverse).
  const party = db
    .prepare(`INSERT INTO party (kind, name, name_norm, address, city, country) VALUES ('company', ?, ?, ?, ?, 'RS') RETURNING id`)
    .get('Đurđević Trgovina DOO', normalizeName('Đurđević Trgovina DOO'), 'Bulevar oslobođenja 12', 'Novi Sad') as { id: number };
  const cyr = db
    .prepare(`INSERT INTO party (kind, name, name_norm, address, city, country) VALUES ('company', ?, ?, '', 'Београд', 'RS') RETURNING id`)
    .get('Жарковић Експорт', normalizeName('Жарковић Експорт')) as { id: number };
  const [a, b] = db.prepare('SELECT id FROM shipment ORDER BY id LIMIT 2').all() as { id: number }[];
  db.prepare(`INSERT INTO shipment_party (shipment_id, party_id, role) VALUES (?, ?, 'consignee'), (?, ?, 'notify')`).run(a!.id, party.id, b!.id, cyr.id);
  // A few crew members and failed check digits, so that those filters have something to find.
  db.prepare('UPDATE passenger SET is_crew = 1 WHERE id IN (SELECT id FROM passenger ORDER BY id LIMIT 7)').run();
  db.prepare('UPDATE shipment SET doc_valid = 0 WHERE id IN (SELECT id FROM shipment ORDER BY id DESC LIMIT 9)').run();
  db.prepare('UPDATE container SET number_valid = 0 WHERE id IN (SELECT id FROM container ORDER BY id LIMIT 4)').run();
  grids = new GridQueries(() => db);
});
afterAll(() => t.dispose());

const query = (grid: GridId, over: Partial<GridQuery> = {}): GridQuery => ({ grid, sort: null, filters: {}, search: '', ...over });
/** Every row of a view read as the grid reads it: block after block (each seeking past the last). */
function paged(q: GridQuery, g = grids, size = 500): GridRow[] {
  const out: GridRow[] = [];
  for (let start = 0; ; start += size) {
    const { rows } = g.page(q, start, size);
    out.push(...rows);
    if (rows.length < size) return out;
  }
}
const all = (q: GridQuery): GridRow[] => paged(q);
/** The same rows as an export reads them: one statement. */
const streamed = (q: GridQuery): GridRow[] => [...grids.rows(q, ['docNumber'], 500)].flat();
const scan = (grid: GridId): GridRow[] => all(query(grid));

describe('grid queries', () => {
  it.each(Object.entries(GRIDS).flatMap(([grid, cols]) => cols.filter((c) => 'sortable' in c && c.sortable).map((c) => [grid, c.id] as const)))(
    '%s sorted by %s reads its blocks on an index, with no sort step',
    (grid, column) => {
      for (const dir of ['asc', 'desc'] as const) {
        const b = grids.blockQuery(query(grid as GridId, { sort: { column, dir } }), 5000, 100);
        const plan = (db.prepare(`EXPLAIN QUERY PLAN ${b.sql}`).all(...b.params) as { detail: string }[]).map((r) => r.detail).join(' | ');
        expect(plan, `${grid} ${column} ${dir}`).not.toMatch(/TEMP B-TREE/);
        expect(plan).toMatch(/USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/);
      }
    },
  );

  it('refuses to sort on a column without an index', () => {
    expect(() => grids.page(query('shipments', { sort: { column: 'consignee', dir: 'asc' } }), 0, 10)).toThrowError(
      expect.objectContaining({ code: 'API_INVALID_INPUT' }),
    );
  });

  it('pages by seeking past the last row read give the rows that counting (OFFSET) gives, and the exact total', () => {
    for (const sort of [
      null,
      { column: 'arrivalDate', dir: 'asc' as const },
      { column: 'docNumber', dir: 'desc' as const },
      { column: 'grossWeightKg', dir: 'desc' as const },
    ]) {
      const q = query('shipments', { sort });
      const sequential = all(q).map((r) => r.id);
      const fresh = new GridQueries(() => db);
      const jumped = [...fresh.page(q, 1200, 100).rows, ...fresh.page(q, 300, 100).rows].map((r) => r.id);
      expect(jumped).toEqual([...sequential.slice(1200, 1300), ...sequential.slice(300, 400)]);
      expect(new Set(sequential).size).toBe(sequential.length);
      expect(sequential.length).toBe((db.prepare('SELECT count(*) AS n FROM shipment').get() as { n: number }).n);
      expect(grids.page(q, 0, 10).total).toBe(sequential.length);
      expect(streamed(q).map((r) => r.id)).toEqual(sequential);
      // A jump lands after the nearest row already read, and steps over the rest.
      const scrolled = new GridQueries(() => db);
      for (let start = 0; start < 500; start += 100) scrolled.page(q, start, 100);
      if (sort) expect(scrolled.blockQuery(q, 1234, 100).sql).toMatch(/UNION ALL/);
      expect(scrolled.page(q, 1234, 100).rows.map((r) => r.id)).toEqual(sequential.slice(1234, 1334));
    }
  });

  it('reads rows by position from the ids when they have no gaps, and by seeking when they do', () => {
    const q = query('shipments');
    const ids = () => (db.prepare('SELECT id FROM shipment ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    const fresh = new GridQueries(() => db);
    expect(fresh.blockQuery(q, 700, 100).sql).not.toMatch(/OFFSET/);
    expect(fresh.page(q, 700, 100).rows.map((r) => r.id)).toEqual(ids().slice(700, 800));
    db.exec('SAVEPOINT gaps');
    try {
      const gone = ids().slice(100, 140);
      for (const table of ['shipment_party', 'shipment_container'])
        db.prepare(`DELETE FROM ${table} WHERE shipment_id BETWEEN ? AND ?`).run(gone[0], gone.at(-1));
      db.prepare('DELETE FROM review_mark WHERE entity = ? AND entity_id BETWEEN ? AND ?').run('shipment', gone[0], gone.at(-1));
      db.prepare('DELETE FROM shipment WHERE id BETWEEN ? AND ?').run(gone[0], gone.at(-1));
      const after = new GridQueries(() => db);
      expect(after.blockQuery(q, 700, 100).sql).toMatch(/OFFSET/);
      expect(after.page(q, 700, 100).rows.map((r) => r.id)).toEqual(ids().slice(700, 800));
      expect(paged(q, after, 100).map((r) => r.id)).toEqual(ids());
    } finally {
      db.exec('ROLLBACK TO gaps; RELEASE gaps');
    }
  });

  it('sorts as SQLite sorts, NULLs first ascending and last descending', () => {
    const asc = all(query('shipments', { sort: { column: 'grossWeightKg', dir: 'asc' } })).map((r) => r['grossWeightKg']);
    const sorted = [...asc].sort((x, y) => (x === null ? -1 : y === null ? 1 : Number(x) - Number(y)));
    expect(asc).toEqual(sorted);
  });

  const FILTERS: [GridId, Record<string, GridFilter>, (r: GridRow) => boolean][] = [
    ['shipments', { mode: { kind: 'set', values: ['air'] } }, (r) => r['mode'] === 'air'],
    [
      'shipments',
      { grossWeightKg: { kind: 'number', min: 1000, max: 5000 } },
      (r) => r['grossWeightKg'] !== null && +r['grossWeightKg']! >= 1000 && +r['grossWeightKg']! <= 5000,
    ],
    [
      'shipments',
      { arrivalDate: { kind: 'date', from: '2026-11-18', to: '2026-11-20' } },
      (r) => String(r['arrivalDate'] ?? '') >= '2026-11-18' && String(r['arrivalDate']).slice(0, 10) <= '2026-11-20',
    ],
    ['shipments', { docValid: { kind: 'flag', value: false } }, (r) => r['docValid'] === 0],
    [
      'shipments',
      { consignee: { kind: 'text', op: 'contains', value: 'doo' } },
      (r) => normalizeName(String(r['consignee'] ?? '')).includes('doo') || consigneesOf(r.id).some((n) => n.includes('doo')),
    ],
    ['shipments', { docNumber: { kind: 'text', op: 'startsWith', value: 'M' } }, (r) => String(r['docNumber']).startsWith('M')],
    ['parties', { country: { kind: 'set', values: ['RS', 'BA'] } }, (r) => r['country'] === 'RS' || r['country'] === 'BA'],
    ['containers', { numberValid: { kind: 'flag', value: false } }, (r) => r['numberValid'] === 0],
    ['passengers', { crew: { kind: 'flag', value: true } }, (r) => r['crew'] === 1],
    ['events', { kind: { kind: 'set', values: ['discharged', 'loaded'] } }, (r) => r['kind'] === 'discharged' || r['kind'] === 'loaded'],
    [
      'events',
      { at: { kind: 'date', from: '2026-11-17', to: '2026-11-19' } },
      (r) => String(r['at']) >= '2026-11-17' && String(r['at']).slice(0, 10) <= '2026-11-19',
    ],
    ['conveyances', { mode: { kind: 'set', values: ['air'] } }, (r) => r['mode'] === 'air'],
    ['bookings', { travellers: { kind: 'number', min: 2, max: null } }, (r) => Number(r['travellers']) >= 2],
  ];
  const consigneesOf = (id: number) =>
    (
      db
        .prepare(`SELECT p.name_norm AS n FROM shipment_party sp JOIN party p ON p.id = sp.party_id WHERE sp.shipment_id = ? AND sp.role = 'consignee'`)
        .all(id) as { n: string }[]
    ).map((r) => r.n);

  it.each(FILTERS.map((f, i) => [i, ...f] as const))('filter %i on %s returns exactly the rows a plain scan finds', (_i, grid, filters, keep) => {
    const expected = scan(grid)
      .filter(keep)
      .map((r) => r.id)
      .sort((a, b) => a - b);
    expect(expected.length).toBeGreaterThan(0);
    const ids = (rows: GridRow[]) => rows.map((r) => r.id).sort((a, b) => a - b);
    expect(ids(all(query(grid, { filters })))).toEqual(expected);
    expect(grids.page(query(grid, { filters }), 0, 1).total).toBe(expected.length);
    // Along the order's index, testing each row (as many matches are read), in each sort offered.
    const walking = new GridQueries(() => db, { fewRows: 1, countAtOnceRows: 0 });
    const sorts = [
      null,
      ...(GRIDS[grid] as readonly { id: string; sortable?: boolean }[]).filter((c) => c.sortable).map((c) => ({ column: c.id, dir: 'desc' as const })),
    ];
    for (const sort of sorts) {
      const q = query(grid, { filters, sort });
      const walked = paged(q, walking, 97);
      expect(ids(walked), JSON.stringify(sort)).toEqual(expected);
      expect(walked.map((r) => r.id)).toEqual(paged(q).map((r) => r.id));
    }
    // A large table's count waits for `count` (a worker in the app); the block does not.
    const counter = new GridQueries(() => db, { fewRows: 1, countAtOnceRows: 0 });
    expect(counter.page(query(grid, { filters, sort: sorts.at(-1)! }), 5, 1).total).toBeNull();
    expect(counter.count(query(grid, { filters }))).toBe(expected.length);
  });

  /** The quick search's meaning, computed the slow way: every term begins a word of the text. */
  const matches = (text: string, search: string) => {
    const words = normalizeName(text).split(' ');
    return normalizeName(search)
      .split(' ')
      .every((term) => words.some((w) => w.startsWith(term)));
  };
  const shipmentTexts = (id: number): string[] => {
    const s = db.prepare('SELECT * FROM shipment WHERE id = ?').get(id) as Record<string, string | null>;
    const own = [s['doc_number'], s['master_doc_number'], s['goods_description'], s['place_loading'], s['place_discharge'], s['place_delivery'], s['voyage']]
      .map((x) => x ?? '')
      .join(' ');
    const parties = (
      db.prepare('SELECT p.name_norm, p.address, p.city FROM shipment_party sp JOIN party p ON p.id = sp.party_id WHERE sp.shipment_id = ?').all(id) as {
        name_norm: string;
        address: string | null;
        city: string | null;
      }[]
    ).map((p) => `${p.name_norm} ${p.address ?? ''} ${p.city ?? ''}`);
    return [own, ...parties];
  };

  it.each(['cement', 'rotterdam', 'doo beo', 'Жарковић', 'zarkovic eksport', 'Ђурђевић', 'durdevic trg'])(
    'quick search "%s" finds exactly what a scan finds',
    (search) => {
      const expected = scan('shipments')
        .filter((r) => shipmentTexts(r.id).some((text) => matches(text, search)))
        .map((r) => r.id)
        .sort((a, b) => a - b);
      const got = all(query('shipments', { search }))
        .map((r) => r.id)
        .sort((a, b) => a - b);
      expect(got).toEqual(expected);
    },
  );

  it('finds container events by container number, bookings by locator or traveller, vessels by name', () => {
    const event = db.prepare('SELECT e.id, k.number FROM container_event e JOIN container k ON k.id = e.container_id LIMIT 1').get() as {
      id: number;
      number: string;
    };
    const events = all(query('events', { search: event.number.slice(0, 7).toLowerCase() }));
    expect(events.map((r) => r.id)).toContain(event.id);
    expect(events.every((r) => String(r['container']).startsWith(event.number.slice(0, 7)))).toBe(true);
    const booking = db
      .prepare(
        'SELECT b.id, b.record_locator AS locator, p.surname FROM booking b JOIN booking_passenger bp ON bp.booking_id = b.id JOIN passenger p ON p.id = bp.passenger_id LIMIT 1',
      )
      .get() as { id: number; locator: string; surname: string };
    expect(all(query('bookings', { search: booking.locator })).map((r) => r.id)).toContain(booking.id);
    expect(all(query('bookings', { search: booking.surname })).map((r) => r.id)).toContain(booking.id);
    const vessel = db.prepare(`SELECT id, vessel_name AS name FROM conveyance WHERE mode = 'sea' AND vessel_name IS NOT NULL LIMIT 1`).get() as {
      id: number;
      name: string;
    };
    expect(all(query('conveyances', { search: vessel.name.split(' ').at(-1)! })).map((r) => r.id)).toContain(vessel.id);
  });

  it('a Cyrillic query finds a company written in Latin, and the reverse', () => {
    expect(all(query('parties', { search: 'Ђурђевић' })).map((r) => r['name'])).toContain('Đurđević Trgovina DOO');
    expect(all(query('parties', { search: 'zarkovic' })).map((r) => r['name'])).toContain('Жарковић Експорт');
    expect(all(query('shipments', { search: 'Ђурђевић' }))).toHaveLength(1);
  });

  it('lists a column’s values with their counts under the other filters', () => {
    const values = grids.values(query('shipments', { filters: { mode: { kind: 'set', values: ['sea'] } } }), 'mode');
    const counts = db.prepare('SELECT mode AS value, count(*) AS count FROM shipment GROUP BY mode ORDER BY count DESC').all() as {
      value: string;
      count: number;
    }[];
    expect(values).toEqual(counts);
    const sea = grids.values(query('shipments', { filters: { mode: { kind: 'set', values: ['sea'] } } }), 'placeLoading');
    expect(sea.reduce((n, v) => n + v.count, 0)).toBe(counts.find((c) => c.value === 'sea')!.count);
  });

  it('keeps exact row counts of the big tables through inserts and deletes', () => {
    const counted = () => db.prepare('SELECT tbl, n FROM row_count ORDER BY tbl').all();
    catchUp(db);
    const actual = () =>
      ['booking', 'container', 'container_event', 'conveyance', 'party', 'passenger', 'shipment'].map((tbl) => ({
        tbl,
        n: (db.prepare(`SELECT count(*) AS n FROM ${tbl}`).get() as { n: number }).n,
      }));
    expect(counted()).toEqual(actual());
    db.transaction(() => {
      // A row deleted before it was counted, one deleted after, one still there.
      db.prepare(`INSERT INTO party (kind, name, name_norm) VALUES ('company', 'Short Lived', 'short lived')`).run();
      db.prepare(`DELETE FROM party WHERE name = 'Short Lived'`).run();
      db.prepare(`INSERT INTO container (number, number_valid) VALUES ('ABCU1234560', 0)`).run();
      db.prepare(`INSERT INTO container (number, number_valid) VALUES ('ABCU1234561', 0)`).run();
      catchUp(db);
      db.prepare(`DELETE FROM container WHERE number = 'ABCU1234561'`).run();
    })();
    expect(counted()).toEqual(actual());
    expect(pendingDerived(db)).toEqual([]);
  });

  it('sees writes made after a count was cached', () => {
    const before = grids.page(query('parties'), 0, 1).total!;
    db.prepare(`INSERT INTO party (kind, name, name_norm, country) VALUES ('company', 'Late Arrival Ltd', 'late arrival ltd', 'ME')`).run();
    expect(grids.page(query('parties'), 0, 1).total).toBe(before + 1);
    expect(all(query('parties', { search: 'late arr' })).map((r) => r['name'])).toEqual(['Late Arrival Ltd']);
  });
});

describe('review marks', () => {
  it('marks a selection, filters on the mark, clears it, and drops it with its record', () => {
    const ids = (db.prepare(`SELECT id FROM shipment WHERE mode = 'road' ORDER BY id LIMIT 3`).all() as { id: number }[]).map((r) => r.id);
    expect(markForReview(db, { entity: 'shipment', ids: [...ids, ids[0]!], marked: true, actor: 'test' })).toEqual({ changed: 3 });
    expect(markForReview(db, { entity: 'shipment', ids, marked: true, actor: 'test' })).toEqual({ changed: 0 });
    const marked = () => all(query('shipments', { filters: { review: { kind: 'flag', value: true } } })).map((r) => r.id);
    expect(marked()).toEqual(ids);
    markForReview(db, { entity: 'shipment', ids: [ids[0]!], marked: false, actor: 'test' });
    expect(marked()).toEqual(ids.slice(1));
    const audit = db.prepare(`SELECT action, details FROM audit_log WHERE action LIKE 'review.%' ORDER BY seq`).all() as { action: string; details: string }[];
    expect(audit.map((a) => a.action)).toEqual(['review.mark', 'review.clear']);
    db.prepare('DELETE FROM shipment_party WHERE shipment_id = ?').run(ids[2]);
    db.prepare('DELETE FROM shipment_container WHERE shipment_id = ?').run(ids[2]);
    db.prepare('DELETE FROM shipment WHERE id = ?').run(ids[2]);
    expect(db.prepare(`SELECT entity_id FROM review_mark WHERE entity = 'shipment'`).all()).toEqual([{ entity_id: ids[1] }]);
  });
});

describe('saved views', () => {
  it('keeps views per grid with one default, and refuses unknown columns', () => {
    const state = {
      columns: [
        { id: 'docNumber', width: 180 },
        { id: 'consignee', pinned: 'left' as const },
      ],
      filters: { mode: { kind: 'set' as const, values: ['sea'] } },
      sort: { column: 'arrivalDate', dir: 'desc' as const },
      search: '',
    };
    const a = t.core.grids.saveView({ grid: 'shipments', name: 'Sea, newest', isDefault: true, state });
    t.core.grids.saveView({ grid: 'shipments', name: 'Other', isDefault: true, state: { ...state, filters: {} } });
    const views = t.core.grids.views('shipments');
    expect(views.map((v) => [v.name, v.isDefault])).toEqual([
      ['Other', true],
      ['Sea, newest', false],
    ]);
    expect(views.find((v) => v.id === a.id)!.state).toEqual(state);
    expect(t.core.grids.views('parties')).toEqual([]);
    expect(() => t.core.grids.saveView({ grid: 'shipments', name: 'Bad', isDefault: false, state: { ...state, columns: [{ id: 'nope' }] } })).toThrowError(
      expect.objectContaining({ code: 'API_INVALID_INPUT' }),
    );
    t.core.grids.deleteView(a.id);
    expect(t.core.grids.views('shipments').map((v) => v.name)).toEqual(['Other']);
  });
});

describe('export', () => {
  it('writes every row of the filtered view, formulas neutralised, and puts it on the audit log', () => {
    db.prepare(`UPDATE shipment SET goods_description = '=HYPERLINK("http://x")' WHERE id = (SELECT min(id) FROM shipment WHERE mode = 'sea')`).run();
    const q = query('shipments', { filters: { mode: { kind: 'set', values: ['sea'] } }, sort: { column: 'docNumber', dir: 'asc' } });
    const out = join(t.root, 'sea.csv');
    const r = exportGrid(db, {
      query: q,
      columns: [
        { id: 'docNumber', label: 'B/L' },
        { id: 'goodsDescription', label: 'Goods' },
      ],
      format: 'csv',
      out,
      actor: 'test',
    });
    const lines = readFileSync(out, 'utf8').trim().split('\r\n');
    const sea = (db.prepare(`SELECT count(*) AS n FROM shipment WHERE mode = 'sea'`).get() as { n: number }).n;
    expect(r.rows).toBe(sea);
    expect(lines).toHaveLength(sea + 1);
    expect(readdirSync(t.root).filter((f) => f.startsWith('sea.csv'))).toEqual(['sea.csv']);
    expect(lines[0]!.replace(/^\ufeff/, '')).toBe('B/L,Goods');
    expect(lines.some((l) => l.includes(`"'=HYPERLINK(""http://x"")"`))).toBe(true);
    const audit = db.prepare(`SELECT action, details FROM audit_log ORDER BY seq DESC LIMIT 1`).get() as { action: string; details: string };
    expect(audit.action).toBe('grid.export');
    expect(JSON.parse(audit.details)).toMatchObject({ rows: sea, format: 'csv' });
  });
});

describe('record views', () => {
  it('a shipment with its parties by role, route, containers and provenance', () => {
    const id = (
      db
        .prepare(`SELECT s.id FROM shipment s WHERE mode = 'sea' AND EXISTS (SELECT 1 FROM shipment_container sc WHERE sc.shipment_id = s.id) LIMIT 1`)
        .get() as { id: number }
    ).id;
    const r = shipmentRecord(db, id);
    expect(r.parties.map((p) => p.role)).toContain('shipper');
    expect(r.route[0]?.role).toMatch(/receipt|loading/);
    expect(r.containers.length).toBeGreaterThan(0);
    expect(r.versions.map((v) => v.id)).toContain(id);
    expect(() => shipmentRecord(db, 999_999_999)).toThrowError(expect.objectContaining({ code: 'RECORD_NOT_FOUND' }));
  });

  it('a container’s timeline in time order, and a party’s history with its counterparties', () => {
    const cid = (db.prepare('SELECT container_id AS id FROM container_event GROUP BY container_id ORDER BY count(*) DESC LIMIT 1').get() as { id: number }).id;
    const c = containerRecord(db, cid);
    expect(c.events.length).toBeGreaterThan(1);
    expect(c.events.map((e) => e.at)).toEqual([...c.events.map((e) => e.at)].sort());
    const pid = (db.prepare('SELECT party_id AS id FROM shipment_party GROUP BY party_id ORDER BY count(*) DESC LIMIT 1').get() as { id: number }).id;
    const p = partyRecord(db, pid);
    const n = (db.prepare('SELECT count(*) AS n FROM shipment_party WHERE party_id = ?').get(pid) as { n: number }).n;
    expect(p.roles.reduce((s, r) => s + r.count, 0)).toBe(n);
    expect(p.counterparties.length).toBeGreaterThan(0);
    expect(p.volume.reduce((s, v) => s + v.count, 0)).toBeLessThanOrEqual(n);
  });

  it('names a flight by its number once, with the airline code in front only when the number lacks it', () => {
    const flights = all(query('passengers')).map((r) => String(r['flight']));
    expect(flights.length).toBeGreaterThan(0);
    for (const f of flights) expect(f).toMatch(/^[A-Z0-9]{2}\d{1,4}[A-Z]? \d{4}-\d{2}-\d{2}$/);
    const c = db
      .prepare(`INSERT INTO conveyance (mode, carrier_code, flight_number, flight_date) VALUES ('air', 'JU', '500', '2026-01-02') RETURNING id`)
      .get() as { id: number };
    expect(db.prepare(`SELECT ${conveyanceLabel('c', true)} AS l FROM conveyance c WHERE id = ?`).get(c.id)).toEqual({ l: 'JU500 2026-01-02' });
  });

  it('flags gaps, dwell times, seal changes and transshipments no document announced', () => {
    const flags = flagTimeline(
      [
        { at: '2026-01-01T10:00:00Z', kind: 'gate_in_full', place: 'MAPTM', seal: 'S1' },
        { at: '2026-01-01T11:00:00Z', kind: 'loaded', place: 'MAPTM', seal: 'S1' },
        { at: '2026-01-05T08:00:00Z', kind: 'transshipped', place: 'ESALG', seal: 'S1' },
        { at: '2026-02-10T08:00:00Z', kind: 'discharged', place: 'MEBAR', seal: 'S2' },
        { at: '2026-03-01T08:00:00Z', kind: 'gate_out_full', place: 'MEBAR', seal: 'S2' },
      ],
      new Set(['ITGIT']),
    );
    expect(flags).toEqual([[], ['shortDwell'], ['unexpectedTransshipment'], ['gap', 'sealChanged'], ['longDwell']]);
  });
});
