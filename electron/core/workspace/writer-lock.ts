// One writer per workspace. A tiny SQLite file held in EXCLUSIVE locking mode: the operating system
// releases the lock when the process dies, so a crash never leaves a stale lock behind.
import Database from 'better-sqlite3-multiple-ciphers';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors.ts';

export const LOCK_NAME = 'workspace.lock';

export type WriterLock = { release(): void };

export function acquireWriterLock(dir: string): WriterLock {
  const db = new Database(join(dir, LOCK_NAME), { timeout: 0 });
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER, host TEXT, since TEXT)');
    // The first write takes the exclusive lock; in EXCLUSIVE mode it is kept until the connection closes.
    db.transaction(() => {
      db.exec('DELETE FROM holder');
      db.prepare('INSERT INTO holder VALUES (?, ?, ?)').run(process.pid, hostname(), new Date().toISOString());
    })();
  } catch (err) {
    db.close();
    const code = (err as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      throw new AppError('WORKSPACE_IN_USE', 'This workspace is already open in another Portcullis window or process. Close it there first.');
    }
    throw err;
  }
  let released = false;
  return {
    release() {
      if (!released) {
        released = true;
        db.close();
      }
    },
  };
}
