// The first step of a new package: its kind, recipients (trusted partners only), handling code and expiry,
// the message (a warning's expected time and place, feedback's action and result), and what it carries.
import { Callout, Checkbox, Classes, FormGroup, HTMLSelect, InputGroup, NumericInput, TagInput, TextArea } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import { TLP, type CaseSummary, type Tlp } from '../../../../shared/domain/cases.ts';
import type { Partner } from '../../../../shared/domain/exchange.ts';
import { TlpSelect } from '../cases/Handling.tsx';
import { DRAFT_KINDS, FEEDBACK_RESULTS, type ComposeState, type DraftKind, type FeedbackResult } from './compose-draft.ts';
import { RecordPicker } from './RecordPicker.tsx';

type Props = { state: ComposeState; onChange(s: ComposeState): void; partners: Partner[]; cases: CaseSummary[] };

const atLeast = (a: Tlp, b: Tlp): Tlp => (TLP.indexOf(a) >= TLP.indexOf(b) ? a : b);

export function ComposeForm({ state: s, onChange, partners, cases }: Props) {
  const { t } = useTranslation();
  const set = <K extends keyof ComposeState>(k: K, v: ComposeState[K]) => onChange({ ...s, [k]: v });
  const trusted = partners.filter((p) => p.trusted);
  const untrusted = partners.filter((p) => !p.trusted);
  return (
    <div className="pc-compose-form" data-testid="compose-form">
      <div className="pc-form-grid">
        <FormGroup label={t('exchange.compose.kind')} labelFor="compose-kind" helperText={t(`exchange.kindHelp.${s.kind}`)}>
          <HTMLSelect id="compose-kind" fill value={s.kind} onChange={(e) => set('kind', e.currentTarget.value as DraftKind)} data-testid="compose-kind">
            {DRAFT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`exchange.kinds.${k}`)}
              </option>
            ))}
          </HTMLSelect>
        </FormGroup>
        <FormGroup label={t('exchange.compose.handling')} labelFor="compose-handling" helperText={t(`cases.tlpMeaning.${s.handling.replace('+', '_')}`)}>
          <TlpSelect id="compose-handling" value={s.handling} onChange={(v) => set('handling', v)} />
        </FormGroup>
        <FormGroup label={t('exchange.compose.expires')} labelFor="compose-expires" helperText={t('exchange.compose.expiresHelp')}>
          <NumericInput
            id="compose-expires"
            fill
            min={1}
            max={3650}
            value={s.expiresInDays}
            onValueChange={(n) => set('expiresInDays', Number.isFinite(n) ? Math.round(n) : 90)}
            data-testid="compose-expires"
          />
        </FormGroup>
      </div>

      <FormGroup label={t('exchange.compose.recipients')} helperText={t('exchange.compose.recipientsHelp')}>
        <div className="pc-compose-recipients" data-testid="compose-recipients">
          {trusted.length === 0 && (
            <Callout intent="warning" icon="shield">
              {t('exchange.compose.noTrusted')}
            </Callout>
          )}
          {trusted.map((p) => (
            <Checkbox
              key={p.id}
              checked={s.recipients.includes(p.id)}
              onChange={(e) => set('recipients', e.currentTarget.checked ? [...s.recipients, p.id] : s.recipients.filter((r) => r !== p.id))}
              data-testid="compose-recipient"
              data-partner-id={p.id}
            >
              <b>{p.name}</b>{' '}
              <span className={Classes.TEXT_MUTED}>
                {p.agency} · {p.country}
              </span>
            </Checkbox>
          ))}
          {untrusted.length > 0 && (
            <div className={`${Classes.TEXT_MUTED} pc-small`}>{t('exchange.compose.untrusted', { names: untrusted.map((p) => p.name).join(', ') })}</div>
          )}
        </div>
      </FormGroup>

      <FormGroup label={t('exchange.message.subject')} labelFor="compose-subject" labelInfo={t('cases.required')}>
        <InputGroup id="compose-subject" value={s.subject} maxLength={300} onValueChange={(v) => set('subject', v)} data-testid="compose-subject" />
      </FormGroup>
      <FormGroup label={t('exchange.message.body')} labelFor="compose-body">
        <TextArea
          id="compose-body"
          fill
          rows={4}
          value={s.body}
          maxLength={20_000}
          onChange={(e) => set('body', e.currentTarget.value)}
          data-testid="compose-body"
        />
      </FormGroup>
      <FormGroup
        label={s.kind === 'feedback' ? t('exchange.message.findings') : t('exchange.message.indicators')}
        labelFor="compose-indicators"
        helperText={t('cases.tagsHelp')}
      >
        <TagInput
          inputProps={{ id: 'compose-indicators' }}
          values={s.indicators}
          addOnBlur
          separator={/[,;]/}
          onChange={(values) => set('indicators', [...new Set((values as string[]).map((v) => v.trim().slice(0, 200)).filter(Boolean))].slice(0, 50))}
          data-testid="compose-indicators"
        />
      </FormGroup>
      {s.kind === 'feedback' && (
        <div className="pc-form-grid">
          <FormGroup label={t('exchange.message.action')} labelFor="compose-action" helperText={t('exchange.message.actionHelp')}>
            <InputGroup id="compose-action" value={s.action} maxLength={200} onValueChange={(v) => set('action', v)} data-testid="compose-action" />
          </FormGroup>
          <FormGroup label={t('exchange.message.result')} labelFor="compose-result">
            <HTMLSelect
              id="compose-result"
              fill
              value={s.result}
              onChange={(e) => set('result', e.currentTarget.value as FeedbackResult)}
              data-testid="compose-result"
            >
              {FEEDBACK_RESULTS.map((r) => (
                <option key={r} value={r}>
                  {t(`exchange.results.${r || 'none'}`)}
                </option>
              ))}
            </HTMLSelect>
          </FormGroup>
        </div>
      )}
      {s.kind === 'warning' && (
        <div className="pc-form-grid">
          <FormGroup label={t('exchange.message.expectedAt')} labelFor="compose-expected" helperText={t('exchange.message.expectedAtHelp')}>
            <InputGroup
              id="compose-expected"
              type="datetime-local"
              value={s.expectedAt}
              onValueChange={(v) => set('expectedAt', v)}
              data-testid="compose-expected"
            />
          </FormGroup>
          <FormGroup label={t('exchange.message.place')} labelFor="compose-place" helperText={t('exchange.message.placeHelp')}>
            <InputGroup id="compose-place" value={s.place} maxLength={100} onValueChange={(v) => set('place', v)} data-testid="compose-place" />
          </FormGroup>
        </div>
      )}

      <FormGroup label={t('exchange.compose.case')} labelFor="compose-case" helperText={t('exchange.compose.caseHelp')}>
        <HTMLSelect
          id="compose-case"
          fill
          value={s.caseId ?? ''}
          onChange={(e) => {
            const id = e.currentTarget.value ? Number(e.currentTarget.value) : null;
            const c = cases.find((x) => x.id === id);
            // A case may not leave under a weaker handling code than its own: start from the case's.
            onChange({ ...s, caseId: id, handling: c ? atLeast(s.handling, c.tlp) : s.handling, subject: s.subject || (c?.title ?? '') });
          }}
          data-testid="compose-case"
        >
          <option value="">{t('exchange.compose.noCase')}</option>
          {cases.map((c) => (
            <option key={c.id} value={c.id}>
              {c.reference} — {c.title} (TLP:{c.tlp})
            </option>
          ))}
        </HTMLSelect>
      </FormGroup>
      <FormGroup label={t('exchange.compose.records')} helperText={t('exchange.compose.recordsHelp')}>
        <RecordPicker records={s.records} onChange={(records) => set('records', records)} />
      </FormGroup>
      <FormGroup label={t('exchange.compose.out')} labelFor="compose-out" helperText={t('exchange.compose.outHelp')}>
        <InputGroup
          id="compose-out"
          leftIcon="floppy-disk"
          value={s.out}
          onValueChange={(v) => set('out', v)}
          placeholder={t('exchange.compose.outPlaceholder')}
          data-testid="compose-out"
        />
      </FormGroup>
    </div>
  );
}
