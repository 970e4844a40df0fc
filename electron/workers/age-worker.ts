// The age layer of an exchange package, on a thread of its own: while the main thread reads the
// workspace, hashes and zips (or unzips, checks and stages), this thread encrypts what it is given into
// the package file, or reads the package file and decrypts it. On two cores that halves the time.
// Not a job: it lives as long as one package is written or read (see core/exchange/age-pipe.ts).
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, renameSync, rmSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { AgeError, createDecryptStream, createEncryptStream, type AgeHeaderInfo } from '../core/exchange/age.ts';

export type AgeWorkerData =
  { mode: 'encrypt'; recipients: string[]; path: string } | { mode: 'decrypt'; identities: string[]; maxStanzas: number; path: string };
export type ToAgeWorker = { type: 'chunk'; data: ArrayBuffer } | { type: 'end' } | { type: 'ack' } | { type: 'abort' };
export type FromAgeWorker =
  | { type: 'ack' }
  | { type: 'header'; info: AgeHeaderInfo }
  | { type: 'data'; data: ArrayBuffer }
  | { type: 'done'; size: number; sha256: string }
  | { type: 'error'; code: string | null; message: string };

const port = parentPort!;
const input = workerData as AgeWorkerData;
const post = (m: FromAgeWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
const fail = (err: unknown) => {
  post({ type: 'error', code: err instanceof AgeError ? err.code : null, message: (err as Error).message });
  setImmediate(() => process.exit(0));
};
const copyOut = (b: Buffer): ArrayBuffer => {
  const ab = new ArrayBuffer(b.length);
  new Uint8Array(ab).set(b);
  return ab;
};

if (input.mode === 'encrypt') {
  const partial = `${input.path}.partial`;
  const encrypt = createEncryptStream(input.recipients);
  const file = createWriteStream(partial, { mode: 0o600 });
  const hash = createHash('sha256');
  let size = 0;
  encrypt.on('data', (c: Buffer) => {
    hash.update(c);
    size += c.length;
    if (!file.write(c)) encrypt.pause();
  });
  file.on('drain', () => encrypt.resume());
  const abort = (err: unknown) => {
    encrypt.destroy();
    file.destroy();
    rmSync(partial, { force: true });
    fail(err);
  };
  encrypt.on('error', abort);
  file.on('error', abort);
  encrypt.on('end', () =>
    file.end(() => {
      try {
        renameSync(partial, input.path);
        post({ type: 'done', size, sha256: hash.digest('hex') });
      } catch (err) {
        abort(err);
      }
    }),
  );
  port.on('message', (m: ToAgeWorker) => {
    if (m.type === 'chunk') encrypt.write(Buffer.from(m.data), () => post({ type: 'ack' }));
    else if (m.type === 'end') encrypt.end();
    else if (m.type === 'abort') abort(new Error('aborted'));
  });
} else {
  // Plaintext goes out in pieces of about 1 MiB, at most four unacknowledged.
  const file = createReadStream(input.path, { highWaterMark: 1024 * 1024 });
  const decrypt = createDecryptStream(input.identities, { maxStanzas: input.maxStanzas });
  const hash = createHash('sha256');
  let size = 0;
  let inFlight = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  file.on('data', (c) => {
    hash.update(c as Buffer);
    size += c.length;
  });
  file.on('error', (e) => decrypt.destroy(e));
  decrypt.on('header', (info: AgeHeaderInfo) => post({ type: 'header', info }));
  const flush = () => {
    if (pendingBytes === 0) return;
    const data = copyOut(pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes));
    pending = [];
    pendingBytes = 0;
    inFlight++;
    post({ type: 'data', data }, [data]);
    if (inFlight >= 4) decrypt.pause();
  };
  decrypt.on('data', (c: Buffer) => {
    pending.push(c);
    pendingBytes += c.length;
    if (pendingBytes >= 1024 * 1024) flush();
  });
  decrypt.on('end', () => {
    flush();
    post({ type: 'done', size, sha256: hash.digest('hex') });
  });
  decrypt.on('error', (e) => {
    file.destroy();
    fail(e);
  });
  port.on('message', (m: ToAgeWorker) => {
    if (m.type === 'ack') {
      inFlight--;
      if (inFlight < 4) decrypt.resume();
    } else if (m.type === 'abort') {
      file.destroy();
      decrypt.destroy();
      setImmediate(() => process.exit(0));
    }
  });
  file.pipe(decrypt);
}
