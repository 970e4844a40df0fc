// The passenger and booking view over SQL: identity and document, the flight, each booking with its
// itinerary in order, the co-travellers of the same bookings, others carrying the same document, and
// every query of the view on an index.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, generateScenario } from '../../electron/core/generator/scenario.ts';
import { writeScenario } from '../../electron/core/generator/workspace-writer.ts';
import { passengerRecord } from '../../electron/core/records/record-views.ts';
import type { Db } from '../../electron/core/workspace/database.ts';
import { PASSPHRASE, testCore, type TestCore } from './helpers/workspace.ts';

let t: TestCore;
let db: Db;

beforeAll(async () => {
  t = testCore();
  await t.core.workspace.create({ dir: join(t.root, 'ws'), name: 'passengers', passphrase: PASSPHRASE });
  db = t.core.workspace.db();
  const params = { ...DEFAULT_PARAMS, seed: 5, shipments: 50, passengers: 400 };
  writeScenario(db, params, generateScenario(params).items);
});
afterAll(() => t.dispose());

const one = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T;
const ids = (sql: string, ...params: unknown[]) => (db.prepare(sql).all(...params) as { id: number }[]).map((r) => r.id);

describe('passenger record', () => {
  it('a passenger on a multi-leg booking: identity, document, flight, itinerary in order, provenance', () => {
    const { id } = one<{ id: number }>(
      `SELECT bp.passenger_id AS id FROM booking_passenger bp JOIN itinerary_segment s ON s.booking_id = bp.booking_id
       GROUP BY bp.passenger_id HAVING count(*) > 1 ORDER BY bp.passenger_id LIMIT 1`,
    );
    const row = one<Record<string, unknown>>('SELECT * FROM passenger WHERE id = ?', id);
    const r = passengerRecord(db, id);
    expect(r).toMatchObject({ id, surname: row['surname'], givenNames: row['given_names'], docNumber: row['doc_number'], crew: false });
    expect(r.flights).toHaveLength(1);
    expect(r.flights[0]!.flightNumber).toBeTruthy();
    expect(r.bookings).toHaveLength(1);
    const b = r.bookings[0]!;
    expect(b.recordLocator).toMatch(/^[A-Z0-9]{6}$/);
    expect(b.segments.length).toBeGreaterThan(1);
    expect(b.segments.map((s) => s.seq)).toEqual(b.segments.map((_, i) => i + 1));
    // Each leg departs after the one before it arrived, and starts where the one before it ended.
    for (let i = 1; i < b.segments.length; i++) {
      expect(b.segments[i]!.departureAt! >= b.segments[i - 1]!.arrivalAt!).toBe(true);
    }
    expect(b.contacts.length).toBeGreaterThan(0);
    expect(b.contacts[0]).toEqual({ type: expect.stringMatching(/phone|email/), value: expect.any(String) });
    expect(b.baggage.length).toBeGreaterThan(0);
    expect(b.paymentForm).toMatch(/^(CC|CA|MS|IN)$/);
    expect(r.source.file).toBe('generator seed=5');
    expect(r.source.ref).toMatch(/flight/);
  });

  it('co-travellers are the other passengers of the same bookings', () => {
    const { id } = one<{ id: number }>(
      `SELECT bp.passenger_id AS id FROM booking_passenger bp JOIN booking_passenger o ON o.booking_id = bp.booking_id AND o.passenger_id <> bp.passenger_id
       GROUP BY bp.passenger_id HAVING count(*) >= 2 ORDER BY bp.passenger_id LIMIT 1`,
    );
    const expected = ids(
      `SELECT DISTINCT o.passenger_id AS id FROM booking_passenger bp JOIN booking_passenger o ON o.booking_id = bp.booking_id
       WHERE bp.passenger_id = ? AND o.passenger_id <> ? ORDER BY 1`,
      id,
      id,
    );
    const r = passengerRecord(db, id);
    expect(r.coTravellers.map((c) => c.id).sort((a, b) => a - b)).toEqual(expected);
    expect(expected.length).toBeGreaterThanOrEqual(2);
    for (const c of r.coTravellers) expect(c.recordLocators).toEqual(r.bookings.map((b) => b.recordLocator));
    // A traveller alone on a booking has none.
    const alone = one<{ id: number }>(
      `SELECT bp.passenger_id AS id FROM booking_passenger bp JOIN booking_passenger o ON o.booking_id = bp.booking_id
       GROUP BY bp.passenger_id HAVING count(*) = 1 LIMIT 1`,
    );
    expect(passengerRecord(db, alone.id).coTravellers).toEqual([]);
  });

  it('lists others with the same document number, telling the same person from a different name', () => {
    const p = one<{ id: number; doc_number: string }>('SELECT id, doc_number FROM passenger WHERE doc_number IS NOT NULL ORDER BY id LIMIT 1');
    const twin = db
      .prepare(
        `INSERT INTO passenger (surname, given_names, name_norm, birth_date, doc_type, doc_number, doc_country) SELECT surname, given_names, name_norm, birth_date, doc_type, doc_number, doc_country FROM passenger WHERE id = ? RETURNING id`,
      )
      .get(p.id) as { id: number };
    const alias = db
      .prepare(
        `INSERT INTO passenger (surname, given_names, name_norm, birth_date, doc_type, doc_number, doc_country) VALUES ('OTHER', 'NAME', 'other name', '1970-01-01', 'P', ?, 'XX') RETURNING id`,
      )
      .get(p.doc_number) as { id: number };
    const r = passengerRecord(db, p.id);
    expect(r.sameDocument.map((o) => [o.id, o.sameIdentity])).toEqual([
      [twin.id, true],
      [alias.id, false],
    ]);
    expect(passengerRecord(db, alias.id).sameDocument.map((o) => o.id)).toEqual([p.id, twin.id].sort((a, b) => a - b));
    expect(r.sameDocument[0]!.flight).toBeNull();
    expect(passengerRecord(db, twin.id).sameDocument[0]).toMatchObject({ id: p.id, flight: expect.stringMatching(/^[A-Z0-9]{2}\d+ \d{4}-\d{2}-\d{2}$/) });
    db.prepare('DELETE FROM passenger WHERE id IN (?, ?)').run(twin.id, alias.id);
  });

  it('reads crew too, and every query of the view on an index', () => {
    // The generator writes no crew (crew come from API imports): a crew member on no booking.
    const crew = one<{ id: number }>(
      `INSERT INTO passenger (surname, given_names, name_norm, is_crew, doc_type, doc_number) VALUES ('PILOT', 'ANA', 'pilot ana', 1, 'P', 'CREW0001') RETURNING id`,
    );
    expect(passengerRecord(db, crew.id)).toMatchObject({ crew: true, flights: [], bookings: [], coTravellers: [], sameDocument: [] });
    db.prepare('DELETE FROM passenger WHERE id = ?').run(crew.id);
    const { id } = one<{ id: number }>(
      `SELECT bp.passenger_id AS id FROM booking_passenger bp JOIN booking_passenger o ON o.booking_id = bp.booking_id AND o.passenger_id <> bp.passenger_id LIMIT 1`,
    );
    const statements: string[] = [];
    const spy = new Proxy(db, {
      get(target, key) {
        if (key === 'prepare')
          return (sql: string) => {
            statements.push(sql);
            return target.prepare(sql);
          };
        const v = Reflect.get(target, key) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    passengerRecord(spy, id);
    expect(statements.length).toBeGreaterThanOrEqual(6);
    for (const sql of statements) {
      const params = (sql.match(/\?/g) ?? []).map(() => 1);
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
      expect(
        plan.filter((d) => /^SCAN /.test(d)),
        sql,
      ).toEqual([]);
    }
  });

  it('refuses an unknown id with RECORD_NOT_FOUND, also through the API', async () => {
    expect(() => passengerRecord(db, 999_999_999)).toThrowError(expect.objectContaining({ code: 'RECORD_NOT_FOUND' }));
    expect(await t.router.call('records.passenger', { id: 999_999_999 })).toMatchObject({ ok: false, error: { code: 'RECORD_NOT_FOUND' } });
    const { id } = one<{ id: number }>('SELECT id FROM passenger ORDER BY id LIMIT 1');
    expect(await t.router.call('records.passenger', { id })).toMatchObject({ ok: true, result: { id } });
  });
});
