// Job: a scoring run (or a backtest) on its own connection, with progress by records and cancel; a
// cancelled run rolls back and leaves the review queue as it was.
import type { BacktestResult, Profile, ProfileDraft, ScoreResult } from '../../shared/domain/targeting.ts';
import { AppError } from '../../shared/errors.ts';
import { runJob } from '../core/jobs/worker-kit.ts';
import { backtest, runScoring } from '../core/targeting/engine.ts';
import { openDatabase } from '../core/workspace/database.ts';

export type ScoreJobInput = { dbFile: string; keyHex: string; actor: string } & (
  | { task: 'score'; full: boolean; only?: Profile[] }
  | { task: 'backtest'; profile: ProfileDraft & { id: number; version: number | 'draft' }; from: string; to: string }
);

runJob<ScoreJobInput, ScoreResult | BacktestResult>((input, ctx) => {
  const db = openDatabase(input.dbFile, Buffer.from(input.keyHex, 'hex'));
  try {
    ctx.progress(0, 0, 'scoring');
    const onProgress = (done: number, total: number) => {
      if (ctx.isCancelled()) throw new AppError('JOB_CANCELLED', 'Cancelled.');
      ctx.progress(done, total, 'scoring');
    };
    if (input.task === 'backtest') return backtest(db, input.profile, { from: input.from, to: input.to }, onProgress);
    return runScoring(db, { actor: input.actor, full: input.full, ...(input.only ? { only: input.only } : {}), onProgress });
  } finally {
    db.close();
  }
});
