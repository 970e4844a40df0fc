// The encrypted backup file: "PCBACKUP", a 4-byte header length, a JSON header, then the database as
// SQLCipher pages (encrypted with the workspace's data key, never decrypted on the way), then (version 2)
// each case attachment as its encrypted file, in the order the header lists them. The header carries the
// wrapped key (so the backup opens with the passphrase of the day it was made), the size and SHA-256 of
// every part, and a MAC under the data key over everything else, so a tampered file is refused before
// any page is read.
import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { AppError } from '../../../shared/errors.ts';
import { canonicalJson } from '../audit/audit-log.ts';
import type { KeyFile } from './keyfile.ts';

export const BACKUP_MAGIC = Buffer.from('PCBACKUP');
export const BACKUP_FORMAT = 'portcullis-backup';
const MAX_HEADER = 1024 * 1024;

export type BackupHeader = {
  format: typeof BACKUP_FORMAT;
  /** 1: the database alone; 2: the database, then the attachment files. */
  version: 1 | 2;
  createdAt: string;
  schemaVersion: number;
  keyFile: KeyFile;
  db: { bytes: number; sha256: string };
  /** The attachment files (already encrypted) after the database, by their name in attachments/. */
  attachments?: { file: string; bytes: number; sha256: string }[];
  mac: string;
};

/** An attachment's file name as the workspace writes it: nothing else is restored into the folder. */
export const ATTACHMENT_FILE = /^[0-9a-f]{32}\.pca$/;

function macKey(dataKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'portcullis backup header mac', 32));
}

export function headerMac(dataKey: Buffer, header: Omit<BackupHeader, 'mac'>): string {
  return createHmac('sha256', macKey(dataKey)).update(canonicalJson(header)).digest('hex');
}

export function encodeHeader(header: BackupHeader): Buffer {
  const json = Buffer.from(JSON.stringify(header));
  const len = Buffer.alloc(4);
  len.writeUInt32BE(json.length);
  return Buffer.concat([BACKUP_MAGIC, len, json]);
}

const invalid = (why: string) => new AppError('BACKUP_INVALID', `This file is not a usable Portcullis backup: ${why}.`);

/** Reads the header only; the caller verifies the MAC once it has the data key. */
export function readBackupHeader(file: string): { header: BackupHeader; dataOffset: number } {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    throw invalid('it cannot be opened');
  }
  try {
    const head = Buffer.alloc(12);
    if (readSync(fd, head, 0, 12, 0) !== 12 || !head.subarray(0, 8).equals(BACKUP_MAGIC)) throw invalid('wrong file type');
    const len = head.readUInt32BE(8);
    if (len === 0 || len > MAX_HEADER) throw invalid('damaged header');
    const json = Buffer.alloc(len);
    if (readSync(fd, json, 0, len, 12) !== len) throw invalid('truncated header');
    let header: BackupHeader;
    try {
      header = JSON.parse(json.toString('utf8')) as BackupHeader;
    } catch {
      throw invalid('damaged header');
    }
    if (header.format !== BACKUP_FORMAT || typeof header.mac !== 'string' || typeof header.db?.sha256 !== 'string') {
      throw invalid('damaged header');
    }
    if (header.version !== 1 && header.version !== 2)
      throw new AppError('WORKSPACE_FROM_NEWER_VERSION', 'This backup was made by a newer version of Portcullis.');
    if (header.version === 2 && (!Array.isArray(header.attachments) || header.attachments.some((a) => !ATTACHMENT_FILE.test(String(a?.file))))) {
      throw invalid('damaged header');
    }
    return { header, dataOffset: 12 + len };
  } finally {
    closeSync(fd);
  }
}

export function verifyHeaderMac(dataKey: Buffer, header: BackupHeader): void {
  const { mac, ...rest } = header;
  const expected = Buffer.from(headerMac(dataKey, rest), 'hex');
  const actual = Buffer.from(mac, 'hex');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw invalid('its header was altered');
}

export function sha256Hex(): ReturnType<typeof createHash> {
  return createHash('sha256');
}
