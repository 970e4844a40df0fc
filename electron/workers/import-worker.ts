// Job: one file import, off the main thread, with progress by bytes read and cancel (the transaction
// is rolled back, so a cancelled import leaves nothing).
import { AppError } from '../../shared/errors.ts';
import { runJob } from '../core/jobs/worker-kit.ts';
import { importFile, type ImportOutcome } from '../core/ingest/import-file.ts';
import { openDatabase } from '../core/workspace/database.ts';

export type ImportJobInput = {
  dbFile: string;
  keyHex: string;
  file: string;
  name: string;
  format: string | null;
  strict: boolean;
  actor: string;
  mapping: Record<string, number> | null;
  spec: string | null;
};

runJob<ImportJobInput, ImportOutcome>((input, ctx) => {
  const db = openDatabase(input.dbFile, Buffer.from(input.keyHex, 'hex'));
  try {
    ctx.progress(0, 0, 'reading');
    return importFile(db, input.file, {
      format: input.format ?? undefined,
      strict: input.strict,
      actor: input.actor,
      displayName: input.name,
      mapping: input.mapping ?? undefined,
      spec: input.spec ?? undefined,
      onProgress: (bytes, total) => {
        if (ctx.isCancelled()) throw new AppError('JOB_CANCELLED', 'Cancelled.');
        ctx.progress(bytes, total, 'reading');
      },
    });
  } finally {
    db.close();
  }
});
