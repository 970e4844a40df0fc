import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { MIGRATIONS, migrate, schemaVersion, type Migration } from '../../electron/core/workspace/migrations/index.ts';

const memory = () => new Database(':memory:');

describe('migrations', () => {
  it('are numbered 1..n in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_m, i) => i + 1));
  });

  it.each(MIGRATIONS.map((m) => [m.version, m.name, m] as const))('migration %i (%s) applies on top of the ones before it', (version, _name, m) => {
    const db = memory();
    migrate(db, MIGRATIONS.slice(0, version - 1));
    const schema = () => JSON.stringify(db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY type, name').all());
    const before = schema();
    migrate(db, MIGRATIONS.slice(0, version));
    expect(schemaVersion(db)).toBe(version);
    if (m.dataOnly) expect(schema()).toBe(before);
    else expect(schema()).not.toBe(before);
    expect(m.version).toBe(version);
  });

  it('runs pending migrations in one transaction: a failing one leaves nothing behind', () => {
    const db = memory();
    const broken: Migration = { version: MIGRATIONS.length + 1, name: 'broken', up: (d) => d.exec('CREATE TABLE x (a); SELECT no_such_function();') };
    expect(() => migrate(db, [...MIGRATIONS, broken])).toThrow();
    expect(schemaVersion(db)).toBe(0);
    expect(db.prepare('SELECT count(*) AS n FROM sqlite_master').get()).toEqual({ n: 0 });
  });

  it('refuses a database from the future', () => {
    const db = memory();
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    expect(() => migrate(db)).toThrowError(expect.objectContaining({ code: 'WORKSPACE_FROM_NEWER_VERSION' }));
    expect(() => migrate(db)).toThrow(AppError);
  });

  it('refuses migrations out of order', () => {
    const db = memory();
    expect(() => migrate(db, [MIGRATIONS[1]!])).toThrow(/expected 1/);
  });

  it('is a no-op when up to date', () => {
    const db = memory();
    migrate(db);
    expect(migrate(db)).toEqual({ from: MIGRATIONS.length, to: MIGRATIONS.length });
  });
});

describe('hot lookups use their index', () => {
  const db = memory();
  migrate(db);
  const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');

  it.each([
    ['shipment by transport document', "SELECT * FROM shipment WHERE doc_number = 'X'", 'shipment_doc_number'],
    ['house bills of a master', "SELECT * FROM shipment WHERE master_doc_number = 'X'", 'shipment_master'],
    ['arrivals page (keyset)', "SELECT * FROM shipment WHERE (arrival_date, id) > ('2026-01-01', 5) ORDER BY arrival_date, id LIMIT 100", 'shipment_arrival'],
    ['shipments of a party', 'SELECT shipment_id FROM shipment_party WHERE party_id = 1', 'shipment_party_party'],
    ['party by normalised name', "SELECT * FROM party WHERE name_norm = 'x'", 'party_name_norm'],
    ['container by number', "SELECT * FROM container WHERE number = 'CSQU3054383'", 'sqlite_autoindex_container_1'],
    ['track and trace of a container', 'SELECT * FROM container_event WHERE container_id = 1 ORDER BY at', 'container_event_track'],
    ['shipments in a container', 'SELECT shipment_id FROM shipment_container WHERE container_id = 1', 'shipment_container_container'],
    ['passenger by document', "SELECT * FROM passenger WHERE doc_number = 'X' AND doc_country = 'BIH'", 'passenger_document'],
    ['passenger by name and birth date', "SELECT * FROM passenger WHERE name_norm = 'x' AND birth_date = '1980-01-01'", 'passenger_name_norm'],
    ['booking by record locator', "SELECT * FROM booking WHERE record_locator = 'ABC123'", 'booking_record_locator'],
    ['audit entries of a record', "SELECT * FROM audit_log WHERE entity = 'case' AND entity_id = '1'", 'audit_log_entity'],
  ])('%s', (_name, sql, index) => {
    const detail = plan(sql);
    expect(detail).toContain(index);
    expect(detail).not.toMatch(/SCAN (shipment|party|container|passenger|booking|audit_log)\b(?! USING)/);
    expect(detail).not.toContain('USE TEMP B-TREE');
  });
});
