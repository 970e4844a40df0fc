// The workspace key file: the random data key that encrypts the database, wrapped by a key derived from
// the passphrase (scrypt, parameters stored beside it) and optionally by the OS keychain.
import { createCipheriv, createDecipheriv, createHmac, randomBytes, randomUUID, scrypt, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { AppError } from '../../../shared/errors.ts';
import { writeFileAtomic } from '../app/atomic-file.ts';

export const KEYFILE_NAME = 'workspace.json';
export const KEYFILE_FORMAT = 'portcullis-workspace';

export type KdfParams = { alg: 'scrypt'; N: number; r: number; p: number; salt: string };
export type WrappedKey = { alg: 'aes-256-gcm'; iv: string; tag: string; data: string };

export type KeyFile = {
  format: typeof KEYFILE_FORMAT;
  version: 1;
  id: string;
  name: string;
  createdAt: string;
  cipher: { scheme: 'sqlcipher'; legacy: 4 };
  kdf: KdfParams;
  wrap: WrappedKey;
  /** Data key wrapped by the OS keychain (Electron safeStorage), base64, when the user enabled it. */
  keychain?: string;
  /** HMAC of a fixed label under the data key: proves a key from the keychain before the database is opened. */
  keyCheck: string;
};

export function keyCheckValue(dataKey: Buffer): string {
  return createHmac('sha256', dataKey).update('portcullis data key check').digest('hex');
}

/** Throws WORKSPACE_KEYCHAIN_UNAVAILABLE when a key (from the keychain) is not this workspace's. */
export function assertKeyMatches(keyFile: KeyFile, dataKey: Buffer): void {
  const expected = Buffer.from(keyFile.keyCheck, 'hex');
  const actual = Buffer.from(keyCheckValue(dataKey), 'hex');
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    throw new AppError('WORKSPACE_KEYCHAIN_UNAVAILABLE', "This computer's keychain no longer holds this workspace's key. Unlock with the passphrase.");
  }
}

/** 2^17 × 8 × 128 B = 128 MiB of memory and ~0.3-0.6 s per derivation: slow for guessing, by design. */
export type KdfCost = { N: number; r: number; p: number };
export const DEFAULT_KDF: KdfCost = { N: 2 ** 17, r: 8, p: 1 };

export function deriveWrappingKey(passphrase: string, kdf: KdfParams): Promise<Buffer> {
  const maxmem = 256 * kdf.N * kdf.r + 32 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** Binds the wrap to this workspace and these KDF parameters: neither can be swapped undetected. */
function associatedData(id: string, kdf: KdfParams): Buffer {
  return Buffer.from(JSON.stringify({ format: KEYFILE_FORMAT, id, kdf: [kdf.alg, kdf.N, kdf.r, kdf.p, kdf.salt] }));
}

export function wrapKey(dataKey: Buffer, wrappingKey: Buffer, id: string, kdf: KdfParams): WrappedKey {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey, iv);
  cipher.setAAD(associatedData(id, kdf));
  const data = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return { alg: 'aes-256-gcm', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** Throws WORKSPACE_WRONG_PASSPHRASE when the tag does not verify. */
export function unwrapKey(wrapped: WrappedKey, wrappingKey: Buffer, id: string, kdf: KdfParams): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrappingKey, Buffer.from(wrapped.iv, 'base64'));
    decipher.setAAD(associatedData(id, kdf));
    decipher.setAuthTag(Buffer.from(wrapped.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(wrapped.data, 'base64')), decipher.final()]);
  } catch {
    throw new AppError('WORKSPACE_WRONG_PASSPHRASE', 'The passphrase is not correct for this workspace.');
  }
}

export async function newKeyFile(name: string, passphrase: string, kdfCost: KdfCost = DEFAULT_KDF): Promise<{ keyFile: KeyFile; dataKey: Buffer }> {
  const dataKey = randomBytes(32);
  const id = randomUUID();
  const kdf: KdfParams = { alg: 'scrypt', ...kdfCost, salt: randomBytes(16).toString('base64') };
  const wrap = wrapKey(dataKey, await deriveWrappingKey(passphrase, kdf), id, kdf);
  const keyFile: KeyFile = {
    format: KEYFILE_FORMAT,
    version: 1,
    id,
    name,
    createdAt: new Date().toISOString(),
    cipher: { scheme: 'sqlcipher', legacy: 4 },
    kdf,
    wrap,
    keyCheck: keyCheckValue(dataKey),
  };
  return { keyFile, dataKey };
}

export async function unlockKeyFile(keyFile: KeyFile, passphrase: string): Promise<Buffer> {
  return unwrapKey(keyFile.wrap, await deriveWrappingKey(passphrase, keyFile.kdf), keyFile.id, keyFile.kdf);
}

/** A new salt and wrap for the same data key: the database itself is not touched. */
export async function rewrapKeyFile(keyFile: KeyFile, dataKey: Buffer, nextPassphrase: string, kdfCost: KdfCost = DEFAULT_KDF): Promise<KeyFile> {
  const kdf: KdfParams = { alg: 'scrypt', ...kdfCost, salt: randomBytes(16).toString('base64') };
  return { ...keyFile, kdf, wrap: wrapKey(dataKey, await deriveWrappingKey(nextPassphrase, kdf), keyFile.id, kdf) };
}

export function parseKeyFile(text: string): KeyFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError('WORKSPACE_CORRUPT', 'The workspace key file is damaged (not readable JSON).');
  }
  const k = value as Partial<KeyFile> | null;
  const ok =
    k !== null &&
    typeof k === 'object' &&
    k.format === KEYFILE_FORMAT &&
    typeof k.id === 'string' &&
    typeof k.name === 'string' &&
    k.kdf?.alg === 'scrypt' &&
    Number.isInteger(k.kdf.N) &&
    Number.isInteger(k.kdf.r) &&
    Number.isInteger(k.kdf.p) &&
    typeof k.kdf.salt === 'string' &&
    k.wrap?.alg === 'aes-256-gcm' &&
    typeof k.wrap.iv === 'string' &&
    typeof k.wrap.tag === 'string' &&
    typeof k.wrap.data === 'string' &&
    typeof k.keyCheck === 'string';
  if (!ok) throw new AppError('WORKSPACE_CORRUPT', 'The workspace key file is damaged or not a Portcullis key file.');
  if (k.version !== 1) {
    throw new AppError('WORKSPACE_FROM_NEWER_VERSION', 'This workspace was written by a newer version of Portcullis. Update Portcullis to open it.');
  }
  return k as KeyFile;
}

export function readKeyFile(path: string): KeyFile {
  if (!existsSync(path)) throw new AppError('WORKSPACE_NOT_FOUND', 'No Portcullis workspace was found in this folder.');
  return parseKeyFile(readFileSync(path, 'utf8'));
}

export function writeKeyFile(path: string, keyFile: KeyFile): void {
  writeFileAtomic(path, JSON.stringify(keyFile, null, 2) + '\n');
}
