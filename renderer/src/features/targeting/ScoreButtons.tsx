// Scoring on demand: only the records new since the last run, or every record again (after profiles,
// lists or controls changed). The run is a background job; its progress and result show here.
import { Button, ButtonGroup, Classes, Intent, ProgressBar } from '@blueprintjs/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScoreResult } from '../../../../shared/domain/targeting.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { jobFraction, useJobs } from '../jobs/useJobs.ts';
import { useTargetingFormat } from './format.ts';

export function ScoreButtons() {
  const { t } = useTranslation();
  const f = useTargetingFormat();
  const jobs = useJobs();
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  // The run started here, else one already running (after an import, or started before this screen opened).
  const job = (jobId ? jobs.find((j) => j.id === jobId) : undefined) ?? jobs.find((j) => j.kind === 'targeting.score' && j.state === 'running');
  const running = job?.state === 'running';

  async function score(full: boolean) {
    setError(null);
    try {
      setJobId((await api.call('targeting.score', { full })).jobId);
    } catch (err) {
      setError(err);
    }
  }

  const result = job?.state === 'done' ? (job.result as ScoreResult | undefined) : undefined;
  const fraction = job ? jobFraction(job) : undefined;
  return (
    <div className="pc-score" data-testid="score-panel">
      <ButtonGroup>
        <Button icon="play" text={t('targeting.score.new')} disabled={running} onClick={() => void score(false)} data-testid="score-new" />
        <Button icon="refresh" text={t('targeting.score.full')} disabled={running} onClick={() => void score(true)} data-testid="score-full" />
      </ButtonGroup>
      {running && job && (
        <span className="pc-row" data-testid="score-progress">
          <span>{t('targeting.score.running')}</span>
          <ProgressBar className="pc-job-bar" value={fraction} intent={Intent.PRIMARY} />
          {fraction !== undefined && job.total > 0 && (
            <span className={`${Classes.TEXT_MUTED} pc-num`}>{t('targeting.score.progress', { done: f.number(job.done), total: f.number(job.total) })}</span>
          )}
          <Button size="small" variant="minimal" icon="cross" text={t('jobs.cancel')} onClick={() => void api.call('jobs.cancel', { id: job.id })} />
        </span>
      )}
      {jobId && job?.id === jobId && result && (
        <span className={Classes.TEXT_MUTED} data-testid="score-done">
          {t('targeting.score.done', {
            scored: f.number(result.scored),
            hits: f.number(result.hits),
            red: f.number(result.lanes.red),
            yellow: f.number(result.lanes.yellow),
            blue: f.number(result.lanes.blue),
          })}
        </span>
      )}
      {jobId && job?.id === jobId && (job.state === 'failed' || job.state === 'cancelled') && (
        <span className="pc-error-text">{job.state === 'cancelled' ? t('jobs.state.cancelled') : job.error?.message}</span>
      )}
      <ErrorCallout error={error} />
    </div>
  );
}
