// The file format of an encrypted attachment: AES-256-GCM under the workspace's attachment key, a fresh
// random 96-bit nonce per file, and the case and attachment ids bound in as associated data (a file moved
// to another attachment's row, or another case's, fails to open).
//   "PCAT" | version 0x01 | nonce (12) | ciphertext | tag (16)
// The header (magic, version, nonce) is authenticated too. Never chacha20-poly1305: Electron's BoringSSL lacks it.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { AppError } from '../../../shared/errors.ts';

const MAGIC = Buffer.from('PCAT', 'ascii');
const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + 1 + NONCE_BYTES;

export type AttachmentBinding = { caseId: number; attachmentId: number };

function associatedData(header: Buffer, bind: AttachmentBinding): Buffer {
  const ids = Buffer.alloc(16);
  ids.writeBigUInt64BE(BigInt(bind.caseId), 0);
  ids.writeBigUInt64BE(BigInt(bind.attachmentId), 8);
  return Buffer.concat([header, ids]);
}

export function encryptAttachment(key: Buffer, plaintext: Buffer, bind: AttachmentBinding): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const header = Buffer.concat([MAGIC, Buffer.from([VERSION]), nonce]);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(header, bind));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, body, cipher.getAuthTag()]);
}

/** The plaintext, or ATTACHMENT_TAMPERED when the file is not what was written for this case and attachment. */
export function decryptAttachment(key: Buffer, file: Buffer, bind: AttachmentBinding): Buffer {
  const tampered = (why: string) =>
    new AppError('ATTACHMENT_TAMPERED', 'This attachment has been altered since it was added; its content cannot be trusted.', {
      attachmentId: bind.attachmentId,
      why,
    });
  if (file.length < HEADER_BYTES + TAG_BYTES || !file.subarray(0, MAGIC.length).equals(MAGIC)) throw tampered('not an attachment file');
  if (file[MAGIC.length] !== VERSION) throw tampered(`unknown format version ${file[MAGIC.length]}`);
  const header = file.subarray(0, HEADER_BYTES);
  const nonce = file.subarray(MAGIC.length + 1, HEADER_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(associatedData(header, bind));
  decipher.setAuthTag(file.subarray(file.length - TAG_BYTES));
  try {
    const body = decipher.update(file.subarray(HEADER_BYTES, file.length - TAG_BYTES));
    const rest = decipher.final(); // GCM: empty; the tag is checked here
    return rest.length === 0 ? body : Buffer.concat([body, rest]);
  } catch {
    throw tampered('authentication failed');
  }
}

/** Encrypts a file piece by piece straight to `path` (same format as encryptAttachment), for files that
 * arrive as a stream and should not be held whole; the file is complete only once finish() returns. */
export function attachmentFileWriter(key: Buffer, path: string, bind: AttachmentBinding): { update(chunk: Buffer): void; finish(): void; discard(): void } {
  const nonce = randomBytes(NONCE_BYTES);
  const header = Buffer.concat([MAGIC, Buffer.from([VERSION]), nonce]);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(header, bind));
  const fd = openSync(path, 'wx', 0o600);
  let open = true;
  writeSync(fd, header);
  return {
    update(chunk) {
      writeSync(fd, cipher.update(chunk));
    },
    finish() {
      writeSync(fd, Buffer.concat([cipher.final(), cipher.getAuthTag()]));
      fsyncSync(fd);
      closeSync(fd);
      open = false;
    },
    discard() {
      if (open) closeSync(fd);
      open = false;
      rmSync(path, { force: true });
    },
  };
}
