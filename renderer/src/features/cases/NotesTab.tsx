// The notebook: entries newest first, each with its author and time, its grade, its edits (every earlier
// version is kept and can be read), and its mentions as live links; a new entry or an edit in the editor.
import { Button, Card, Classes, Dialog, DialogBody, FormGroup, NonIdealState, Spinner, Tag } from '@blueprintjs/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, CaseNote, Grade } from '../../../../shared/domain/cases.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { useLoad } from '../../components/useLoad.ts';
import type { RecordRef } from '../records/record-ref.ts';
import { useCaseFormat } from './format.ts';
import { GradePicker, GradeTag } from './Handling.tsx';
import { NoteEditor, type NoteContent } from './NoteEditor.tsx';
import { openRef, type Ref } from './refs.ts';
import { RichText } from './RichText.tsx';

type Props = { c: CaseDetail; onChanged(): void; onOpen(ref: RecordRef): void };

export function NotesTab({ c, onChanged, onOpen }: Props) {
  const { t } = useTranslation();
  const [composing, setComposing] = useState(false);
  const [editing, setEditing] = useState<number | null>(null);
  const [history, setHistory] = useState<CaseNote | null>(null);
  const open = (ref: Ref) => openRef(ref, onOpen);
  const notes = [...c.notes].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
  return (
    <div className="pc-case-notes">
      {composing ? (
        <NoteComposer
          c={c}
          note={null}
          onOpenRef={open}
          onDone={(saved) => {
            setComposing(false);
            if (saved) onChanged();
          }}
        />
      ) : (
        <Button intent="primary" icon="annotation" text={t('cases.notes.new')} onClick={() => setComposing(true)} data-testid="note-new" />
      )}
      {notes.length === 0 && !composing && <NonIdealState icon="manual" title={t('cases.notes.none')} description={t('cases.notes.noneHelp')} />}
      {notes.map((n) =>
        editing === n.id ? (
          <NoteComposer
            key={n.id}
            c={c}
            note={n}
            onOpenRef={open}
            onDone={(saved) => {
              setEditing(null);
              if (saved) onChanged();
            }}
          />
        ) : (
          <NoteCard key={n.id} c={c} note={n} onOpenRef={open} onEdit={() => setEditing(n.id)} onHistory={() => setHistory(n)} />
        ),
      )}
      {history && <HistoryDialog c={c} note={history} onOpenRef={open} onClose={() => setHistory(null)} />}
    </div>
  );
}

function NoteCard({ c, note, onOpenRef, onEdit, onHistory }: { c: CaseDetail; note: CaseNote; onOpenRef(ref: Ref): void; onEdit(): void; onHistory(): void }) {
  const { t } = useTranslation();
  const f = useCaseFormat();
  return (
    <Card className="pc-note-card" data-testid="note-card" data-note-id={note.id}>
      <div className={`pc-row pc-note-head ${Classes.TEXT_MUTED}`}>
        <span data-testid="note-author">{t('cases.notes.by', { by: note.createdBy, at: f.moment(note.createdAt) })}</span>
        {note.version > 1 && (
          <Tag minimal icon="edit" data-testid="note-edited">
            {t('cases.notes.edited', { version: note.version, by: note.updatedBy, at: f.moment(note.updatedAt) })}
          </Tag>
        )}
        <GradeTag grade={note.grade} system={c.grading} />
        <span className="pc-grow" />
        {note.version > 1 && <Button small variant="minimal" icon="history" text={t('cases.notes.history')} onClick={onHistory} data-testid="note-history" />}
        <Button small variant="minimal" icon="edit" text={t('cases.notes.edit')} onClick={onEdit} data-testid="note-edit" />
      </div>
      <RichText body={note.body} onOpenRef={onOpenRef} />
    </Card>
  );
}

function NoteComposer({ c, note, onOpenRef, onDone }: { c: CaseDetail; note: CaseNote | null; onOpenRef(ref: Ref): void; onDone(saved: boolean): void }) {
  const { t } = useTranslation();
  const [content, setContent] = useState<NoteContent>({ body: note?.body ?? null, text: note?.text ?? '' });
  const [grade, setGrade] = useState<Grade | null>(note?.grade ?? null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const changed =
    content.text !== (note?.text ?? '') ||
    JSON.stringify(content.body) !== JSON.stringify(note?.body ?? null) ||
    JSON.stringify(grade) !== JSON.stringify(note?.grade ?? null);
  async function save() {
    setBusy(true);
    setError(null);
    try {
      await api.call('cases.saveNote', { caseId: c.id, id: note?.id ?? null, body: content.body ?? { type: 'doc', content: [] }, text: content.text, grade });
      onDone(true);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }
  return (
    <Card className="pc-note-card pc-note-composer" data-testid="note-composer">
      <NoteEditor initial={note?.body ?? null} onChange={setContent} onOpenRef={onOpenRef} />
      <div className="pc-row pc-mt">
        <FormGroup inline label={t('cases.grade.label')} className="pc-no-margin">
          <GradePicker value={grade} system={c.grading} onChange={setGrade} />
        </FormGroup>
        <span className="pc-grow" />
        <Button text={t('common.cancel')} onClick={() => onDone(false)} />
        <Button
          intent="primary"
          icon="floppy-disk"
          text={note ? t('cases.notes.saveVersion') : t('cases.notes.save')}
          disabled={busy || !content.text || !changed}
          onClick={() => void save()}
          data-testid="note-save"
        />
      </div>
      <ErrorCallout error={error} />
    </Card>
  );
}

function HistoryDialog({ c, note, onOpenRef, onClose }: { c: CaseDetail; note: CaseNote; onOpenRef(ref: Ref): void; onClose(): void }) {
  const { t } = useTranslation();
  const f = useCaseFormat();
  const load = useCallback(() => api.call('cases.noteHistory', { noteId: note.id }), [note.id]);
  const versions = useLoad(load, ['case_note', 'case_note_version']);
  return (
    <Dialog isOpen onClose={onClose} title={t('cases.notes.historyTitle')} icon="history" className="pc-case-dialog pc-wide-dialog">
      <DialogBody>
        <ErrorCallout error={versions.error} />
        {!versions.data && !versions.error && <Spinner size={24} />}
        <Card className="pc-note-card" data-testid="note-version" data-version={note.version}>
          <div className={`pc-row ${Classes.TEXT_MUTED}`}>
            <Tag minimal intent="primary">
              {t('cases.notes.current', { version: note.version })}
            </Tag>
            <span>{t('cases.notes.editedBy', { by: note.updatedBy, at: f.moment(note.updatedAt) })}</span>
            <GradeTag grade={note.grade} system={c.grading} />
          </div>
          <RichText body={note.body} onOpenRef={onOpenRef} />
        </Card>
        {versions.data
          ?.filter((v) => v.version !== note.version)
          .map((v) => (
            <Card key={v.version} className="pc-note-card pc-note-old" data-testid="note-version" data-version={v.version}>
              <div className={`pc-row ${Classes.TEXT_MUTED}`}>
                <Tag minimal>{t('cases.notes.version', { version: v.version })}</Tag>
                <span>{t('cases.notes.editedBy', { by: v.editedBy, at: f.moment(v.editedAt) })}</span>
              </div>
              <RichText body={v.body} onOpenRef={onOpenRef} />
            </Card>
          ))}
      </DialogBody>
    </Dialog>
  );
}
