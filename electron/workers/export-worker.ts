// Job: a grid's view exported to CSV or XLSX off the main thread, with progress by rows and cancel.
import { AppError } from '../../shared/errors.ts';
import { exportGrid, type ExportInput, type ExportResult } from '../core/grids/grid-export.ts';
import { runJob } from '../core/jobs/worker-kit.ts';
import { openDatabase } from '../core/workspace/database.ts';

export type ExportJobInput = ExportInput & { dbFile: string; keyHex: string };

runJob<ExportJobInput, ExportResult>((input, ctx) => {
  const db = openDatabase(input.dbFile, Buffer.from(input.keyHex, 'hex'));
  try {
    ctx.progress(0, 0, 'writing');
    return exportGrid(db, input, (rows, total) => {
      if (ctx.isCancelled()) throw new AppError('JOB_CANCELLED', 'Cancelled.');
      ctx.progress(rows, total, 'writing');
    });
  } finally {
    db.close();
  }
});
