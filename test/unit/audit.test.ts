import Database from 'better-sqlite3-multiple-ciphers';
import { beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, canonicalJson, GENESIS_HASH, verifyAudit } from '../../electron/core/audit/audit-log.ts';
import { migrate } from '../../electron/core/workspace/migrations/index.ts';

describe('audit log', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = new Database(':memory:');
    migrate(db);
    for (let i = 1; i <= 5; i++) {
      appendAudit(db, { actor: 'os:analyst', action: 'shipment.select', entity: 'shipment', entityId: String(i), details: { lane: 'red', i } });
    }
  });

  it('chains each entry to the previous one', () => {
    const rows = db.prepare('SELECT seq, prev_hash, hash FROM audit_log ORDER BY seq').all() as { seq: number; prev_hash: string; hash: string }[];
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(verifyAudit(db)).toEqual({ ok: true, entries: 5, lastHash: rows[4]!.hash });
  });

  it('refuses UPDATE and DELETE through triggers', () => {
    expect(() => db.prepare("UPDATE audit_log SET actor = 'x' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
  });

  it('names the exact entry whose content was changed around the triggers', () => {
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare(`UPDATE audit_log SET details = '{"i":3,"lane":"green"}' WHERE seq = 3`).run();
    expect(verifyAudit(db)).toMatchObject({ ok: false, brokenAt: 3, entries: 2, reason: expect.stringContaining('changed') });
  });

  it('names the entry after one that was removed', () => {
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE seq = 4').run();
    expect(verifyAudit(db)).toMatchObject({ ok: false, brokenAt: 4, reason: expect.stringContaining('missing') });
  });

  it('detects a rewritten entry whose hash was recomputed: the next one no longer follows', () => {
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare(`UPDATE audit_log SET actor = 'os:intruder', hash = ? WHERE seq = 2`).run('f'.repeat(64));
    const r = verifyAudit(db);
    expect(r.ok).toBe(false);
    expect(r).toMatchObject({ brokenAt: 2 });
  });

  it('hashes canonical JSON: key order does not matter', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
  });
});
