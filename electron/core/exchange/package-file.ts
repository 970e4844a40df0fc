// The package file: a standard age file (any `age` tool with the recipient's key opens it) whose plaintext
// is a zip of, in this order, `signature.json` (the sender key's fingerprint and its Ed25519 signature over
// the exact bytes of the next entry), `manifest.json` (canonical JSON: package id, sender, recipients,
// times, handling code, sequence number, and every following file's path, size and SHA-256) and the files.
// Both directions stream in bounded memory. Reading refuses, with one stable code per reason, before
// anything is parsed that the sender's signature does not cover, and before anything is stored: what it
// yields has been decrypted, authenticated, signature-checked and hash-checked to the last byte.
import { rmSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { PACKAGE_KINDS, UnitProfileSchema } from '../../../shared/domain/exchange.ts';
import { TLP } from '../../../shared/domain/cases.ts';
import { AppError, type ErrorCode } from '../../../shared/errors.ts';
import { canonicalJson } from '../audit/audit-log.ts';
import { AgeError, isRecipient, type AgeErrorCode, type AgeHeaderInfo } from './age.ts';
import { SealingFile, decryptingFile } from './age-pipe.ts';
import { crc32 } from 'node:zlib';
import { PackageZipWriter, ZipError, readZipStream, type ZipErrorCode } from './package-zip.ts';
import type { OwnKey } from './unit-keys.ts';
import { verifySignature } from './unit-keys.ts';

export const PACKAGE_FORMAT = 'portcullis-package/1';
export const MAX_RECIPIENTS = 20;
export const PACKAGE_LIMITS = { fileBytes: 4 * 1024 ** 3, manifestBytes: 1024 * 1024, signatureBytes: 4096, files: 10_000, contentBytes: 512 * 1024 ** 2 };

const HEX64 = z.string().regex(/^[0-9a-f]{64}$/);
export const ManifestSchema = z
  .object({
    format: z.literal(PACKAGE_FORMAT),
    id: z.string().uuid(),
    kind: z.enum(PACKAGE_KINDS),
    subject: z.string().max(300),
    sender: z.object({ unit: UnitProfileSchema, fingerprint: HEX64 }).strict(),
    recipients: z
      .array(
        z.object({ name: z.string().max(200), country: z.string().max(2), fingerprint: HEX64, recipient: z.string().max(100).refine(isRecipient) }).strict(),
      )
      .min(1)
      .max(MAX_RECIPIENTS),
    createdAt: z.string().datetime(),
    expiresAt: z.string().datetime(),
    handling: z.enum(TLP),
    sequence: z.number().int().min(1),
    inReplyTo: z.string().uuid().nullable(),
    /** The sender's audit chain head when the package was made. */
    auditHead: HEX64.nullable(),
    files: z
      .array(
        z
          .object({
            path: z.string().regex(/^(content\.json|attachments\/[0-9]{1,6})$/),
            size: z.number().int().min(0),
            sha256: HEX64,
          })
          .strict(),
      )
      .max(PACKAGE_LIMITS.files),
  })
  .strict();
export type Manifest = z.infer<typeof ManifestSchema>;

const SignatureSchema = z.object({ fingerprint: HEX64, signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/) }).strict();

/** A file of the package: its size and SHA-256 are known before it is written (they go in the manifest,
 * which comes first); its bytes are read when its turn comes, one file in memory at a time. */
export type PackageSource = { path: string; size: number; sha256: string; method: 'store' | 'deflate'; read(): Promise<Buffer> | Buffer };

export function refused(code: ErrorCode, message: string, details?: unknown): AppError {
  return new AppError(code, message, details);
}

