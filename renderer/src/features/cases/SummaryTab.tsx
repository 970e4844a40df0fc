// The case's own fields, editable: title, summary, status, owner, tags, handling code, grading system.
import { Button, Callout, Intent } from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, CaseDraft } from '../../../../shared/domain/cases.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { CaseDraftForm, draftValid, rememberOwner } from './CaseDraftForm.tsx';

const draftOf = (c: CaseDetail): CaseDraft => ({
  title: c.title,
  summary: c.summary,
  status: c.status,
  owner: c.owner,
  tags: c.tags,
  tlp: c.tlp,
  grading: c.grading,
});

export function SummaryTab({ c, onSaved }: { c: CaseDetail; onSaved(): void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => draftOf(c));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  // Someone else's change (another window, the CLI) shows when this form has nothing unsaved.
  const original = JSON.stringify(draftOf(c));
  const [base, setBase] = useState(original);
  const dirty = JSON.stringify(draft) !== base;
  useEffect(() => {
    if (!dirty && original !== base) {
      setDraft(JSON.parse(original) as CaseDraft);
      setBase(original);
    }
  }, [original, base, dirty]);
  const gradedItems = c.links.some((l) => l.grade) || c.notes.some((n) => n.grade) || c.attachments.some((a) => a.grade);

  async function save() {
    setBusy(true);
    setError(null);
    try {
      const updated = await api.call('cases.update', { id: c.id, draft: { ...draft, title: draft.title.trim(), owner: draft.owner.trim() } });
      rememberOwner(draft.owner);
      setBase(JSON.stringify(draftOf(updated)));
      setDraft(draftOf(updated));
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form
      className="pc-case-summary"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onChange={() => setSaved(false)}
    >
      <CaseDraftForm
        draft={draft}
        onChange={(d) => {
          setSaved(false);
          setDraft(d);
        }}
        showStatus
      />
      {draft.grading !== c.grading && gradedItems && (
        <Callout intent={Intent.WARNING} icon="warning-sign" className="pc-mb">
          {t('cases.summary.gradingChange')}
        </Callout>
      )}
      <ErrorCallout error={error} />
      <div className="pc-row">
        <Button
          type="submit"
          intent="primary"
          icon="floppy-disk"
          text={t('common.save')}
          disabled={busy || !dirty || !draftValid(draft)}
          data-testid="case-save"
        />
        {dirty && <Button variant="minimal" text={t('cases.summary.revert')} onClick={() => setDraft(JSON.parse(base) as CaseDraft)} />}
        {saved && !dirty && (
          <span className="pc-ok" data-testid="case-saved">
            {t('common.saved')}
          </span>
        )}
      </div>
    </form>
  );
}
