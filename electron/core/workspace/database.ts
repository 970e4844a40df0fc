// Opens the workspace database with its raw 256-bit key in SQLCipher 4 mode, and maps SQLite's failures
// to the errors a user can act on.
import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, statSync } from 'node:fs';
import { contactKey, normalizeName } from '../../../shared/domain/names.ts';
import { AppError } from '../../../shared/errors.ts';

export type Db = Database.Database;
export const DATABASE_NAME = 'workspace.db';

/** Databases up to this size get a full quick_check at unlock; larger ones get it as a background job. */
export const UNLOCK_CHECK_LIMIT_BYTES = 16 * 1024 * 1024;

type OpenOptions = { create?: boolean; readonly?: boolean };

function applyKey(db: Db, key: Buffer): void {
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  // Raw key (x'…'): SQLCipher skips its own PBKDF2; our passphrase KDF has already been paid.
  db.pragma(`key="x'${key.toString('hex')}'"`);
}

/** SQL functions the schema's triggers call: every connection that writes needs them. */
export function registerSqlFunctions(db: Db): void {
  // The quick-search indexes normalise names as the app does (Cyrillic → Latin, no diacritics).
  db.function('pc_norm', { deterministic: true }, (text: unknown) => normalizeName(typeof text === 'string' ? text : ''));
  // The key a contact is compared by in link analysis (null: too short to link anything).
  db.function('pc_contact', { deterministic: true }, (kind: unknown, text: unknown) => contactKey(String(kind), typeof text === 'string' ? text : ''));
}

export function isCorruption(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code ?? '';
  return code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB') || code === 'SQLITE_IOERR_SHORT_READ';
}

export function corruptError(detail: string): AppError {
  return new AppError('WORKSPACE_CORRUPT', 'The workspace database is damaged and cannot be read. Nothing was changed or deleted; restore it from a backup.', {
    detail,
  });
}

/**
 * Opens and checks that the key reads the schema. The key file's authenticated wrap has already proved
 * the key, so a failure here means the file itself is damaged.
 */
export function openDatabase(file: string, key: Buffer, opts: OpenOptions = {}): Db {
  if (!opts.create && !existsSync(file)) throw corruptError('database file missing');
  let db: Db | undefined;
  try {
    db = new Database(file, { fileMustExist: !opts.create, readonly: opts.readonly ?? false });
    applyKey(db, key);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('secure_delete = ON');
    db.pragma('busy_timeout = 5000');
    // Sorts, temporary indexes and temp tables stay in memory: a temporary file would hold the
    // workspace's data unencrypted.
    db.pragma('temp_store = MEMORY');
    registerSqlFunctions(db);
    return db;
  } catch (err) {
    db?.close();
    if (err instanceof AppError) throw err;
    if (isCorruption(err)) throw corruptError((err as Error).message);
    throw err;
  }
}

/** Detects a truncated or bit-flipped file. Full page scan: only where the file is small enough. */
export function checkIntegrity(db: Db, file: string, full: boolean): void {
  try {
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const pageCount = db.pragma('page_count', { simple: true }) as number;
    const size = statSync(file).size;
    if (size % pageSize !== 0) throw corruptError(`file size ${size} is not a whole number of ${pageSize}-byte pages`);
    const walSize = existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0;
    if (walSize === 0 && size < pageCount * pageSize) throw corruptError(`file holds ${size / pageSize} of ${pageCount} pages`);
    if (full) {
      const rows = db.pragma('quick_check') as { quick_check: string }[];
      if (rows.length !== 1 || rows[0]!.quick_check !== 'ok') {
        throw corruptError(
          rows
            .slice(0, 5)
            .map((r) => r.quick_check)
            .join('; '),
        );
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (isCorruption(err)) throw corruptError((err as Error).message);
    throw err;
  }
}

/** Runs `fn` in a transaction that takes the write lock first (BEGIN IMMEDIATE): a write that meets a
 * background job's write waits for it (busy_timeout) instead of failing on its stale read snapshot. */
export function writeTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}