const AGE_CODES: Record<AgeErrorCode, ErrorCode> = {
  AGE_NOT_AGE: 'PACKAGE_NOT_AGE',
  AGE_HEADER_INVALID: 'PACKAGE_HEADER_INVALID',
  AGE_HEADER_TAMPERED: 'PACKAGE_HEADER_TAMPERED',
  AGE_TOO_MANY_STANZAS: 'PACKAGE_TOO_MANY_STANZAS',
  AGE_PASSPHRASE_STANZA: 'PACKAGE_PASSPHRASE_STANZA',
  AGE_NO_IDENTITY: 'PACKAGE_NOT_FOR_THIS_UNIT',
  AGE_PAYLOAD_TAMPERED: 'PACKAGE_PAYLOAD_TAMPERED',
  AGE_TRUNCATED: 'PACKAGE_TRUNCATED',
  AGE_TRAILING_DATA: 'PACKAGE_TRAILING_DATA',
};
const ZIP_CODES: Record<ZipErrorCode, ErrorCode> = {
  ZIP_INVALID: 'PACKAGE_ZIP_INVALID',
  ZIP_UNSAFE_PATH: 'PACKAGE_ZIP_UNSAFE',
  ZIP_BOMB: 'PACKAGE_ZIP_BOMB',
  ZIP_TOO_LARGE: 'PACKAGE_TOO_LARGE',
  ZIP_CRC: 'PACKAGE_CONTENT_MISMATCH',
  ZIP_TRUNCATED: 'PACKAGE_TRUNCATED',
};

/** Writes a package: manifest signed, files zipped and handed to the age worker, which encrypts them into
 * `out` (written as out.partial and renamed when whole). */
