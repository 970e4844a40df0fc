// Messages between the job runner and its workers.
export type WorkerMessage =
  { type: 'progress'; done: number; total: number; phase: string } | { type: 'result'; result: unknown } | { type: 'error'; code: string; message: string };

export type RunnerMessage = { type: 'cancel' };
