// The import history, refetched whenever imported data changes.
import { useCallback, useEffect, useState } from 'react';
import type { ImportSummary } from '../../../../shared/domain/imports.ts';
import { api } from '../../api.ts';

export function useImportHistory(): { history: ImportSummary[]; reload(): void; error: unknown } {
  const [history, setHistory] = useState<ImportSummary[]>([]);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(() => {
    api.call('imports.history', {}).then(setHistory, setError);
  }, []);
  useEffect(() => {
    reload();
    const offData = api.on('data.changed', ({ tables }) => tables.includes('import_batch') && reload());
    const offJob = api.on('job.updated', (job) => job.kind === 'import.file' && job.state !== 'running' && reload());
    return () => {
      offData();
      offJob();
    };
  }, [reload]);
  return { history, reload, error };
}
