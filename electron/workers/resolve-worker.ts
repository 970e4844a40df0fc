// Job: the search for candidate duplicate parties (entity resolution) on its own connection, with
// progress and cancel; a cancelled search writes nothing.
import { AppError } from '../../shared/errors.ts';
import { findCandidates, type FindResult } from '../core/graph/resolution.ts';
import { runJob } from '../core/jobs/worker-kit.ts';
import { openDatabase } from '../core/workspace/database.ts';

export type ResolveJobInput = { dbFile: string; keyHex: string; actor: string; threshold?: number };

runJob<ResolveJobInput, FindResult>((input, ctx) => {
  const db = openDatabase(input.dbFile, Buffer.from(input.keyHex, 'hex'));
  try {
    ctx.progress(0, 0, 'reading parties');
    return findCandidates(db, {
      actor: input.actor,
      ...(input.threshold !== undefined ? { threshold: input.threshold } : {}),
      onProgress: (done, total, phase) => {
        if (ctx.isCancelled()) throw new AppError('JOB_CANCELLED', 'Cancelled.');
        ctx.progress(done, total, phase);
      },
    });
  } finally {
    db.close();
  }
});
