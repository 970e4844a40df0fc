// Online encrypted backup: runs as a background job while work goes on; progress shows in the status bar.
import { Button, Callout, Classes, FormGroup, H5, InputGroup, Intent, ProgressBar } from '@blueprintjs/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupResult, WorkspaceInfo } from '../../../../shared/domain/workspace.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { jobFraction, useJobs } from '../jobs/useJobs.ts';

function defaultBackupPath(ws: WorkspaceInfo): string {
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  const parent = ws.dir.replace(/[\\/][^\\/]*$/, '');
  const base = ws.dir.split(/[\\/]/).pop() ?? 'workspace';
  return `${parent}/${base}-${stamp}.pcbackup`;
}

export function BackupPanel({ workspace }: { workspace: WorkspaceInfo }) {
  const { t } = useTranslation();
  const [out, setOut] = useState(() => defaultBackupPath(workspace));
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const jobs = useJobs();
  const job = jobs.find((j) => j.id === jobId);

  async function start() {
    setError(null);
    try {
      const { jobId: id } = await api.call('workspace.backup', { out: out.trim() });
      setJobId(id);
    } catch (err) {
      setError(err);
    }
  }

  const result = job?.state === 'done' ? (job.result as BackupResult) : null;
  return (
    <div className="pc-panel">
      <H5>{t('backup.title')}</H5>
      <p className={Classes.TEXT_MUTED}>{t('backup.explain')}</p>
      <FormGroup label={t('backup.file')} labelFor="backup-out">
        <InputGroup id="backup-out" value={out} onValueChange={setOut} leftIcon="floppy-disk" />
      </FormGroup>
      <Button intent={Intent.PRIMARY} icon="archive" text={t('backup.start')} onClick={() => void start()} disabled={!out.trim() || job?.state === 'running'} />
      <ErrorCallout error={error} />
      {job?.state === 'running' && <ProgressBar className="pc-mt" value={jobFraction(job)} intent={Intent.PRIMARY} />}
      {result && (
        <Callout intent={Intent.SUCCESS} icon="tick" className="pc-mt" data-testid="backup-done">
          {t('backup.done', { file: result.file })}
          <div className={`${Classes.TEXT_SMALL} ${Classes.MONOSPACE_TEXT}`}>SHA-256 {result.sha256}</div>
        </Callout>
      )}
      {job?.state === 'failed' && <ErrorCallout error={new Error(job.error?.message)} />}
      {job?.state === 'cancelled' && (
        <Callout intent={Intent.WARNING} className="pc-mt">
          {t('jobs.state.cancelled')}
        </Callout>
      )}
    </div>
  );
}
