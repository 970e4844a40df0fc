// The imports started from this screen: progress with cancel while each is read, then its report.
import { Button, Intent, ProgressBar } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import type { ImportFileReport } from '../../../../shared/domain/imports.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { jobFraction, useJobs } from '../jobs/useJobs.ts';
import { ImportReportView } from './ImportReportView.tsx';
import type { StartedImport } from './useImportRunner.tsx';

export function ImportJobs({ started }: { started: StartedImport[] }) {
  const { t } = useTranslation();
  const jobs = useJobs();
  return (
    <>
      {started.map(({ jobId, name }) => {
        const job = jobs.find((j) => j.id === jobId);
        if (!job) return null;
        if (job.state === 'running') {
          return (
            <div key={jobId} className="pc-row pc-mt" data-testid="import-running">
              <span>{t('imports.reading', { file: name })}</span>
              <ProgressBar className="pc-job-bar" value={jobFraction(job)} intent={Intent.PRIMARY} />
              <Button small minimal icon="cross" text={t('jobs.cancel')} onClick={() => void api.call('jobs.cancel', { id: jobId })} />
            </div>
          );
        }
        if (job.state === 'done') {
          const outcome = job.result as { report: ImportFileReport; refused: boolean };
          return <ImportReportView key={jobId} report={outcome.report} refused={outcome.refused} />;
        }
        return <ErrorCallout key={jobId} error={new Error(job.error?.message ?? t(`jobs.state.${job.state}`))} />;
      })}
    </>
  );
}
