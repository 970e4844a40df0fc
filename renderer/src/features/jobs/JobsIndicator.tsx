// Status-bar view of background jobs: a progress bar and cancel for each running one, and a popover
// listing recent ones.
import { Button, Classes, Intent, Popover, ProgressBar, Tag } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import type { JobInfo } from '../../../../shared/domain/workspace.ts';
import { api } from '../../api.ts';
import { jobFraction } from './useJobs.ts';

const STATE_INTENT: Record<JobInfo['state'], Intent> = { running: Intent.PRIMARY, done: Intent.SUCCESS, failed: Intent.DANGER, cancelled: Intent.WARNING };

function JobRow({ job }: { job: JobInfo }) {
  const { t } = useTranslation();
  const fraction = jobFraction(job);
  return (
    <div className="pc-job" data-job-kind={job.kind} data-job-state={job.state}>
      <span className="pc-job-label">{t(`jobs.kind.${job.kind}`, { defaultValue: job.label })}</span>
      {job.state === 'running' ? (
        <>
          <ProgressBar className="pc-job-bar" value={fraction} intent={Intent.PRIMARY} />
          <span className={Classes.TEXT_MUTED}>{job.phase ? t(`jobs.phase.${job.phase}`, { defaultValue: job.phase }) : ''}</span>
          {fraction !== undefined && <span className="pc-num">{Math.round(fraction * 100)}%</span>}
          <Button
            small
            minimal
            icon="cross"
            aria-label={t('jobs.cancel')}
            title={t('jobs.cancel')}
            onClick={() => void api.call('jobs.cancel', { id: job.id })}
          />
        </>
      ) : (
        <Tag minimal intent={STATE_INTENT[job.state]} title={job.error?.message}>
          {t(`jobs.state.${job.state}`)}
        </Tag>
      )}
    </div>
  );
}

export function JobsIndicator({ jobs }: { jobs: JobInfo[] }) {
  const { t } = useTranslation();
  const running = jobs.filter((j) => j.state === 'running');
  return (
    <div className="pc-jobs">
      {running.map((j) => (
        <JobRow key={j.id} job={j} />
      ))}
      <Popover
        placement="top-end"
        content={
          <div className="pc-jobs-popover">
            {jobs.length === 0 ? <span className={Classes.TEXT_MUTED}>{t('jobs.none')}</span> : jobs.map((j) => <JobRow key={j.id} job={j} />)}
          </div>
        }
      >
        <Button small minimal icon="list-detail-view" text={running.length === 0 ? t('jobs.idle') : t('jobs.running', { count: running.length })} />
      </Popover>
    </div>
  );
}
