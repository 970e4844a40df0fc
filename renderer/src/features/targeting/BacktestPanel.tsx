// Backtesting before a change goes live: the saved version and the draft run over the same period (as
// background jobs), their selection rate, precision, recall and lift side by side, rule by rule.
import { Button, Callout, Classes, FormGroup, InputGroup, Intent, ProgressBar } from '@blueprintjs/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BacktestResult, Profile } from '../../../../shared/domain/targeting.ts';
import type { JobInfo } from '../../../../shared/domain/workspace.ts';
import { api } from '../../api.ts';
import { jobFraction, useJobs } from '../jobs/useJobs.ts';
import { BacktestTable } from './BacktestTable.tsx';
import { toProfileDraft, type ProfileEditorDraft } from './condition-model.ts';
import { isoDay } from './format.ts';
import { Problems } from './Problems.tsx';

type Side = 'saved' | 'draft';
type Props = { profile: Profile | null; draft: ProfileEditorDraft; dirty: boolean; blocked: boolean };

export function BacktestPanel({ profile, draft, dirty, blocked }: Props) {
  const { t } = useTranslation();
  const jobs = useJobs();
  const [from, setFrom] = useState(isoDay(-90));
  const [to, setTo] = useState(isoDay(30));
  const [started, setStarted] = useState<Partial<Record<Side, string>>>({});
  const [error, setError] = useState<unknown>(null);
  const periodOk = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to;

  async function run(sides: Side[]) {
    setError(null);
    try {
      const next: Partial<Record<Side, string>> = {};
      for (const side of sides) {
        const input =
          side === 'saved'
            ? { profileId: profile!.id, version: profile!.version, draft: null, from, to }
            : { profileId: profile?.id ?? null, version: null, draft: toProfileDraft(draft), from, to };
        next[side] = (await api.call('targeting.backtest', input)).jobId;
      }
      setStarted((s) => ({ ...s, ...next }));
    } catch (err) {
      setError(err);
    }
  }

  const job = (side: Side) => (started[side] ? jobs.find((j) => j.id === started[side]) : undefined);
  const result = (side: Side) => {
    const j = job(side);
    return j?.state === 'done' ? (j.result as BacktestResult) : null;
  };
  const columns = (['saved', 'draft'] as const).flatMap((side) => {
    const r = result(side);
    return r ? [{ side, result: r }] : [];
  });

  return (
    <div className="pc-backtest" data-testid="backtest-panel">
      <p className={Classes.TEXT_MUTED}>{t('targeting.backtest.help')}</p>
      <div className="pc-row pc-backtest-controls">
        <FormGroup label={t('targeting.backtest.from')} labelFor="backtest-from" inline>
          <InputGroup id="backtest-from" type="date" value={from} onValueChange={setFrom} data-testid="backtest-from" />
        </FormGroup>
        <FormGroup label={t('targeting.backtest.to')} labelFor="backtest-to" inline>
          <InputGroup id="backtest-to" type="date" value={to} onValueChange={setTo} data-testid="backtest-to" />
        </FormGroup>
        <Button
          icon="history"
          text={t('targeting.backtest.runSaved', { version: profile?.version ?? 0 })}
          disabled={!profile || !periodOk}
          onClick={() => void run(['saved'])}
          data-testid="backtest-run-saved"
        />
        <Button
          icon="edit"
          text={t('targeting.backtest.runDraft')}
          disabled={blocked || !periodOk || draft.rules.length === 0}
          onClick={() => void run(['draft'])}
          data-testid="backtest-run-draft"
        />
        <Button
          intent={Intent.PRIMARY}
          icon="comparison"
          text={t('targeting.backtest.runBoth')}
          disabled={!profile || blocked || !periodOk || draft.rules.length === 0}
          onClick={() => void run(['saved', 'draft'])}
          data-testid="backtest-run-both"
        />
      </div>
      {!dirty && profile && <p className={Classes.TEXT_MUTED}>{t('targeting.backtest.sameAsSaved')}</p>}
      {(['saved', 'draft'] as const).map((side) => {
        const j = job(side);
        return j && j.state !== 'done' ? <JobLine key={side} side={side} job={j} /> : null;
      })}
      <Problems error={error} />
      {columns.length > 0 && <BacktestTable columns={columns} />}
      {columns.some((c) => c.result.known === 0) && (
        <Callout compact icon="info-sign" className="pc-mt">
          {t('targeting.backtest.noKnown')}
        </Callout>
      )}
    </div>
  );
}

function JobLine({ side, job }: { side: Side; job: JobInfo }) {
  const { t } = useTranslation();
  return (
    <div className="pc-row pc-mt" data-testid={`backtest-job-${side}`}>
      <span>{t(`targeting.backtest.side.${side}`)}</span>
      {job.state === 'running' ? (
        <>
          <ProgressBar className="pc-job-bar" value={jobFraction(job)} intent={Intent.PRIMARY} />
          <Button size="small" variant="minimal" icon="cross" text={t('jobs.cancel')} onClick={() => void api.call('jobs.cancel', { id: job.id })} />
        </>
      ) : (
        <span className="pc-error-text">{job.state === 'cancelled' ? t('jobs.state.cancelled') : job.error?.message}</span>
      )}
    </div>
  );
}
