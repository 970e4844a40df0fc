// What every job worker uses: its input, progress reporting, the cancel flag, and the final message.
import { parentPort, workerData } from 'node:worker_threads';
import { AppError, isErrorCode } from '../../../shared/errors.ts';
import type { RunnerMessage, WorkerMessage } from './protocol.ts';

export type JobContext = {
  progress(done: number, total: number, phase: string): void;
  isCancelled(): boolean;
  throwIfCancelled(): void;
};

export function runJob<I, O>(work: (input: I, ctx: JobContext) => Promise<O> | O): void {
  const port = parentPort;
  if (!port) throw new Error('runJob must be called inside a worker thread');
  let cancelled = false;
  port.on('message', (msg: RunnerMessage) => {
    if (msg.type === 'cancel') cancelled = true;
  });
  const send = (msg: WorkerMessage) => port.postMessage(msg);
  const ctx: JobContext = {
    progress: (done, total, phase) => send({ type: 'progress', done, total, phase }),
    isCancelled: () => cancelled,
    throwIfCancelled: () => {
      if (cancelled) throw new AppError('JOB_CANCELLED', 'Cancelled.');
    },
  };
  Promise.resolve()
    .then(() => work(workerData as I, ctx))
    .then(
      (result) => send({ type: 'result', result }),
      (err: unknown) => {
        const code = (err as { code?: unknown })?.code;
        if (!isErrorCode(code)) console.error(err);
        send({
          type: 'error',
          code: isErrorCode(code) ? code : 'INTERNAL',
          message: isErrorCode(code) ? (err as Error).message : 'The background task failed; see the log for details.',
        });
      },
    )
    .finally(() => port.close());
}
