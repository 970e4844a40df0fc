// The notebook: rich-text entries (tiptap JSON) with their plain text for search and reports. Saving a
// note again keeps the version it replaces; the records it @-mentions are kept so that a record can tell
// which notes speak of it.
import type { CaseNote, CaseNoteVersion, Grade, GradingSystem } from '../../../shared/domain/cases.ts';
import { AppError } from '../../../shared/errors.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Db } from '../workspace/database.ts';
import { gradeJson, parseGrade } from './case-store.ts';

const MENTION_ID = /^[a-z_]{2,30}:[1-9][0-9]{0,14}$/;

/** The records a tiptap document mentions ("shipment:12"), once each. */
export function mentionsOf(body: unknown): string[] {
  const found = new Set<string>();
  // Iterative walk: a pasted document may nest deeper than the call stack allows.
  const stack: unknown[] = [body];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push(node[i]);
    } else if (node && typeof node === 'object') {
      const n = node as { type?: unknown; attrs?: { id?: unknown }; content?: unknown };
      if (n.type === 'mention' && typeof n.attrs?.id === 'string' && MENTION_ID.test(n.attrs.id)) found.add(n.attrs.id);
      if (n.content !== undefined) stack.push(n.content);
    }
  }
  return [...found];
}

type NoteRow = {
  id: number;
  case_id: number;
  body: string;
  text: string;
  grade: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
};

export type NoteInput = { caseId: number; id: number | null; body: unknown; text: string; grade: Grade | null };

/** Writes a new note, or a new version of one (the one it replaces goes to the history). Returns its id. */
export function writeNote(db: Db, grading: GradingSystem, input: NoteInput, actor: string, at: string): number {
  const body = JSON.stringify(input.body);
  const grade = gradeJson(grading, input.grade);
  const mentions = mentionsOf(input.body);
  let id = input.id;
  let version = 1;
  if (id === null) {
    id = Number(
      db
        .prepare(
          'INSERT INTO case_note (case_id, body, text, grade, version, created_by, created_at, updated_by, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)',
        )
        .run(input.caseId, body, input.text, grade, actor, at, actor, at).lastInsertRowid,
    );
  } else {
    const old = db.prepare('SELECT * FROM case_note WHERE id = ? AND case_id = ?').get(id, input.caseId) as NoteRow | undefined;
    if (!old) throw new AppError('CASE_NOT_FOUND', `Case ${input.caseId} has no note ${id}.`, { caseId: input.caseId, noteId: id });
    db.prepare('INSERT INTO case_note_version (note_id, version, body, text, grade, edited_by, edited_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      id,
      old.version,
      old.body,
      old.text,
      old.grade,
      old.updated_by,
      old.updated_at,
    );
    version = old.version + 1;
    db.prepare('UPDATE case_note SET body = ?, text = ?, grade = ?, version = ?, updated_by = ?, updated_at = ? WHERE id = ?').run(
      body,
      input.text,
      grade,
      version,
      actor,
      at,
      id,
    );
    db.prepare('DELETE FROM case_note_mention WHERE note_id = ?').run(id);
  }
  const mention = db.prepare('INSERT INTO case_note_mention (note_id, ref) VALUES (?, ?)');
  for (const ref of mentions) mention.run(id, ref);
  appendAudit(db, {
    actor,
    action: input.id === null ? 'case.note.create' : 'case.note.update',
    entity: 'case_note',
    entityId: String(id),
    details: { case: input.caseId, version, mentions: mentions.length },
  });
  return id;
}

const noteOf = (r: NoteRow, mentions: string[]): CaseNote => ({
  id: r.id,
  body: JSON.parse(r.body) as unknown,
  text: r.text,
  grade: parseGrade(r.grade),
  mentions,
  version: r.version,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedBy: r.updated_by,
  updatedAt: r.updated_at,
});

export function noteById(db: Db, id: number): CaseNote {
  const r = db.prepare('SELECT * FROM case_note WHERE id = ?').get(id) as NoteRow | undefined;
  if (!r) throw new AppError('CASE_NOT_FOUND', `There is no note ${id}.`, { noteId: id });
  return noteOf(r, db.prepare('SELECT ref FROM case_note_mention WHERE note_id = ? ORDER BY ref').pluck().all(id) as string[]);
}

/** A case's notes, oldest first, with their mentions (two queries, whatever the number of notes). */
export function notesOf(db: Db, caseId: number): CaseNote[] {
  const mentions = new Map<number, string[]>();
  for (const [noteId, ref] of db
    .prepare('SELECT m.note_id, m.ref FROM case_note n JOIN case_note_mention m ON m.note_id = n.id WHERE n.case_id = ?')
    .raw()
    .iterate(caseId) as Iterable<[number, string]>) {
    const list = mentions.get(noteId);
    if (list) list.push(ref);
    else mentions.set(noteId, [ref]);
  }
  return (db.prepare('SELECT * FROM case_note WHERE case_id = ? ORDER BY id').all(caseId) as NoteRow[]).map((r) => noteOf(r, mentions.get(r.id) ?? []));
}

/** Every version of a note, the current one first. */
export function noteHistory(db: Db, noteId: number): CaseNoteVersion[] {
  const current = db.prepare('SELECT * FROM case_note WHERE id = ?').get(noteId) as NoteRow | undefined;
  if (!current) throw new AppError('CASE_NOT_FOUND', `There is no note ${noteId}.`, { noteId });
  const older = db.prepare('SELECT version, body, text, edited_by, edited_at FROM case_note_version WHERE note_id = ? ORDER BY version DESC').all(noteId) as {
    version: number;
    body: string;
    text: string;
    edited_by: string;
    edited_at: string;
  }[];
  return [
    { version: current.version, body: JSON.parse(current.body) as unknown, text: current.text, editedBy: current.updated_by, editedAt: current.updated_at },
    ...older.map((v) => ({ version: v.version, body: JSON.parse(v.body) as unknown, text: v.text, editedBy: v.edited_by, editedAt: v.edited_at })),
  ];
}
