// Job: full page check of a workspace too large to check at unlock.
import { checkIntegrity, openDatabase } from '../core/workspace/database.ts';
import { runJob } from '../core/jobs/worker-kit.ts';

export type IntegrityInput = { dbFile: string; keyHex: string };

runJob<IntegrityInput, { ok: true }>((input, ctx) => {
  ctx.progress(0, 0, 'checking');
  const db = openDatabase(input.dbFile, Buffer.from(input.keyHex, 'hex'), { readonly: true });
  try {
    checkIntegrity(db, input.dbFile, true);
  } finally {
    db.close();
  }
  return { ok: true };
});
