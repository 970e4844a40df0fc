// A case's tasks: what is to be done, by whom, by when.
import type { CaseTask, TaskDraftSchema } from '../../../shared/domain/cases.ts';
import { AppError } from '../../../shared/errors.ts';
import type { z } from 'zod';
import { appendAudit } from '../audit/audit-log.ts';
import type { Db } from '../workspace/database.ts';

type TaskRow = { id: number; case_id: number; title: string; assignee: string; due: string | null; done: number; created_by: string; created_at: string };

const taskOf = (r: TaskRow): CaseTask => ({
  id: r.id,
  title: r.title,
  assignee: r.assignee,
  due: r.due,
  done: r.done === 1,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

export function tasksOf(db: Db, caseId: number): CaseTask[] {
  return (db.prepare("SELECT * FROM case_task WHERE case_id = ? ORDER BY done, coalesce(due, '9999'), id").all(caseId) as TaskRow[]).map(taskOf);
}

export function taskById(db: Db, id: number): CaseTask {
  const r = db.prepare('SELECT * FROM case_task WHERE id = ?').get(id) as TaskRow | undefined;
  if (!r) throw new AppError('CASE_NOT_FOUND', `There is no task ${id}.`, { taskId: id });
  return taskOf(r);
}

export function writeTask(db: Db, caseId: number, id: number | null, t: z.output<typeof TaskDraftSchema>, actor: string, at: string): number {
  if (id === null) {
    id = Number(
      db
        .prepare('INSERT INTO case_task (case_id, title, assignee, due, done, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(caseId, t.title, t.assignee, t.due, t.done ? 1 : 0, actor, at).lastInsertRowid,
    );
    appendAudit(db, { actor, action: 'case.task.create', entity: 'case_task', entityId: String(id), details: { case: caseId, due: t.due } });
  } else {
    const changed = db
      .prepare('UPDATE case_task SET title = ?, assignee = ?, due = ?, done = ? WHERE id = ? AND case_id = ?')
      .run(t.title, t.assignee, t.due, t.done ? 1 : 0, id, caseId).changes;
    if (!changed) throw new AppError('CASE_NOT_FOUND', `Case ${caseId} has no task ${id}.`, { caseId, taskId: id });
    appendAudit(db, { actor, action: 'case.task.update', entity: 'case_task', entityId: String(id), details: { case: caseId, due: t.due, done: t.done } });
  }
  return id;
}
