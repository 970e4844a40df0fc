// Job: online encrypted backup. Takes a consistent snapshot with VACUUM INTO (encrypted with the same
// key), checks it, then writes header + pages + the attachment files the snapshot names (encrypted as
// they are on disk) to the backup file, all off the main thread.
import { closeSync, fsyncSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, checkIntegrity } from '../core/workspace/database.ts';
import { ATTACHMENT_FILE, encodeHeader, headerMac, sha256Hex, BACKUP_FORMAT, type BackupHeader } from '../core/workspace/backup-file.ts';
import type { KeyFile } from '../core/workspace/keyfile.ts';
import { runJob } from '../core/jobs/worker-kit.ts';
import type { BackupResult } from '../../shared/domain/workspace.ts';

export type BackupInput = { dbFile: string; attachmentsDir: string; keyHex: string; out: string; keyFile: KeyFile; schemaVersion: number };

const CHUNK = 1024 * 1024;

function forEachChunk(file: string, onChunk: (buf: Buffer) => void, onProgress: (done: number) => void): void {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(CHUNK);
    let pos = 0;
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, pos);
      if (n === 0) break;
      onChunk(buf.subarray(0, n));
      pos += n;
      onProgress(pos);
    }
  } finally {
    closeSync(fd);
  }
}

runJob<BackupInput, BackupResult>((input, ctx) => {
  const key = Buffer.from(input.keyHex, 'hex');
  const snapshot = `${input.out}.snapshot`;
  const partial = `${input.out}.partial`;
  rmSync(snapshot, { force: true });
  ctx.progress(0, 0, 'snapshot');
  const db = openDatabase(input.dbFile, key, { readonly: true });
  try {
    db.prepare('VACUUM INTO ?').run(snapshot);
  } finally {
    db.close();
  }
  ctx.throwIfCancelled();
  const check = openDatabase(snapshot, key, { readonly: true });
  let files: string[];
  try {
    checkIntegrity(check, snapshot, true);
    // The attachments the snapshot knows (a file added after it is in the next backup).
    const hasTable = check.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'case_attachment'`).get();
    files = hasTable ? (check.prepare('SELECT file FROM case_attachment ORDER BY id').pluck().all() as string[]).filter((f) => ATTACHMENT_FILE.test(f)) : [];
  } finally {
    check.close();
  }
  const attachments = files.map((file) => {
    const path = join(input.attachmentsDir, file);
    const h = sha256Hex();
    forEachChunk(
      path,
      (b) => h.update(b),
      () => undefined,
    );
    return { file, bytes: statSync(path).size, sha256: h.digest('hex') };
  });
  const attachmentBytes = attachments.reduce((n, a) => n + a.bytes, 0);
  const bytes = statSync(snapshot).size;
  const hash = sha256Hex();
  forEachChunk(
    snapshot,
    (b) => hash.update(b),
    (done) => ctx.progress(done, bytes * 2 + attachmentBytes, 'checksum'),
  );
  ctx.throwIfCancelled();
  const { keychain: _deviceBound, ...keyFile } = input.keyFile;
  const unsigned: Omit<BackupHeader, 'mac'> = {
    format: BACKUP_FORMAT,
    version: 2,
    createdAt: new Date().toISOString(),
    schemaVersion: input.schemaVersion,
    keyFile,
    db: { bytes, sha256: hash.digest('hex') },
    attachments,
  };
  const header: BackupHeader = { ...unsigned, mac: headerMac(key, unsigned) };
  const fd = openSync(partial, 'w', 0o600);
  try {
    writeSync(fd, encodeHeader(header));
    forEachChunk(
      snapshot,
      (b) => {
        ctx.throwIfCancelled();
        writeSync(fd, b);
      },
      (done) => ctx.progress(bytes + done, bytes * 2 + attachmentBytes, 'writing'),
    );
    let written = 0;
    for (const a of attachments) {
      forEachChunk(
        join(input.attachmentsDir, a.file),
        (b) => {
          ctx.throwIfCancelled();
          writeSync(fd, b);
          written += b.length;
        },
        () => ctx.progress(bytes * 2 + written, bytes * 2 + attachmentBytes, 'attachments'),
      );
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, input.out);
  rmSync(snapshot, { force: true });
  return { file: input.out, bytes: statSync(input.out).size, sha256: header.db.sha256 };
});
