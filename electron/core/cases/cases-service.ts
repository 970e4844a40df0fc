// Cases (issue 8) for the UI and the CLI: the case, its links, notebook, attachments, seizures, tasks,
// timeline and search. Each concern lives in its own module; this class runs them in transactions, marks
// the case as worked on, and tells the UI which tables changed.
import type { MethodName, MethodOutput, ParsedInput } from '../../../shared/api.ts';
import type { CaseDetail, CaseSearchHit, CaseTask, TimelineEvent } from '../../../shared/domain/cases.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { EventBus } from '../app/events.ts';
import type { Db } from '../workspace/database.ts';
import type { WorkspaceService } from '../workspace/workspace-service.ts';
import { AttachmentUploads } from './attachment-uploads.ts';
import {
  addAttachment,
  addCustody,
  attachmentById,
  attachmentsOf,
  caseOfAttachment,
  discardFile,
  readAttachment,
  type AttachmentStore,
} from './attachments.ts';
import { caseRow, headOf, insertCase, listCases, touchCase, updateCase, type CaseListQuery } from './case-store.ts';
import { addLinks, hitLinks, linksOf, removeLink } from './links.ts';
import { noteById, noteHistory, notesOf, writeNote } from './notes.ts';
import { searchCases } from './search.ts';
import { seizureById, seizuresOf, writeSeizure } from './seizures.ts';
import { taskById, tasksOf, writeTask } from './tasks.ts';
import { caseTimeline } from './timeline.ts';

export type CasesServiceDeps = { events: EventBus; workspace: WorkspaceService; actor: string };

type In<M extends MethodName> = ParsedInput<M>;
type Out<M extends MethodName> = MethodOutput<M>;

export class CasesService {
  protected readonly deps: CasesServiceDeps;
  private readonly uploads = new AttachmentUploads();

  constructor(deps: CasesServiceDeps) {
    this.deps = deps;
    // Files half-uploaded are plaintext evidence in memory: they go when the workspace locks.
    deps.events.subscribe((event, payload) => {
      if (event === 'workspace.changed' && (payload as { state: string }).state !== 'unlocked') this.uploads.clear();
    });
  }

  protected db(): Db {
    return this.deps.workspace.db();
  }

  /** Runs a change to a case in one transaction, marks the case as worked on, and announces the tables. */
  private change<T>(caseId: number, tables: string[], fn: (db: Db, at: string, grading: ReturnType<typeof caseRow>['grading']) => T): T {
    const db = this.db();
    const at = new Date().toISOString();
    const result = db.transaction(() => {
      const grading = caseRow(db, caseId).grading;
      const r = fn(db, at, grading);
      touchCase(db, caseId, this.deps.actor, at);
      return r;
    })();
    this.deps.events.emit('data.changed', { tables: ['case', ...tables] });
    return result;
  }

  list(q: CaseListQuery): Out<'cases.list'> {
    return listCases(this.db(), q);
  }

  get(id: number): CaseDetail {
    const db = this.db();
    return db.transaction(() => ({
      ...headOf(caseRow(db, id)),
      links: linksOf(db, id),
      notes: notesOf(db, id),
      attachments: attachmentsOf(db, id),
      seizures: seizuresOf(db, id),
      tasks: tasksOf(db, id),
    }))();
  }

  create(input: In<'cases.create'>): CaseDetail {
    const db = this.db();
    const at = new Date().toISOString();
    const id = db.transaction(() => {
      const cid = insertCase(db, input.draft, this.deps.actor, at);
      if (input.from) addLinks(db, cid, input.draft.grading, hitLinks(db, input.from.id), this.deps.actor, at);
      return cid;
    })();
    this.deps.events.emit('data.changed', { tables: ['case', 'case_link'] });
    return this.get(id);
  }

  update(input: In<'cases.update'>): CaseDetail {
    const db = this.db();
    db.transaction(() => updateCase(db, input.id, input.draft, this.deps.actor, new Date().toISOString()))();
    this.deps.events.emit('data.changed', { tables: ['case'] });
    return this.get(input.id);
  }

  link(input: In<'cases.link'>): Out<'cases.link'> {
    return { added: this.change(input.caseId, ['case_link'], (db, at, grading) => addLinks(db, input.caseId, grading, input.items, this.deps.actor, at)) };
  }

