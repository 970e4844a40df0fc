// A case's timeline: what happened in the case (created, notes written and edited, records linked,
// exhibits added, tasks due, seizures) merged with the linked records' own dates (departures and arrivals,
// container events, hits with their decisions and outcomes), in time order.
import type { TimelineEvent } from '../../../shared/domain/cases.ts';
import type { Db } from '../workspace/database.ts';
import { caseRow } from './case-store.ts';
import { linkedIds } from './links.ts';
import { seizuresOf } from './seizures.ts';

type Push = (e: TimelineEvent) => void;
const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');
const CHUNK = 500;

/** Runs `sql` with `(…)` replaced by placeholders, over ids in chunks. */
function eachIn<T>(db: Db, sql: string, ids: number[], fn: (row: T) => void): void {
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK);
    for (const r of db.prepare(sql.replace('(…)', `(${marks(part.length)})`)).iterate(...part) as Iterable<T>) fn(r);
  }
}

const excerpt = (text: string) => (text.length > 160 ? `${text.slice(0, 159).trimEnd()}…` : text).replace(/\s+/g, ' ');

function caseEvents(db: Db, caseId: number, push: Push): void {
  const c = caseRow(db, caseId);
  push({ at: c.created_at, kind: 'created', code: 'case.created', title: `Case ${c.reference} opened`, detail: c.title, ref: null });
  for (const n of db.prepare('SELECT id, created_at, created_by, substr(text, 1, 400) AS text FROM case_note WHERE case_id = ?').iterate(caseId) as Iterable<{
    id: number;
    created_at: string;
    created_by: string;
    text: string;
  }>)
    push({ at: n.created_at, kind: 'note', code: 'note.created', title: `Note by ${n.created_by}`, detail: excerpt(n.text), ref: `note:${n.id}` });
  // Every edit: the versions after the first, whether kept in the history or current.
  for (const e of db
    .prepare(
      `SELECT v.note_id AS id, v.edited_at AS at, v.edited_by AS by FROM case_note n JOIN case_note_version v ON v.note_id = n.id WHERE n.case_id = @c AND v.version > 1
       UNION ALL SELECT id, updated_at, updated_by FROM case_note WHERE case_id = @c AND version > 1`,
    )
    .iterate({ c: caseId }) as Iterable<{ id: number; at: string; by: string }>)
    push({ at: e.at, kind: 'note', code: 'note.edited', title: `Note edited by ${e.by}`, detail: '', ref: `note:${e.id}` });
  for (const l of db.prepare('SELECT kind, ref_id, label, added_at FROM case_link WHERE case_id = ?').iterate(caseId) as Iterable<{
    kind: string;
    ref_id: number;
    label: string;
    added_at: string;
  }>)
    push({ at: l.added_at, kind: 'link', code: 'link.added', title: `Linked ${l.kind} ${l.label}`, detail: '', ref: `${l.kind}:${l.ref_id}` });
  for (const a of db.prepare('SELECT id, name, size, added_at, added_by FROM case_attachment WHERE case_id = ?').iterate(caseId) as Iterable<{
    id: number;
    name: string;
    size: number;
    added_at: string;
    added_by: string;
  }>)
    push({
      at: a.added_at,
      kind: 'attachment',
      code: 'attachment.added',
      title: `Attached ${a.name}`,
      detail: `${a.size} bytes, by ${a.added_by}`,
      ref: `attachment:${a.id}`,
    });
  for (const t of db.prepare('SELECT id, title, assignee, due, done FROM case_task WHERE case_id = ? AND due IS NOT NULL').iterate(caseId) as Iterable<{
    id: number;
    title: string;
    assignee: string;
    due: string;
    done: number;
  }>)
    push({
      at: t.due,
      kind: 'task',
      code: 'task.due',
      title: `Task due: ${t.title}`,
      detail: [t.assignee, t.done ? 'done' : 'open'].filter(Boolean).join(' · '),
      ref: `task:${t.id}`,
    });
  for (const s of seizuresOf(db, caseId))
    push({
      at: s.date,
      kind: 'seizure',
      code: 'seizure',
      title: `Seizure: ${s.commodity} ${s.quantity} ${s.unit}`,
      detail: [s.place, s.concealment, s.detection].filter(Boolean).join(' · '),
      ref: `seizure:${s.id}`,
    });
}

