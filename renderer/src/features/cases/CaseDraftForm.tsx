// The fields of a case that the analyst sets: title, summary, status, owner, tags, handling code and
// grading system. Used by the new-case dialog and the case's summary.
import { FormGroup, HTMLSelect, InputGroup, TagInput, TextArea } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import { CASE_STATUSES, GRADING_SYSTEMS, type CaseDraft, type CaseStatus, type GradingSystem } from '../../../../shared/domain/cases.ts';
import { TlpSelect } from './Handling.tsx';

/** The owner last typed, offered for the next case (the renderer does not know the user's name). */
const OWNER_KEY = 'portcullis.caseOwner';
export const lastOwner = () => localStorage.getItem(OWNER_KEY) ?? '';
export const rememberOwner = (owner: string) => localStorage.setItem(OWNER_KEY, owner.trim());

export const emptyDraft = (): CaseDraft => ({ title: '', summary: '', status: 'open', owner: lastOwner(), tags: [], tlp: 'AMBER', grading: '4x4' });
export const draftValid = (d: CaseDraft) => d.title.trim() !== '' && d.owner.trim() !== '';

export function CaseDraftForm({ draft, onChange, showStatus }: { draft: CaseDraft; onChange(d: CaseDraft): void; showStatus?: boolean }) {
  const { t } = useTranslation();
  const set = <K extends keyof CaseDraft>(k: K, v: CaseDraft[K]) => onChange({ ...draft, [k]: v });
  return (
    <div className="pc-case-form" data-testid="case-form">
      <FormGroup label={t('cases.fields.title')} labelFor="case-title" labelInfo={t('cases.required')}>
        <InputGroup id="case-title" value={draft.title} onValueChange={(v) => set('title', v)} autoFocus data-testid="case-title" />
      </FormGroup>
      <FormGroup label={t('cases.fields.summary')} labelFor="case-summary">
        <TextArea id="case-summary" fill rows={4} value={draft.summary} onChange={(e) => set('summary', e.currentTarget.value)} data-testid="case-summary" />
      </FormGroup>
      <div className="pc-form-grid">
        {showStatus && (
          <FormGroup label={t('cases.fields.status')} labelFor="case-status">
            <HTMLSelect
              id="case-status"
              fill
              value={draft.status}
              onChange={(e) => set('status', e.currentTarget.value as CaseStatus)}
              data-testid="case-status"
            >
              {CASE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`cases.status.${s}`)}
                </option>
              ))}
            </HTMLSelect>
          </FormGroup>
        )}
        <FormGroup label={t('cases.fields.owner')} labelFor="case-owner" labelInfo={t('cases.required')}>
          <InputGroup id="case-owner" value={draft.owner} onValueChange={(v) => set('owner', v)} data-testid="case-owner" />
        </FormGroup>
        <FormGroup label={t('cases.fields.tlp')} labelFor="case-tlp" helperText={t(`cases.tlpMeaning.${draft.tlp.replace('+', '_')}`)}>
          <TlpSelect id="case-tlp" value={draft.tlp} onChange={(v) => set('tlp', v)} />
        </FormGroup>
        <FormGroup label={t('cases.fields.grading')} labelFor="case-grading">
          <HTMLSelect
            id="case-grading"
            fill
            value={draft.grading}
            onChange={(e) => set('grading', e.currentTarget.value as GradingSystem)}
            data-testid="case-grading"
          >
            {GRADING_SYSTEMS.map((g) => (
              <option key={g} value={g}>
                {t(`cases.gradingSystem.${g}`)}
              </option>
            ))}
          </HTMLSelect>
        </FormGroup>
      </div>
      <FormGroup label={t('cases.fields.tags')} labelFor="case-tags" helperText={t('cases.tagsHelp')}>
        <TagInput
          inputProps={{ id: 'case-tags' }}
          values={draft.tags}
          addOnBlur
          separator={/[,;]/}
          onChange={(values) => set('tags', [...new Set((values as string[]).map((v) => v.trim()).filter(Boolean))])}
          data-testid="case-tags"
        />
      </FormGroup>
    </div>
  );
}
