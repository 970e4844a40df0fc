// Creating a workspace's files: folder checks, writer lock, new key, encrypted database, schema, first
// audit entry, then (optionally) initial content, and the key file last: a folder without its key file is
// not a workspace, so a crash at any point before leaves none behind.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PASSPHRASE_RULES } from '../../../shared/domain/workspace.ts';
import { AppError } from '../../../shared/errors.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { DATABASE_NAME, openDatabase, type Db } from './database.ts';
import { DEFAULT_KDF, KEYFILE_NAME, newKeyFile, writeKeyFile, type KdfCost, type KeyFile } from './keyfile.ts';
import { migrate } from './migrations/index.ts';
import { writeSettings } from './settings.ts';
import { acquireWriterLock, LOCK_NAME, type WriterLock } from './writer-lock.ts';

export type NewWorkspace = { dir: string; keyFile: KeyFile; dataKey: Buffer; db: Db; lock: WriterLock };

export function assertPassphraseRules(passphrase: string): void {
  if ([...passphrase].length < PASSPHRASE_RULES.minLength) {
    throw new AppError(
      'WORKSPACE_WEAK_PASSPHRASE',
      `Use a passphrase of at least ${PASSPHRASE_RULES.minLength} characters; several unrelated words work well.`,
    );
  }
}

export function assertEmptyFolder(dir: string): void {
  if (existsSync(join(dir, KEYFILE_NAME))) {
    throw new AppError('WORKSPACE_EXISTS', 'This folder already holds a Portcullis workspace. Open it instead, or choose an empty folder.');
  }
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new AppError('WORKSPACE_EXISTS', 'Choose an empty or new folder for a new workspace.');
}

export async function createWorkspaceFiles(
  input: { dir: string; name: string; passphrase: string },
  opts: { actor: string; kdfCost?: KdfCost },
  fill?: (db: Db, keyFile: KeyFile) => void,
): Promise<NewWorkspace> {
  assertPassphraseRules(input.passphrase);
  const dir = resolve(input.dir);
  assertEmptyFolder(dir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  mkdirSync(join(dir, 'attachments'), { recursive: true, mode: 0o700 });
  const lock = acquireWriterLock(dir);
  try {
    const { keyFile, dataKey } = await newKeyFile(input.name, input.passphrase, opts.kdfCost ?? DEFAULT_KDF);
    const db = openDatabase(join(dir, DATABASE_NAME), dataKey, { create: true });
    try {
      migrate(db);
      db.transaction(() => {
        writeSettings(db, { autoLockMinutes: 15 });
        appendAudit(db, { actor: opts.actor, action: 'workspace.create', entity: 'workspace', entityId: keyFile.id, details: { name: input.name } });
      })();
      fill?.(db, keyFile);
    } catch (err) {
      db.close();
      throw err;
    }
    writeKeyFile(join(dir, KEYFILE_NAME), keyFile);
    return { dir, keyFile, dataKey, db, lock };
  } catch (err) {
    lock.release();
    for (const f of [DATABASE_NAME, `${DATABASE_NAME}-wal`, `${DATABASE_NAME}-shm`, LOCK_NAME]) rmSync(join(dir, f), { force: true });
    throw err;
  }
}
