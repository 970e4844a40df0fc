// Seizures as a case records them (the fields of a CEN seizure record): one table with targeting's, so a
// seizure recorded at a hit's outcome shows in the case made from that hit, and one recorded in a case
// counts in targeting's statistics when it names its shipment or passenger.
import type { CaseSeizure, CaseSeizureSchema } from '../../../shared/domain/cases.ts';
import { AppError } from '../../../shared/errors.ts';
import type { z } from 'zod';
import { appendAudit } from '../audit/audit-log.ts';
import type { Db } from '../workspace/database.ts';
import { recordLabel, recordLabels } from './links.ts';

export type SeizureFields = z.output<typeof CaseSeizureSchema>;

type SeizureRow = {
  id: number;
  hit_id: number | null;
  case_id: number | null;
  entity: 'shipment' | 'passenger' | null;
  entity_id: number | null;
  entity_label: string;
  category: SeizureFields['category'];
  commodity: string;
  quantity: number;
  unit: SeizureFields['unit'];
  concealment: SeizureFields['concealment'];
  detection: SeizureFields['detection'];
  place: string;
  date: string;
  route: string;
  involved: string;
  photos: string;
  notes: string;
  created_by: string;
  created_at: string;
};

const seizureOf = (r: SeizureRow): CaseSeizure => ({
  id: r.id,
  category: r.category,
  commodity: r.commodity,
  quantity: r.quantity,
  unit: r.unit,
  concealment: r.concealment,
  detection: r.detection,
  place: r.place,
  date: r.date,
  route: JSON.parse(r.route) as string[],
  involved: JSON.parse(r.involved) as SeizureFields['involved'],
  photos: JSON.parse(r.photos) as number[],
  entity: r.entity,
  entityId: r.entity_id,
  notes: r.notes,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** The seizures recorded in a case and those linked to it (from a hit), oldest first. */
export function seizuresOf(db: Db, caseId: number): CaseSeizure[] {
  const rows = db
    .prepare(
      `SELECT * FROM seizure WHERE case_id = @c
       UNION SELECT s.* FROM case_link l JOIN seizure s ON s.id = l.ref_id WHERE l.case_id = @c AND l.kind = 'seizure'
       ORDER BY date, id`,
    )
    .all({ c: caseId }) as SeizureRow[];
  return rows.map(seizureOf);
}

export function seizureById(db: Db, id: number): CaseSeizure {
  const r = db.prepare('SELECT * FROM seizure WHERE id = ?').get(id) as SeizureRow | undefined;
  if (!r) throw new AppError('CASE_NOT_FOUND', `There is no seizure ${id}.`, { seizureId: id });
  return seizureOf(r);
}

/** Checks what a seizure refers to: its record, the persons and companies involved, the case's photos. */
function checkReferences(db: Db, caseId: number, s: SeizureFields): string {
  if ((s.entity === null) !== (s.entityId === null))
    throw new AppError('API_INVALID_INPUT', 'A seizure names both the kind of record it was found in and the record, or neither.');
  for (const kind of ['party', 'passenger'] as const) {
    const ids = s.involved.filter((i) => i.kind === kind).map((i) => i.id);
    const found = recordLabels(db, kind, ids);
    const missing = ids.find((id) => !found.has(id));
    if (missing !== undefined) throw new AppError('RECORD_NOT_FOUND', `There is no ${kind} ${missing} in this workspace.`, { kind, id: missing });
  }
  if (s.photos.length) {
    const ids = [...new Set(s.photos)];
    const mine = db
      .prepare(`SELECT count(*) FROM case_attachment WHERE case_id = ? AND id IN (${ids.map(() => '?').join(',')})`)
      .pluck()
      .get(caseId, ...ids) as number;
    if (mine !== ids.length) throw new AppError('API_INVALID_INPUT', 'A seizure’s photos must be attachments of its case.', { photos: ids });
  }
  return s.entity && s.entityId ? recordLabel(db, s.entity, s.entityId) : '';
}

/** Records a seizure in a case (id null) or updates one the case holds or links. Returns its id. */
export function writeSeizure(db: Db, caseId: number, id: number | null, s: SeizureFields, actor: string, at: string): number {
  const label = checkReferences(db, caseId, s);
  const created = id === null;
  const values = [
    s.entity,
    s.entityId,
    label,
    s.category,
    s.commodity,
    s.quantity,
    s.unit,
    s.concealment,
    s.detection,
    s.place,
    s.date,
    JSON.stringify(s.route),
    JSON.stringify(s.involved),
    JSON.stringify([...new Set(s.photos)]),
    s.notes,
  ];
  if (id === null) {
    id = Number(
      db
        .prepare(
          `INSERT INTO seizure (case_id, entity, entity_id, entity_label, category, commodity, quantity, unit, concealment, detection, place, date, route, involved, photos, notes, created_by, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(caseId, ...values, actor, at).lastInsertRowid,
    );
  } else {
    const held = db
      .prepare(
        `SELECT 1 FROM seizure WHERE id = @s AND (case_id = @c OR EXISTS (SELECT 1 FROM case_link WHERE case_id = @c AND kind = 'seizure' AND ref_id = @s))`,
      )
      .get({ s: id, c: caseId });
    if (!held) throw new AppError('CASE_NOT_FOUND', `Case ${caseId} holds no seizure ${id}.`, { caseId, seizureId: id });
    db.prepare(
      `UPDATE seizure SET entity = ?, entity_id = ?, entity_label = ?, category = ?, commodity = ?, quantity = ?, unit = ?, concealment = ?, detection = ?,
         place = ?, date = ?, route = ?, involved = ?, photos = ?, notes = ?, case_id = coalesce(case_id, ?) WHERE id = ?`,
    ).run(...values, caseId, id);
  }
  appendAudit(db, {
    actor,
    action: created ? 'case.seizure.create' : 'case.seizure.update',
    entity: 'seizure',
    entityId: String(id),
    details: { case: caseId, category: s.category, entity: s.entity ? `${s.entity}:${s.entityId}` : null },
  });
  return id;
}
