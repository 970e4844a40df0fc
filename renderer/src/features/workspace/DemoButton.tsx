// "Open demo workspace": generates a compact synthetic scenario (first time only) with a progress bar,
// then the app opens on it.
import { Button, Callout, Classes, Code, Intent, ProgressBar } from '@blueprintjs/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { jobFraction, useJobs } from '../jobs/useJobs.ts';

export function DemoButton() {
  const { t } = useTranslation();
  const [jobId, setJobId] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const job = useJobs().find((j) => j.id === jobId);

  async function open() {
    setBusy(true);
    setError(null);
    try {
      const r = await api.call('workspace.openDemo');
      setJobId(r.jobId);
      setPassphrase(r.passphrase);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const failed = job && (job.state === 'failed' || job.state === 'cancelled');
  return (
    <Callout icon="lab-test" className="pc-demo" title={t('demo.title')}>
      <p className={Classes.TEXT_MUTED}>{t('demo.explain')}</p>
      {job?.state === 'running' ? (
        <div className="pc-demo-progress" data-testid="demo-progress">
          <ProgressBar value={jobFraction(job)} intent={Intent.PRIMARY} />
          <div className={Classes.TEXT_SMALL}>{job.total > 0 ? t('demo.progress', { done: job.done, total: job.total }) : t('demo.starting')}</div>
          <Button small minimal icon="cross" text={t('jobs.cancel')} onClick={() => void api.call('jobs.cancel', { id: job.id })} />
        </div>
      ) : (
        <Button
          intent={Intent.SUCCESS}
          icon="play"
          text={t('demo.open')}
          loading={busy && !failed && !job}
          onClick={() => void open()}
          disabled={busy && !failed}
        />
      )}
      {passphrase && (
        <p className={`${Classes.TEXT_SMALL} pc-mt`}>
          {t('demo.passphrase')} <Code>{passphrase}</Code>
        </p>
      )}
      {failed && <ErrorCallout error={new Error(job.error?.message ?? t('jobs.state.cancelled'))} />}
      <ErrorCallout error={error} />
    </Callout>
  );
}
