// Background jobs as the core reports them: running ones with progress, finished ones briefly.
import { useEffect, useState } from 'react';
import type { JobInfo } from '../../../../shared/domain/workspace.ts';
import { api } from '../../api.ts';

export function useJobs(): JobInfo[] {
  const [jobs, setJobs] = useState<JobInfo[]>([]);
  useEffect(() => {
    let live = true;
    void api.call('jobs.list').then((list) => live && setJobs(list));
    const off = api.on('job.updated', (job) =>
      setJobs((prev) => {
        const rest = prev.filter((j) => j.id !== job.id);
        return [job, ...rest].slice(0, 20);
      }),
    );
    return () => {
      live = false;
      off();
    };
  }, []);
  return jobs;
}

/** A job's progress as a fraction, or undefined while it cannot tell (indeterminate). */
export function jobFraction(job: JobInfo): number | undefined {
  if (job.state !== 'running') return 1;
  return job.total > 0 ? Math.min(1, job.done / job.total) : undefined;
}