export async function writePackage(
  out: string,
  manifest: Manifest,
  key: OwnKey,
  sources: PackageSource[],
  onProgress?: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<{ size: number; sha256: string }> {
  const manifestBytes = Buffer.from(canonicalJson(manifest));
  const signature = Buffer.from(canonicalJson({ fingerprint: key.fingerprint, signature: key.sign(manifestBytes).toString('base64') }));
  const file = new SealingFile(
    manifest.recipients.map((r) => r.recipient),
    out,
  );
  const total = sources.reduce((s, f) => s + f.size, 0);
  let done = 0;
  try {
    // The sink copies what it is given (into the batch a sealer gets), so the file's bytes may be wiped after.
    const zip = new PackageZipWriter(async (chunk) => {
      if (signal?.aborted) throw new AppError('JOB_CANCELLED', 'The export was cancelled.');
      await file.write(chunk);
    });
    await zip.addBuffer('signature.json', signature, 'store');
    await zip.addBuffer('manifest.json', manifestBytes, 'deflate');
    for (const s of sources) {
      const data = await s.read();
      if (data.length !== s.size) throw new Error(`${s.path} is ${data.length} bytes, not the ${s.size} the manifest says`);
      if (s.method === 'deflate') await zip.addBuffer(s.path, data, 'deflate');
      else {
        await zip.addStream(
          s.path,
          s.size,
          crc32(data),
          (async function* () {
            for (let o = 0; o < data.length; o += 1024 * 1024) {
              done += Math.min(1024 * 1024, data.length - o);
              onProgress?.(done, total);
              yield data.subarray(o, o + 1024 * 1024);
            }
          })(),
        );
      }
      data.fill(0);
    }
    await zip.finish();
    return await file.end();
  } catch (err) {
    file.abort();
    rmSync(`${out}.partial`, { force: true });
    throw err;
  }
}

/** What the reader asks of the workspace before it reads on: who signed, is it for us, is it new. */
export type PackageChecks = {
  /** Throws the refusal for a signer fingerprint that is not trusted; returns its public signing key. */
  signer(fingerprint: string, createdAt: () => string): string;
  /** Throws unless the verified manifest may be received here (addressed to us, not expired, not seen). */
  manifest(manifest: Manifest, header: AgeHeaderInfo): void;
};

/** A verified file of the package as it streams; `data` must be consumed before the next one. */
export type PackageEntry = { path: string; size: number; sha256: string; data: AsyncIterable<Buffer> };

/** Opens a package: yields its verified manifest first, then its files (each hash-checked as it is
 * consumed, the whole stream authenticated at its end). Errors are AppErrors with PACKAGE_* codes.
 * Returns the SHA-256 of the file as read. */
export async function readPackage(
  file: string,
  identities: string[],
  checks: PackageChecks,
  onManifest: (m: Manifest, manifestBytes: Buffer) => void,
  onEntry: (e: PackageEntry) => Promise<void>,
): Promise<{ sha256: string }> {
  if (statSync(file).size > PACKAGE_LIMITS.fileBytes) throw refused('PACKAGE_TOO_LARGE', 'The package is larger than Portcullis accepts.');
  const source = decryptingFile(file, identities, MAX_RECIPIENTS);
  try {
    const entries = readZipStream(source.chunks, { entries: PACKAGE_LIMITS.files + 2, totalBytes: PACKAGE_LIMITS.fileBytes });
    const next = async (expect: string, max: number) => {
      const r = await entries.next();
      if (r.done) throw refused('PACKAGE_MANIFEST_INVALID', `The package has no ${expect}.`);
      if (r.value.name !== expect) throw refused('PACKAGE_MANIFEST_INVALID', `The package's entry "${r.value.name.slice(0, 60)}" is not its ${expect}.`);
      if (r.value.size > max) throw refused('PACKAGE_MANIFEST_INVALID', `The package's ${expect} is too large.`);
      const parts: Buffer[] = [];
      for await (const c of r.value.data) parts.push(c);
      return Buffer.concat(parts);
    };
    const sigBytes = await next('signature.json', PACKAGE_LIMITS.signatureBytes);
    const manifestBytes = await next('manifest.json', PACKAGE_LIMITS.manifestBytes);
    let sig: z.infer<typeof SignatureSchema>;
    try {
      sig = SignatureSchema.parse(JSON.parse(sigBytes.toString('utf8')));
    } catch {
      throw refused('PACKAGE_SIGNATURE_INVALID', "The package's signature is malformed.");
    }
    // Only the signer's fingerprint is read before the signature is checked; the creation time is taken
    // from the manifest only when the key was retired (to tell packages made before its retirement).
    const signingKey = checks.signer(sig.fingerprint, () => {
      const m = /"createdAt":"([^"]{1,40})"/.exec(manifestBytes.toString('utf8'));
      return m?.[1] ?? '';
    });
    if (!verifySignature(signingKey, manifestBytes, Buffer.from(sig.signature, 'base64'))) {
      throw refused('PACKAGE_SIGNATURE_INVALID', "The package's signature does not verify.");
    }
    let manifest: Manifest;
    try {
      manifest = ManifestSchema.parse(JSON.parse(manifestBytes.toString('utf8')));
    } catch {
      throw refused('PACKAGE_MANIFEST_INVALID', "The package's manifest is not in the expected form.");
    }
    if (manifest.sender.fingerprint !== sig.fingerprint) throw refused('PACKAGE_SENDER_MISMATCH', 'The manifest names another sender than the signing key.');
    const header = source.header();
    if (!header) throw refused('PACKAGE_HEADER_INVALID', 'The package has no encryption header.');
    checks.manifest(manifest, header);
    onManifest(manifest, manifestBytes);
    for (const f of manifest.files) {
      const r = await entries.next();
      if (r.done || r.value.name !== f.path || r.value.size !== f.size) {
        throw refused('PACKAGE_CONTENT_MISMATCH', `The package's files do not match its manifest at ${f.path}.`);
      }
      const hash = createHash('sha256');
      let consumed = false;
      const data = (async function* () {
        for await (const c of r.value.data) {
          hash.update(c);
          yield c;
        }
        consumed = true;
      })();
      await onEntry({ path: f.path, size: f.size, sha256: f.sha256, data });
      if (!consumed) for await (const c of data) void c;
      if (hash.digest('hex') !== f.sha256) throw refused('PACKAGE_CONTENT_MISMATCH', `${f.path} does not match the hash its manifest gives.`);
    }
    const rest = await entries.next();
    if (!rest.done) throw refused('PACKAGE_CONTENT_MISMATCH', 'The package holds files its manifest does not list.');
    // The zip's end was read: drain the stream to its authenticated end.
    for await (const c of source.chunks) void c;
  } catch (err) {
    source.abort();
    throw mapError(err);
  }
  const result = source.result();
  if (!result) throw refused('PACKAGE_TRUNCATED', 'The package ended before its end.');
  return result;
}

function mapError(err: unknown): unknown {
  if (err instanceof AgeError) return refused(AGE_CODES[err.code], err.message);
  if (err instanceof ZipError) return refused(ZIP_CODES[err.code], err.message);
  return err;
}
