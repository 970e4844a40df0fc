// Background jobs on worker threads: each job is a worker module that reports progress and can be
// cancelled. The runner keeps their state, throttles progress events and tells every UI.
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { JobInfo } from '../../../shared/domain/workspace.ts';
import { AppError, isErrorCode } from '../../../shared/errors.ts';
import type { EventBus } from '../app/events.ts';
import type { WorkerMessage } from './protocol.ts';

export type JobSpec = {
  kind: string;
  label: string;
  worker: URL;
  input: unknown;
  /** Runs after a cancel or failure: remove partial output. */
  cleanup?: () => void;
  /** Runs in the main thread with the worker's result, before the job is reported done. */
  onResult?: (result: unknown) => unknown;
};

type Running = { info: JobInfo; worker: Worker; spec: JobSpec; settled: Promise<JobInfo>; cancelRequested: boolean };

const PROGRESS_INTERVAL_MS = 100;
const CANCEL_GRACE_MS = 500;
const KEEP_FINISHED = 20;

export class JobRunner {
  private readonly jobs = new Map<string, Running>();
  private readonly finished: JobInfo[] = [];

  private readonly events: EventBus;

  constructor(events: EventBus) {
    this.events = events;
  }

  start(spec: JobSpec): JobInfo {
    const info: JobInfo = {
      id: randomUUID(),
      kind: spec.kind,
      label: spec.label,
      state: 'running',
      done: 0,
      total: 0,
      phase: '',
      startedAt: new Date().toISOString(),
    };
    const worker = new Worker(spec.worker, { workerData: spec.input });
    let lastEmit = 0;
    const settled = new Promise<JobInfo>((resolve) => {
      let settledOnce = false;
      const finish = (patch: Partial<JobInfo> & { state: JobInfo['state'] }) => {
        if (settledOnce) return;
        settledOnce = true;
        Object.assign(info, patch, { finishedAt: new Date().toISOString() });
        if (patch.state !== 'done') spec.cleanup?.();
        this.jobs.delete(info.id);
        this.finished.unshift({ ...info });
        this.finished.length = Math.min(this.finished.length, KEEP_FINISHED);
        this.events.emit('job.updated', { ...info });
        void worker.terminate();
        resolve({ ...info });
      };
      worker.on('message', (msg: WorkerMessage) => {
        if (msg.type === 'progress') {
          Object.assign(info, { done: msg.done, total: msg.total, phase: msg.phase });
          const now = Date.now();
          if (now - lastEmit >= PROGRESS_INTERVAL_MS) {
            lastEmit = now;
            this.events.emit('job.updated', { ...info });
          }
        } else if (msg.type === 'result') {
          try {
            const result = spec.onResult ? spec.onResult(msg.result) : msg.result;
            finish({ state: 'done', result, done: info.total || 1, total: info.total || 1 });
          } catch (err) {
            finish({ state: 'failed', error: errorInfo(err) });
          }
        } else if (msg.type === 'error') {
          const running = this.jobs.get(info.id);
          if (msg.code === 'JOB_CANCELLED' || running?.cancelRequested) finish({ state: 'cancelled' });
          else finish({ state: 'failed', error: { code: msg.code, message: msg.message } });
        }
      });
      worker.on('error', (err) => finish({ state: 'failed', error: errorInfo(err) }));
      worker.on('exit', () => {
        const running = this.jobs.get(info.id);
        if (running?.cancelRequested) finish({ state: 'cancelled' });
        else finish({ state: 'failed', error: { code: 'INTERNAL', message: 'The background task stopped unexpectedly.' } });
      });
    });
    this.jobs.set(info.id, { info, worker, spec, settled, cancelRequested: false });
    this.events.emit('job.updated', { ...info });
    return { ...info };
  }

  cancel(id: string): JobInfo {
    const running = this.jobs.get(id);
    if (!running) {
      const done = this.finished.find((j) => j.id === id);
      if (done) return done;
      throw new AppError('JOB_NOT_FOUND', 'No such background task.');
    }
    running.cancelRequested = true;
    running.worker.postMessage({ type: 'cancel' });
    // A worker stuck in one long native call (VACUUM INTO, say) cannot look at its flag: stop it.
    setTimeout(() => void running.worker.terminate(), CANCEL_GRACE_MS).unref();
    return { ...running.info };
  }

  cancelAll(): Promise<JobInfo[]> {
    return Promise.all([...this.jobs.keys()].map((id) => (this.cancel(id), this.wait(id))));
  }

  wait(id: string): Promise<JobInfo> {
    const running = this.jobs.get(id);
    if (running) return running.settled;
    const done = this.finished.find((j) => j.id === id);
    if (done) return Promise.resolve(done);
    return Promise.reject(new AppError('JOB_NOT_FOUND', 'No such background task.'));
  }

  list(): JobInfo[] {
    return [...[...this.jobs.values()].map((r) => ({ ...r.info })), ...this.finished];
  }

  runningCount(): number {
    return this.jobs.size;
  }
}

function errorInfo(err: unknown): { code: string; message: string } {
  if (err instanceof AppError) return { code: err.code, message: err.message };
  const code = (err as { code?: unknown })?.code;
  if (isErrorCode(code)) return { code, message: (err as Error).message };
  console.error('background task failed', err);
  return { code: 'INTERNAL', message: 'The background task failed; see the log for details.' };
}
