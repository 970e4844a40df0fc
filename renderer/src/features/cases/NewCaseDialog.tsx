// A new case: its title, summary, owner, tags, handling code and grading. Started from a hit, the core
// links the hit, its record and its seizures; started from a selection elsewhere, the caller links it.
import { Button, Callout, Dialog, DialogBody, DialogFooter } from '@blueprintjs/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, CaseDraft } from '../../../../shared/domain/cases.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { CaseDraftForm, draftValid, emptyDraft, rememberOwner } from './CaseDraftForm.tsx';

type Props = {
  /** The hit the case starts from. */
  fromHit?: { id: number; label: string } | null;
  initialTitle?: string;
  onClose(): void;
  onCreated(c: CaseDetail): void | Promise<void>;
};

export function NewCaseDialog({ fromHit, initialTitle, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<CaseDraft>(() => ({ ...emptyDraft(), title: initialTitle ?? '' }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function create() {
    setBusy(true);
    setError(null);
    try {
      const created = await api.call('cases.create', {
        draft: { ...draft, title: draft.title.trim(), owner: draft.owner.trim() },
        from: fromHit ? { kind: 'hit', id: fromHit.id } : null,
      });
      rememberOwner(draft.owner);
      await onCreated(created);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }
  return (
    <Dialog isOpen onClose={onClose} title={t('cases.new.title')} icon="folder-new" className="pc-case-dialog">
      <DialogBody>
        {fromHit && (
          <Callout icon="locate" className="pc-mb" data-testid="case-from-hit">
            {t('cases.new.fromHit', { label: fromHit.label })}
          </Callout>
        )}
        <CaseDraftForm draft={draft} onChange={setDraft} />
        <ErrorCallout error={error} />
      </DialogBody>
      <DialogFooter
        actions={
          <>
            <Button text={t('common.cancel')} onClick={onClose} />
            <Button
              intent="primary"
              icon="folder-new"
              text={t('cases.new.create')}
              disabled={busy || !draftValid(draft)}
              onClick={() => void create()}
              data-testid="case-create"
            />
          </>
        }
      />
    </Dialog>
  );
}
