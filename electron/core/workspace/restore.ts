// Restores an encrypted backup file into a new workspace folder: the passphrase unwraps the key, the
// header MAC is verified before a single page is written, and every part's checksum (the database, each
// attachment file) before the workspace is usable; a failed restore removes what it wrote.
import { createReadStream, createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../../shared/errors.ts';
import { readBackupHeader, sha256Hex, verifyHeaderMac } from './backup-file.ts';
import { checkIntegrity, DATABASE_NAME, openDatabase } from './database.ts';
import { KEYFILE_NAME, unlockKeyFile, writeKeyFile } from './keyfile.ts';
import { fsyncDir } from '../app/atomic-file.ts';

export async function restoreBackup(backupFile: string, dir: string, passphrase: string): Promise<void> {
  const { header, dataOffset } = readBackupHeader(backupFile);
  const dataKey = await unlockKeyFile(header.keyFile, passphrase);
  verifyHeaderMac(dataKey, header);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  mkdirSync(join(dir, 'attachments'), { recursive: true, mode: 0o700 });
  const dbFile = join(dir, DATABASE_NAME);
  const hash = sha256Hex();
  let bytes = 0;
  try {
    await pipeline(
      createReadStream(backupFile, { start: dataOffset, end: dataOffset + header.db.bytes - 1 }),
      new Transform({
        transform(chunk: Buffer, _enc, cb) {
          hash.update(chunk);
          bytes += chunk.length;
          cb(null, chunk);
        },
      }),
      createWriteStream(dbFile, { mode: 0o600, flush: true }),
    );
    const damaged = () =>
      new AppError('BACKUP_INVALID', 'This file is not a usable Portcullis backup: its contents do not match their checksum (damaged or altered).');
    if (bytes !== header.db.bytes || hash.digest('hex') !== header.db.sha256) throw damaged();
    // The attachment files, one after the other.
    let offset = dataOffset + header.db.bytes;
    for (const a of header.attachments ?? []) {
      const h = sha256Hex();
      let n = 0;
      if (a.bytes > 0) {
        await pipeline(
          createReadStream(backupFile, { start: offset, end: offset + a.bytes - 1 }),
          new Transform({
            transform(chunk: Buffer, _enc, cb) {
              h.update(chunk);
              n += chunk.length;
              cb(null, chunk);
            },
          }),
          createWriteStream(join(dir, 'attachments', a.file), { mode: 0o600, flush: true }),
        );
      }
      if (n !== a.bytes || h.digest('hex') !== a.sha256) throw damaged();
      offset += a.bytes;
    }
    const db = openDatabase(dbFile, dataKey);
    try {
      checkIntegrity(db, dbFile, true);
    } finally {
      db.close();
    }
    writeKeyFile(join(dir, KEYFILE_NAME), header.keyFile);
    fsyncDir(dir);
  } catch (err) {
    // Only what this restore wrote is removed; the folder was empty before.
    for (const f of [DATABASE_NAME, `${DATABASE_NAME}-wal`, `${DATABASE_NAME}-shm`]) rmSync(join(dir, f), { force: true });
    for (const a of header.attachments ?? []) rmSync(join(dir, 'attachments', a.file), { force: true });
    throw err;
  } finally {
    dataKey.fill(0);
  }
}
