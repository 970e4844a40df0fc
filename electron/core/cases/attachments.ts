// Exhibits: a file is hashed (SHA-256 of its plaintext), encrypted (attachment-crypto.ts) and written under
// a random name in the workspace's attachments/ folder; its row keeps the name, type, size, hash and who
// added it. Every time it is added, viewed, exported or handed over, its chain of custody gets an entry.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseAttachment, CustodyEntry, Grade, GradingSystem } from '../../../shared/domain/cases.ts';
import { AppError } from '../../../shared/errors.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { writeFileAtomic } from '../app/atomic-file.ts';
import type { Db } from '../workspace/database.ts';
import { decryptAttachment, encryptAttachment } from './attachment-crypto.ts';
import { gradeJson, parseGrade } from './case-store.ts';

export type AttachmentStore = { dir: string; key: Buffer };

type AttachmentRow = {
  id: number;
  case_id: number;
  name: string;
  media_type: string;
  size: number;
  sha256: string;
  file: string;
  grade: string | null;
  description: string;
  added_by: string;
  added_at: string;
};

export type NewAttachment = { caseId: number; name: string; mediaType: string; data: Buffer; description: string; grade: Grade | null };

/** Stores a file as an attachment of its case (call inside a transaction: a failed write leaves no row,
 * and a failed commit is cleaned up by the caller through the returned file path). */
export function addAttachment(
  db: Db,
  store: AttachmentStore,
  grading: GradingSystem,
  a: NewAttachment,
  actor: string,
  at: string,
): { id: number; path: string } {
  const sha256 = createHash('sha256').update(a.data).digest('hex');
  const file = `${randomBytes(16).toString('hex')}.pca`;
  const id = Number(
    db
      .prepare(
        'INSERT INTO case_attachment (case_id, name, media_type, size, sha256, file, grade, description, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(a.caseId, a.name, a.mediaType, a.data.length, sha256, file, gradeJson(grading, a.grade), a.description, actor, at).lastInsertRowid,
  );
  addCustody(db, id, 'added', `SHA-256 ${sha256}, ${a.data.length} bytes`, actor, at);
  appendAudit(db, {
    actor,
    action: 'case.attachment.add',
    entity: 'case_attachment',
    entityId: String(id),
    details: { case: a.caseId, sha256, size: a.data.length },
  });
  const path = join(store.dir, file);
  writeFileAtomic(path, encryptAttachment(store.key, a.data, { caseId: a.caseId, attachmentId: id }));
  return { id, path };
}

/** Removes a file written for a row that was then not committed. */
export function discardFile(path: string): void {
  rmSync(path, { force: true });
}

function attachmentRow(db: Db, id: number): AttachmentRow {
  const r = db.prepare('SELECT * FROM case_attachment WHERE id = ?').get(id) as AttachmentRow | undefined;
  if (!r) throw new AppError('CASE_ATTACHMENT_NOT_FOUND', `There is no attachment ${id}.`, { id });
  return r;
}

/** The decrypted content, checked against the hash recorded when it was added (ATTACHMENT_TAMPERED). */
export function readAttachment(db: Db, store: AttachmentStore, id: number): { row: AttachmentRow; data: Buffer } {
  const row = attachmentRow(db, id);
  const path = join(store.dir, row.file);
  if (!existsSync(path)) throw new AppError('CASE_ATTACHMENT_NOT_FOUND', `The file of attachment ${id} is missing from the workspace.`, { id });
  const data = decryptAttachment(store.key, readFileSync(path), { caseId: row.case_id, attachmentId: id });
  const sha256 = createHash('sha256').update(data).digest('hex');
  if (sha256 !== row.sha256) {
    data.fill(0);
    throw new AppError('ATTACHMENT_TAMPERED', 'This attachment no longer matches the hash recorded when it was added.', { id, why: 'hash mismatch' });
  }
  return { row, data };
}

export function addCustody(db: Db, attachmentId: number, action: CustodyEntry['action'], detail: string, actor: string, at: string): void {
  db.prepare('INSERT INTO case_custody (attachment_id, at, actor, action, detail) VALUES (?, ?, ?, ?, ?)').run(attachmentId, at, actor, action, detail);
}

/** The case an attachment belongs to. */
export function caseOfAttachment(db: Db, id: number): number {
  return attachmentRow(db, id).case_id;
}

const attachmentOf = (r: AttachmentRow, custody: CustodyEntry[]): CaseAttachment => ({
  id: r.id,
  name: r.name,
  mediaType: r.media_type,
  size: r.size,
  sha256: r.sha256,
  grade: parseGrade(r.grade),
  description: r.description,
  addedBy: r.added_by,
  addedAt: r.added_at,
  custody,
});

type CustodyRow = { attachment_id: number; at: string; actor: string; action: CustodyEntry['action']; detail: string };
const custodyOf = (c: CustodyRow): CustodyEntry => ({ at: c.at, actor: c.actor, action: c.action, detail: c.detail });

export function attachmentById(db: Db, id: number): CaseAttachment {
  const custody = db.prepare('SELECT * FROM case_custody WHERE attachment_id = ? ORDER BY id').all(id) as CustodyRow[];
  return attachmentOf(attachmentRow(db, id), custody.map(custodyOf));
}

/** A case's attachments, oldest first, each with its chain of custody (two queries in all). */
export function attachmentsOf(db: Db, caseId: number): CaseAttachment[] {
  const custody = new Map<number, CustodyEntry[]>();
  for (const c of db
    .prepare('SELECT c.* FROM case_attachment a JOIN case_custody c ON c.attachment_id = a.id WHERE a.case_id = ? ORDER BY c.id')
    .iterate(caseId) as Iterable<CustodyRow>) {
    const list = custody.get(c.attachment_id);
    if (list) list.push(custodyOf(c));
    else custody.set(c.attachment_id, [custodyOf(c)]);
  }
  return (db.prepare('SELECT * FROM case_attachment WHERE case_id = ? ORDER BY id').all(caseId) as AttachmentRow[]).map((r) =>
    attachmentOf(r, custody.get(r.id) ?? []),
  );
}
