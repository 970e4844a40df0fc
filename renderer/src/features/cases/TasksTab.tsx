// The case's tasks: what to do, who does it, by when, and whether it is done; overdue ones stand out.
import { Button, Checkbox, Classes, HTMLTable, InputGroup, Intent, NonIdealState, Tag } from '@blueprintjs/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, CaseTask } from '../../../../shared/domain/cases.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { useCaseFormat } from './format.ts';

export function TasksTab({ c, onChanged }: { c: CaseDetail; onChanged(): void }) {
  const { t } = useTranslation();
  const f = useCaseFormat();
  const [title, setTitle] = useState('');
  const [assignee, setAssignee] = useState('');
  const [due, setDue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const today = new Date().toISOString().slice(0, 10);
  const tasks = [...c.tasks].sort((a, b) => Number(a.done) - Number(b.done) || (a.due ?? '9999').localeCompare(b.due ?? '9999') || a.id - b.id);

  async function save(id: number | null, task: Pick<CaseTask, 'title' | 'assignee' | 'due' | 'done'>) {
    setBusy(true);
    setError(null);
    try {
      await api.call('cases.saveTask', { caseId: c.id, id, task });
      onChanged();
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="pc-case-tasks">
      <form
        className="pc-row pc-mb"
        onSubmit={(e) => {
          e.preventDefault();
          if (!title.trim()) return;
          void save(null, { title: title.trim(), assignee: assignee.trim(), due: due || null, done: false }).then((ok) => {
            if (ok) {
              setTitle('');
              setDue('');
            }
          });
        }}
      >
        <InputGroup
          className="pc-grow"
          value={title}
          onValueChange={setTitle}
          placeholder={t('cases.tasks.titlePlaceholder')}
          aria-label={t('cases.tasks.task')}
          data-testid="task-title"
        />
        <InputGroup
          value={assignee}
          onValueChange={setAssignee}
          placeholder={t('cases.tasks.assignee')}
          aria-label={t('cases.tasks.assignee')}
          data-testid="task-assignee"
        />
        <InputGroup type="date" value={due} onValueChange={setDue} aria-label={t('cases.tasks.due')} data-testid="task-due" />
        <Button type="submit" intent="primary" icon="add" text={t('cases.tasks.add')} disabled={busy || !title.trim()} data-testid="task-add" />
      </form>
      <ErrorCallout error={error} />
      {tasks.length === 0 ? (
        <NonIdealState icon="tick-circle" title={t('cases.tasks.none')} />
      ) : (
        <HTMLTable compact striped className="pc-table pc-wide" data-testid="tasks-table">
          <thead>
            <tr>
              <th>{t('cases.tasks.done')}</th>
              <th>{t('cases.tasks.task')}</th>
              <th>{t('cases.tasks.assignee')}</th>
              <th>{t('cases.tasks.due')}</th>
              <th>{t('cases.tasks.created')}</th>
            </tr>
          </thead>
          <tbody>
            {tasks.map((x) => (
              <tr key={x.id} data-testid="task-row" className={x.done ? 'pc-task-done' : ''}>
                <td>
                  <Checkbox
                    className="pc-compact-check"
                    checked={x.done}
                    disabled={busy}
                    aria-label={t('cases.tasks.done')}
                    onChange={(e) => void save(x.id, { title: x.title, assignee: x.assignee, due: x.due, done: e.currentTarget.checked })}
                    data-testid="task-done"
                  />
                </td>
                <td>{x.title}</td>
                <td>{x.assignee || '—'}</td>
                <td className="pc-nowrap">
                  {x.due ? f.day(x.due) : '—'}
                  {!x.done && x.due && x.due < today && (
                    <Tag minimal intent={Intent.DANGER} className="pc-ml">
                      {t('cases.tasks.overdue')}
                    </Tag>
                  )}
                </td>
                <td className={Classes.TEXT_MUTED}>
                  {f.moment(x.createdAt)} · {x.createdBy}
                </td>
              </tr>
            ))}
          </tbody>
        </HTMLTable>
      )}
    </div>
  );
}
