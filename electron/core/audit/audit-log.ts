// Append and verify the hash-chained audit log. Each entry's hash covers the previous hash and the
// canonical JSON of the entry, so any edit, insertion or removal breaks the chain at that entry.
import { createHash } from 'node:crypto';
import type { AuditEntry, AuditVerification } from '../../../shared/domain/workspace.ts';
import type { Db } from '../workspace/database.ts';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditInput = { actor: string; action: string; entity: string; entityId?: string | null; details?: unknown };

type Row = {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
};

/** JSON with object keys sorted at every depth: the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function entryHash(prevHash: string, row: Omit<Row, 'prev_hash' | 'hash'>): string {
  const canonical = canonicalJson({
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    details: row.details,
  });
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

/** Appends one entry; call inside the transaction of the change it records. */
export function appendAudit(db: Db, input: AuditInput): AuditEntry {
  const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const row = {
    seq: (last?.seq ?? 0) + 1,
    at: new Date().toISOString(),
    actor: input.actor,
    action: input.action,
    entity: input.entity,
    entity_id: input.entityId ?? null,
    details: canonicalJson(input.details ?? {}),
  };
  const prev = last?.hash ?? GENESIS_HASH;
  const hash = entryHash(prev, row);
  db.prepare(
    'INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, details, prev_hash, hash) VALUES (@seq, @at, @actor, @action, @entity, @entity_id, @details, @prev_hash, @hash)',
  ).run({ ...row, prev_hash: prev, hash });
  return toEntry({ ...row, prev_hash: prev, hash });
}

/** Walks the chain in order and names the first entry that does not verify. */
export function verifyAudit(db: Db): AuditVerification {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as Iterable<Row>) {
    if (row.seq !== expectedSeq) {
      return { ok: false, entries: count, brokenAt: expectedSeq, reason: `entry ${expectedSeq} is missing (next found is ${row.seq})` };
    }
    if (row.prev_hash !== prev) {
      return { ok: false, entries: count, brokenAt: row.seq, reason: 'does not follow the previous entry (previous hash differs)' };
    }
    if (entryHash(prev, row) !== row.hash) {
      return { ok: false, entries: count, brokenAt: row.seq, reason: 'content was changed after it was written (hash differs)' };
    }
    prev = row.hash;
    expectedSeq++;
    count++;
  }
  return { ok: true, entries: count, lastHash: count > 0 ? prev : null };
}

export function recentAudit(db: Db, limit: number): AuditEntry[] {
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?').all(limit) as Row[];
  return rows.map(toEntry);
}

function toEntry(row: Row): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    details: JSON.parse(row.details) as unknown,
    hash: row.hash,
  };
}
