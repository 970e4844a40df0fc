// The import history: every import with its counts and report, and undo, which removes exactly the rows
// an import brought (found by their provenance) and keeps the batch in the history, marked undone.
import type { ImportIssueRow, ImportSummary } from '../../../shared/domain/imports.ts';
import { AppError } from '../../../shared/errors.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Db } from '../workspace/database.ts';
import { lowerScoringWatermarks } from '../targeting/engine.ts';
import { lowerDerivedWatermarks } from '../workspace/derived.ts';

type BatchRow = {
  id: number;
  source_file: string;
  format: string;
  started_at: string;
  finished_at: string | null;
  status: string;
  row_count: number;
  rejected_count: number;
  undone_at: string | null;
  warnings: number;
};

export function listImports(db: Db, limit: number): ImportSummary[] {
  const rows = db
    .prepare(
      `SELECT b.*, (SELECT count(*) FROM import_issue i WHERE i.import_id = b.id AND i.severity = 'warning') AS warnings
       FROM import_batch b ORDER BY b.id DESC LIMIT ?`,
    )
    .all(limit) as BatchRow[];
  return rows.map((r) => ({
    id: r.id,
    file: r.source_file,
    format: r.format,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    status: r.undone_at ? 'undone' : (r.status as ImportSummary['status']),
    accepted: r.row_count,
    rejected: r.rejected_count,
    warnings: r.warnings,
    undoneAt: r.undone_at,
  }));
}

export function importIssues(db: Db, importId: number): ImportIssueRow[] {
  return db
    .prepare('SELECT severity, line, code, message, field FROM import_issue WHERE import_id = ? ORDER BY id LIMIT 5000')
    .all(importId) as ImportIssueRow[];
}

/** Deletes what one import brought, in one transaction; shared records others still use are kept. */
export function undoImport(db: Db, importId: number, actor: string): { removed: Record<string, number> } {
  const batch = db.prepare('SELECT id, undone_at, source_file FROM import_batch WHERE id = ?').get(importId) as
    { id: number; undone_at: string | null; source_file: string } | undefined;
  if (!batch) throw new AppError('IMPORT_NOT_FOUND', 'There is no such import.');
  if (batch.undone_at) throw new AppError('IMPORT_ALREADY_UNDONE', 'This import has already been undone.');
  const removed: Record<string, number> = {};
  const run = (name: string, sql: string) => (removed[name] = db.prepare(sql).run(importId).changes);
  db.transaction(() => {
    // Documents whose earlier or later versions came from other imports are renumbered afterwards.
    const touched = db.prepare('SELECT DISTINCT doc_number, doc_type FROM shipment WHERE import_id = ?').all(importId) as {
      doc_number: string;
      doc_type: string;
    }[];
    run('events', 'DELETE FROM container_event WHERE import_id = ?');
    run('shipments', 'DELETE FROM shipment WHERE import_id = ?');
    run('bookings', 'DELETE FROM booking WHERE import_id = ?');
    db.prepare('DELETE FROM booking_passenger WHERE passenger_id IN (SELECT id FROM passenger WHERE import_id = ?)').run(importId);
    run('passengers', 'DELETE FROM passenger WHERE import_id = ?');
    run(
      'containers',
      `DELETE FROM container WHERE import_id = ? AND id NOT IN (SELECT container_id FROM shipment_container) AND id NOT IN (SELECT container_id FROM container_event)`,
    );
    run('parties', 'DELETE FROM party WHERE import_id = ? AND id NOT IN (SELECT party_id FROM shipment_party)');
    run(
      'conveyances',
      `DELETE FROM conveyance WHERE import_id = ? AND id NOT IN (SELECT conveyance_id FROM shipment WHERE conveyance_id IS NOT NULL)
         AND id NOT IN (SELECT conveyance_id FROM container_event WHERE conveyance_id IS NOT NULL) AND id NOT IN (SELECT conveyance_id FROM passenger_flight)
         AND id NOT IN (SELECT conveyance_id FROM itinerary_segment WHERE conveyance_id IS NOT NULL)`,
    );
    const versions = db.prepare('SELECT id FROM shipment WHERE doc_number = ? AND doc_type = ? ORDER BY version, id');
    const renumber = db.prepare('UPDATE shipment SET version = ? WHERE id = ?');
    for (const d of touched) (versions.all(d.doc_number, d.doc_type) as { id: number }[]).forEach((r, i) => renumber.run(i + 1, r.id));
    // The next import gets the ids freed at the top of each table: they must count as new again.
    lowerDerivedWatermarks(db);
    lowerScoringWatermarks(db);
    db.prepare('UPDATE import_batch SET undone_at = ?, undone_by = ? WHERE id = ?').run(new Date().toISOString(), actor, importId);
    appendAudit(db, { actor, action: 'import.undo', entity: 'import_batch', entityId: String(importId), details: { file: batch.source_file, removed } });
  })();
  return { removed };
}
