// Records linked to a case: each kind named as a person reads it, linked once (a second time is skipped),
// and refused when the record does not exist. A case made from a hit starts with the hit, its record and
// its seizures.
import type { CaseLink, CaseLinkKind, Grade, GradingSystem } from '../../../shared/domain/cases.ts';
import { AppError } from '../../../shared/errors.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { conveyanceLabel } from '../records/labels.ts';
import type { Db } from '../workspace/database.ts';
import { gradeJson, parseGrade } from './case-store.ts';

/** How each kind of record is named: SELECT id, label FROM … WHERE id IN (…). */
const LABELS: Record<CaseLinkKind, string> = {
  shipment: `SELECT id, doc_number FROM shipment WHERE id IN`,
  container: `SELECT id, number FROM container WHERE id IN`,
  party: `SELECT id, name FROM party WHERE id IN`,
  passenger: `SELECT id, surname || coalesce(', ' || given_names, '') FROM passenger WHERE id IN`,
  booking: `SELECT id, record_locator FROM booking WHERE id IN`,
  conveyance: `SELECT c.id, coalesce(${conveyanceLabel('c', true)}, c.plates, 'conveyance ' || c.id) FROM conveyance c WHERE c.id IN`,
  hit: `SELECT h.id, 'Hit ' || h.id || ' · ' || h.lane || ' · ' || coalesce(CASE h.entity WHEN 'shipment' THEN (SELECT doc_number FROM shipment WHERE id = h.entity_id)
    ELSE (SELECT surname || coalesce(', ' || given_names, '') FROM passenger WHERE id = h.entity_id) END, h.entity || ' ' || h.entity_id) FROM target_hit h WHERE h.id IN`,
  seizure: `SELECT id, commodity || ' ' || quantity || ' ' || unit || ' · ' || date FROM seizure WHERE id IN`,
  chart: `SELECT id, name FROM graph_chart WHERE id IN`,
};

const CHUNK = 500;

/** The labels of records of one kind (absent ids are missing from the map). */
export function recordLabels(db: Db, kind: CaseLinkKind, ids: number[]): Map<number, string> {
  const out = new Map<number, string>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const part = unique.slice(i, i + CHUNK);
    for (const [id, label] of db
      .prepare(`${LABELS[kind]} (${part.map(() => '?').join(',')})`)
      .raw()
      .all(...part) as [number, string | null][])
      out.set(id, label ?? `${kind} ${id}`);
  }
  return out;
}

/** The label of one record; RECORD_NOT_FOUND if there is none. */
export function recordLabel(db: Db, kind: CaseLinkKind, id: number): string {
  const label = recordLabels(db, kind, [id]).get(id);
  if (label === undefined) throw new AppError('RECORD_NOT_FOUND', `There is no ${kind} ${id} in this workspace.`, { kind, id });
  return label;
}

export type LinkItem = { kind: CaseLinkKind; refId: number; note: string; grade: Grade | null };

/** Adds the records not yet linked; all of them must exist. Returns how many were added. */
export function addLinks(db: Db, caseId: number, grading: GradingSystem, items: LinkItem[], actor: string, at: string): number {
  const labels = new Map<CaseLinkKind, Map<number, string>>();
  for (const kind of new Set(items.map((i) => i.kind))) {
    const ids = items.filter((i) => i.kind === kind).map((i) => i.refId);
    const found = recordLabels(db, kind, ids);
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) throw new AppError('RECORD_NOT_FOUND', `There is no ${kind} ${missing[0]} in this workspace.`, { kind, ids: missing.slice(0, 20) });
    labels.set(kind, found);
  }
  const insert = db.prepare(
    `INSERT INTO case_link (case_id, kind, ref_id, label, note, grade, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (case_id, kind, ref_id) DO NOTHING`,
  );
  let added = 0;
  const counts: Record<string, number> = {};
  for (const i of items) {
    const grade = gradeJson(grading, i.grade);
    if (insert.run(caseId, i.kind, i.refId, labels.get(i.kind)!.get(i.refId)!, i.note, grade, actor, at).changes) {
      added++;
      counts[i.kind] = (counts[i.kind] ?? 0) + 1;
    }
  }
  if (added)
    appendAudit(db, {
      actor,
      action: 'case.link',
      entity: 'case',
      entityId: String(caseId),
      details: { added: counts, refs: items.length <= 50 ? items.map((i) => `${i.kind}:${i.refId}`) : undefined },
    });
  return added;
}

export function removeLink(db: Db, caseId: number, linkId: number, actor: string): void {
  const row = db.prepare('SELECT kind, ref_id FROM case_link WHERE id = ? AND case_id = ?').get(linkId, caseId) as { kind: string; ref_id: number } | undefined;
  if (!row) throw new AppError('CASE_NOT_FOUND', `Case ${caseId} has no link ${linkId}.`, { caseId, linkId });
  db.prepare('DELETE FROM case_link WHERE id = ?').run(linkId);
  appendAudit(db, { actor, action: 'case.unlink', entity: 'case', entityId: String(caseId), details: { link: linkId, ref: `${row.kind}:${row.ref_id}` } });
}

/** What a case made from a hit starts with: the hit, the shipment or passenger it is on, its seizures. */
export function hitLinks(db: Db, hitId: number): LinkItem[] {
  const hit = db.prepare('SELECT entity, entity_id FROM target_hit WHERE id = ?').get(hitId) as
    { entity: 'shipment' | 'passenger'; entity_id: number } | undefined;
  if (!hit) throw new AppError('RECORD_NOT_FOUND', `There is no hit ${hitId} in this workspace.`, { kind: 'hit', id: hitId });
  const seizures = db.prepare('SELECT id FROM seizure WHERE hit_id = ? ORDER BY id').pluck().all(hitId) as number[];
  const item = (kind: CaseLinkKind, refId: number): LinkItem => ({ kind, refId, note: '', grade: null });
  return [item('hit', hitId), item(hit.entity, hit.entity_id), ...seizures.map((id) => item('seizure', id))];
}

type LinkRow = { id: number; kind: CaseLinkKind; ref_id: number; label: string; note: string; grade: string | null; added_by: string; added_at: string };

export function linksOf(db: Db, caseId: number): CaseLink[] {
  return (db.prepare('SELECT * FROM case_link WHERE case_id = ? ORDER BY id').all(caseId) as LinkRow[]).map((r) => ({
    id: r.id,
    kind: r.kind,
    refId: r.ref_id,
    label: r.label,
    note: r.note,
    grade: parseGrade(r.grade),
    addedBy: r.added_by,
    addedAt: r.added_at,
  }));
}

/** The ids of the records of one kind linked to a case. */
export function linkedIds(db: Db, caseId: number, kind: CaseLinkKind): number[] {
  return db.prepare('SELECT ref_id FROM case_link WHERE case_id = ? AND kind = ?').pluck().all(caseId, kind) as number[];
}
