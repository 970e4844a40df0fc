// "Add to a case" from anywhere (a hit, a grid selection, a record, the graph): pick an open case, or
// start a new one, and link the records to it, with a note and a grade if the analyst has one.
import {
  Button,
  Callout,
  Checkbox,
  Classes,
  Dialog,
  DialogBody,
  DialogFooter,
  FormGroup,
  InputGroup,
  Intent,
  Menu,
  MenuItem,
  Spinner,
} from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, CaseLinkKind, CaseSummary, Grade } from '../../../../shared/domain/cases.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { openCase } from './case-route.ts';
import { GradePicker, TlpBadge } from './Handling.tsx';
import { NewCaseDialog } from './NewCaseDialog.tsx';
import { useCaseList } from './useCases.ts';

export type CaseItem = { kind: CaseLinkKind; refId: number };
/** A snapshot for the notebook (an image of a chart, a table of grid rows), made when the case is chosen. */
export type Snapshot = { label: string; make(): { body: unknown; text: string } };

type Props = {
  items: CaseItem[];
  /** What is being added, in words ("3 shipments", "CSQU3054383"). */
  what: string;
  /** Offered as a new notebook entry beside the links (on by default). */
  snapshot?: Snapshot;
  onClose(): void;
};

export function AddToCaseDialog({ items, what, snapshot, onClose }: Props) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<CaseSummary | null>(null);
  const [note, setNote] = useState('');
  const [grade, setGrade] = useState<Grade | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<{ id: number; reference: string; added: number } | null>(null);
  const [creating, setCreating] = useState(false);
  const [withSnapshot, setWithSnapshot] = useState(true);
  useEffect(() => {
    const h = setTimeout(() => setText(typed.trim()), 200);
    return () => clearTimeout(h);
  }, [typed]);
  const list = useCaseList({ text: text || undefined }, 100);
  const cases = (list.data?.cases ?? []).filter((c) => c.status !== 'closed');

  async function link(c: { id: number; reference: string }) {
    setBusy(true);
    setError(null);
    try {
      const r = items.length ? await api.call('cases.link', { caseId: c.id, items: items.map((x) => ({ ...x, note, grade })) }) : { added: 0 };
      if (snapshot && withSnapshot) {
        const { body, text } = snapshot.make();
        await api.call('cases.saveNote', { caseId: c.id, id: null, body, text, grade });
      }
      setDone({ id: c.id, reference: c.reference, added: r.added });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (creating) {
    return (
      <NewCaseDialog
        onClose={() => setCreating(false)}
        onCreated={async (c: CaseDetail) => {
          setCreating(false);
          await link(c);
        }}
      />
    );
  }
  return (
    <Dialog
      isOpen
      onClose={onClose}
      title={t('cases.add.title', { what })}
      icon="folder-shared-open"
      className="pc-case-dialog"
      data-testid="add-to-case-dialog"
    >
      <DialogBody>
        {done ? (
          <Callout intent={Intent.SUCCESS} icon="tick" data-testid="add-to-case-done">
            {t('cases.add.done', { count: done.added, reference: done.reference })}
            {done.added < items.length && <div>{t('cases.add.already', { count: items.length - done.added })}</div>}
          </Callout>
        ) : (
          <>
            <InputGroup
              leftIcon="search"
              autoFocus
              placeholder={t('cases.add.find')}
              value={typed}
              onValueChange={setTyped}
              aria-label={t('cases.add.find')}
              data-testid="add-to-case-find"
            />
            {!list.data && !list.error && <Spinner size={20} className="pc-mt" />}
            <Menu className="pc-case-pick" data-testid="add-to-case-list">
              {list.data && cases.length === 0 && <MenuItem disabled text={t('cases.add.noCases')} />}
              {cases.map((c) => (
                <MenuItem
                  key={c.id}
                  active={chosen?.id === c.id}
                  icon="folder-close"
                  text={
                    <span className="pc-row pc-nowrap">
                      <span className="pc-mono">{c.reference}</span>
                      <b>{c.title}</b>
                    </span>
                  }
                  labelElement={<TlpBadge tlp={c.tlp} />}
                  onClick={() => setChosen(c)}
                  data-testid="add-to-case-item"
                  data-case-id={c.id}
                />
              ))}
            </Menu>
            {chosen && (
              <>
                <FormGroup label={t('cases.links.note')} labelFor="add-note" className="pc-mt">
                  <InputGroup
                    id="add-note"
                    value={note}
                    onValueChange={setNote}
                    placeholder={t('cases.links.notePlaceholder')}
                    data-testid="add-to-case-note"
                  />
                </FormGroup>
                <FormGroup label={t('cases.grade.label')}>
                  <GradePicker value={grade} system={chosen.grading} onChange={setGrade} />
                </FormGroup>
                {snapshot && (
                  <Checkbox
                    checked={withSnapshot}
                    label={t('cases.add.snapshot', { what: snapshot.label })}
                    onChange={(e) => setWithSnapshot(e.currentTarget.checked)}
                    data-testid="add-to-case-snapshot"
                  />
                )}
              </>
            )}
            <p className={Classes.TEXT_MUTED}>{t('cases.add.help')}</p>
          </>
        )}
        <ErrorCallout error={error} />
      </DialogBody>
      <DialogFooter
        actions={
          done ? (
            <>
              <Button text={t('cases.close')} onClick={onClose} data-testid="add-to-case-close" />
              <Button
                intent="primary"
                icon="folder-open"
                text={t('cases.add.openCase')}
                onClick={() => {
                  onClose();
                  openCase(done.id, 'links');
                }}
                data-testid="add-to-case-open"
              />
            </>
          ) : (
            <>
              <Button icon="folder-new" text={t('cases.add.newCase')} onClick={() => setCreating(true)} data-testid="add-to-case-new" />
              <Button
                intent="primary"
                icon="add"
                text={t('cases.add.confirm')}
                disabled={!chosen || busy}
                onClick={() => chosen && void link(chosen)}
                data-testid="add-to-case-confirm"
              />
            </>
          )
        }
      />
    </Dialog>
  );
}