  unlink(input: In<'cases.unlink'>): Out<'cases.unlink'> {
    this.change(input.caseId, ['case_link'], (db) => removeLink(db, input.caseId, input.linkId, this.deps.actor));
    return { removed: true };
  }

  saveNote(input: In<'cases.saveNote'>): Out<'cases.saveNote'> {
    const id = this.change(input.caseId, ['case_note'], (db, at, grading) => writeNote(db, grading, input, this.deps.actor, at));
    return noteById(this.db(), id);
  }

  noteHistory(noteId: number): Out<'cases.noteHistory'> {
    return noteHistory(this.db(), noteId);
  }

  attachChunk(input: In<'cases.attachChunk'>): Out<'cases.attachChunk'> {
    if (input.attachId === null) caseRow(this.db(), input.caseId);
    return this.uploads.append(input);
  }

  /** Hashes, encrypts and stores a finished upload; its plaintext is zeroed whatever happens. */
  attachFinish(input: In<'cases.attachFinish'>): Out<'cases.attachFinish'> {
    const file = this.uploads.take(input.attachId);
    const store = this.store();
    // The file is written inside the transaction; if the transaction then fails, the file goes too.
    const written: { path: string | null } = { path: null };
    try {
      const id = this.change(file.caseId, ['case_attachment', 'case_custody'], (db, at, grading) => {
        const r = addAttachment(db, store, grading, { ...file, description: input.description, grade: input.grade }, this.deps.actor, at);
        written.path = r.path;
        return r.id;
      });
      written.path = null;
      return attachmentById(this.db(), id);
    } finally {
      if (written.path) discardFile(written.path);
      file.data.fill(0);
      store.key.fill(0);
    }
  }

  /** The decrypted file, checked against its hash; the view is logged in its chain of custody. */
  attachment(id: number): Out<'cases.attachment'> {
    const db = this.db();
    const store = this.store();
    try {
      const { row, data } = readAttachment(db, store, id);
      const dataBase64 = data.toString('base64');
      data.fill(0);
      this.custodyEntry(row.case_id, id, 'viewed', '');
      return { name: row.name, mediaType: row.media_type, size: row.size, sha256: row.sha256, dataBase64 };
    } finally {
      store.key.fill(0);
    }
  }

  custody(input: In<'cases.custody'>): Out<'cases.custody'> {
    this.custodyEntry(caseOfAttachment(this.db(), input.attachmentId), input.attachmentId, input.action, input.detail);
    return attachmentById(this.db(), input.attachmentId);
  }

  private custodyEntry(caseId: number, attachmentId: number, action: 'viewed' | 'transferred' | 'note' | 'exported', detail: string): void {
    this.change(caseId, ['case_custody'], (db, at) => {
      addCustody(db, attachmentId, action, detail, this.deps.actor, at);
      appendAudit(db, {
        actor: this.deps.actor,
        action: `case.attachment.${action}`,
        entity: 'case_attachment',
        entityId: String(attachmentId),
        details: { case: caseId },
      });
    });
  }

  saveSeizure(input: In<'cases.saveSeizure'>): Out<'cases.saveSeizure'> {
    const id = this.change(input.caseId, ['seizure'], (db, at) => writeSeizure(db, input.caseId, input.id, input.seizure, this.deps.actor, at));
    return seizureById(this.db(), id);
  }

  saveTask(input: In<'cases.saveTask'>): CaseTask {
    const id = this.change(input.caseId, ['case_task'], (db, at) => writeTask(db, input.caseId, input.id, input.task, this.deps.actor, at));
    return taskById(this.db(), id);
  }

  timeline(caseId: number): TimelineEvent[] {
    const db = this.db();
    return db.transaction(() => caseTimeline(db, caseId))();
  }

  search(text: string, limit: number): CaseSearchHit[] {
    return searchCases(this.db(), text, limit);
  }

  /** Drops uploads in progress (on lock and shutdown). */
  clear(): void {
    this.uploads.clear();
  }

  private store(): AttachmentStore {
    const ws = this.deps.workspace;
    ws.db();
    return { dir: ws.attachmentsDir(), key: ws.attachmentKey() };
  }
}