function recordEvents(db: Db, caseId: number, push: Push): void {
  const shipments = linkedIds(db, caseId, 'shipment');
  eachIn<{
    id: number;
    doc_number: string;
    departure_date: string | null;
    arrival_date: string | null;
    place_loading: string | null;
    place_discharge: string | null;
  }>(db, 'SELECT id, doc_number, departure_date, arrival_date, place_loading, place_discharge FROM shipment WHERE id IN (…)', shipments, (s) => {
    const ref = `shipment:${s.id}`;
    if (s.departure_date)
      push({ at: s.departure_date, kind: 'shipment', code: 'shipment.departure', title: `Departure of ${s.doc_number}`, detail: s.place_loading ?? '', ref });
    if (s.arrival_date)
      push({ at: s.arrival_date, kind: 'shipment', code: 'shipment.arrival', title: `Arrival of ${s.doc_number}`, detail: s.place_discharge ?? '', ref });
  });
  eachIn<{ container_id: number; number: string; kind: string; at: string; place: string | null; status_text: string | null }>(
    db,
    'SELECT e.container_id, k.number, e.kind, e.at, e.place, e.status_text FROM container_event e JOIN container k ON k.id = e.container_id WHERE e.container_id IN (…)',
    linkedIds(db, caseId, 'container'),
    (e) =>
      push({
        at: e.at,
        kind: 'container_event',
        code: `container.${e.kind}`,
        title: `${e.number}: ${e.kind.replaceAll('_', ' ')}`,
        detail: [e.place, e.status_text].filter(Boolean).join(' · '),
        ref: `container:${e.container_id}`,
      }),
  );
  // Hits linked, and the hits of the shipments and passengers linked.
  const hits = new Set(linkedIds(db, caseId, 'hit'));
  for (const entity of ['shipment', 'passenger'] as const)
    eachIn<{ id: number }>(
      db,
      `SELECT id FROM target_hit WHERE entity = '${entity}' AND entity_id IN (…)`,
      entity === 'shipment' ? shipments : linkedIds(db, caseId, entity),
      (h) => hits.add(h.id),
    );
  type HitRow = {
    id: number;
    lane: string;
    score: number;
    scored_at: string;
    decision: string | null;
    reason: string | null;
    decided_by: string | null;
    decided_at: string | null;
    outcome: string | null;
    outcome_at: string | null;
  };
  eachIn<HitRow>(db, 'SELECT * FROM target_hit WHERE id IN (…)', [...hits], (h) => {
    const ref = `hit:${h.id}`;
    push({ at: h.scored_at, kind: 'hit', code: 'hit.scored', title: `Hit ${h.id}: ${h.lane} lane`, detail: `score ${Math.round(h.score * 100) / 100}`, ref });
    if (h.decided_at && h.decision)
      push({
        at: h.decided_at,
        kind: 'decision',
        code: 'hit.decided',
        title: `Hit ${h.id}: ${h.decision}`,
        detail: [h.decided_by, h.reason].filter(Boolean).join(' · '),
        ref,
      });
    if (h.outcome_at && h.outcome)
      push({ at: h.outcome_at, kind: 'decision', code: 'hit.outcome', title: `Hit ${h.id}: inspection ${h.outcome}`, detail: '', ref });
  });
}

export function caseTimeline(db: Db, caseId: number): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  const push: Push = (e) => events.push(e);
  caseEvents(db, caseId, push);
  recordEvents(db, caseId, push);
  // Dates without a time sort before the times of the same day; ties keep the order they were gathered in.
  return events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
