// The case itself: its reference (CASE-2026-0007), draft fields, listing and filtering, and the checks
// every part of a case shares (the case exists; a grade belongs to its grading system).
import { GRADES, type CaseDraft, type CaseStatus, type CaseSummary, type Grade, type GradingSystem } from '../../../shared/domain/cases.ts';
import { AppError } from '../../../shared/errors.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Db } from '../workspace/database.ts';
import { ftsQuery } from '../workspace/derived.ts';

export type CaseRow = {
  id: number;
  reference: string;
  title: string;
  summary: string;
  status: CaseStatus;
  owner: string;
  tags: string;
  tlp: CaseDraft['tlp'];
  grading: GradingSystem;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
};

export type CaseHead = Omit<CaseSummary, 'links' | 'notes' | 'attachments'>;

export const headOf = (r: CaseRow): CaseHead => ({
  id: r.id,
  reference: r.reference,
  title: r.title,
  summary: r.summary,
  status: r.status,
  owner: r.owner,
  tags: JSON.parse(r.tags) as string[],
  tlp: r.tlp,
  grading: r.grading,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function caseRow(db: Db, id: number): CaseRow {
  const r = db.prepare('SELECT * FROM "case" WHERE id = ?').get(id) as CaseRow | undefined;
  if (!r) throw new AppError('CASE_NOT_FOUND', `There is no case ${id}.`, { id });
  return r;
}

/** A grade as stored (JSON), after checking it belongs to the case's grading system. */
export function gradeJson(system: GradingSystem, grade: Grade | null): string | null {
  if (!grade) return null;
  const scale = GRADES[system];
  if (!scale.source.includes(grade.source) || !scale.information.includes(grade.information)) {
    throw new AppError('API_INVALID_INPUT', `${grade.source}${grade.information} is not a grade of the ${system} system.`, { grade, system });
  }
  return JSON.stringify({ source: grade.source, information: grade.information });
}

export const parseGrade = (json: string | null): Grade | null => (json ? (JSON.parse(json) as Grade) : null);

/** Marks the case as changed now (the list shows the most recently worked cases first). */
export function touchCase(db: Db, id: number, actor: string, at: string): void {
  db.prepare('UPDATE "case" SET updated_by = ?, updated_at = ? WHERE id = ?').run(actor, at, id);
}

/** The next reference of the year: CASE-2026-0001, CASE-2026-0002 … (by the unique index, no scan). */
function nextReference(db: Db, year: number): string {
  const prefix = `CASE-${year}-`;
  const last = db
    .prepare(`SELECT max(CAST(substr(reference, ${prefix.length + 1}) AS INTEGER)) FROM "case" WHERE reference >= ? AND reference < ?`)
    .pluck()
    .get(prefix, `CASE-${year}.`) as number | null;
  return `${prefix}${String((last ?? 0) + 1).padStart(4, '0')}`;
}

const uniqueTags = (tags: string[]) => JSON.stringify([...new Set(tags)]);

export function insertCase(db: Db, draft: CaseDraft, actor: string, at: string): number {
  const reference = nextReference(db, new Date(at).getUTCFullYear());
  const id = Number(
    db
      .prepare(
        `INSERT INTO "case" (reference, title, summary, status, owner, tags, tlp, grading, created_by, created_at, updated_by, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(reference, draft.title, draft.summary, draft.status, draft.owner, uniqueTags(draft.tags), draft.tlp, draft.grading, actor, at, actor, at)
      .lastInsertRowid,
  );
  appendAudit(db, { actor, action: 'case.create', entity: 'case', entityId: String(id), details: { reference } });
  return id;
}

export function updateCase(db: Db, id: number, draft: CaseDraft, actor: string, at: string): void {
  const before = caseRow(db, id);
  if (draft.grading !== before.grading) assertGradesFit(db, id, draft.grading);
  db.prepare(
    'UPDATE "case" SET title = ?, summary = ?, status = ?, owner = ?, tags = ?, tlp = ?, grading = ?, updated_by = ?, updated_at = ? WHERE id = ?',
  ).run(draft.title, draft.summary, draft.status, draft.owner, uniqueTags(draft.tags), draft.tlp, draft.grading, actor, at, id);
  const fields = (['title', 'summary', 'status', 'owner', 'tlp', 'grading'] as const).filter((f) => draft[f] !== before[f]);
  if (uniqueTags(draft.tags) !== before.tags) fields.push('tags' as never);
  appendAudit(db, { actor, action: 'case.update', entity: 'case', entityId: String(id), details: { fields, status: draft.status, tlp: draft.tlp } });
}

/** A case may change its grading system only while every grade in it fits the new one. */
function assertGradesFit(db: Db, id: number, system: GradingSystem): void {
  const grades = db
    .prepare(
      `SELECT grade FROM case_link WHERE case_id = @c AND grade IS NOT NULL
       UNION SELECT grade FROM case_note WHERE case_id = @c AND grade IS NOT NULL
       UNION SELECT grade FROM case_attachment WHERE case_id = @c AND grade IS NOT NULL`,
    )
    .pluck()
    .all({ c: id }) as string[];
  for (const g of grades) gradeJson(system, parseGrade(g));
}

export type CaseListQuery = { status?: CaseStatus; text?: string; tag?: string; offset: number; limit: number };

/** Cases, the most recently worked first, with how many links, notes and attachments each has. */
export function listCases(db: Db, q: CaseListQuery): { cases: CaseSummary[]; total: number } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.status) {
    where.push('c.status = ?');
    params.push(q.status);
  }
  if (q.tag) {
    where.push('EXISTS (SELECT 1 FROM json_each(c.tags) t WHERE t.value = ?)');
    params.push(q.tag);
  }
  const fts = q.text ? ftsQuery(q.text) : null;
  if (q.text && !fts) return { cases: [], total: 0 };
  if (fts) {
    where.push('c.id IN (SELECT rowid FROM case_search WHERE case_search MATCH ?)');
    params.push(fts);
  }
  const sql = where.length ? where.join(' AND ') : '1';
  const total = db
    .prepare(`SELECT count(*) FROM "case" c WHERE ${sql}`)
    .pluck()
    .get(...params) as number;
  const rows = db
    .prepare(
      `SELECT c.*,
         (SELECT count(*) FROM case_link WHERE case_id = c.id) AS links,
         (SELECT count(*) FROM case_note WHERE case_id = c.id) AS notes,
         (SELECT count(*) FROM case_attachment WHERE case_id = c.id) AS attachments
       FROM "case" c WHERE ${sql} ORDER BY c.updated_at DESC, c.id DESC LIMIT ? OFFSET ?`,
    )
    .all(...params, q.limit, q.offset) as (CaseRow & { links: number; notes: number; attachments: number })[];
  return { cases: rows.map((r) => ({ ...headOf(r), links: r.links, notes: r.notes, attachments: r.attachments })), total };
}

/** An FTS5 query from what a person typed: every word, as a prefix, in any script (null: no words). */
