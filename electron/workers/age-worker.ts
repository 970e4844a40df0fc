// The age layer of an exchange package, off the main thread: while the main thread reads the workspace,
// hashes and zips (or unzips, checks and stages), workers seal the payload's chunks (two at once, each
// batch with its own chunk counter; the main thread writes them in order), or a worker reads a package
// file and decrypts it. Not a job: it lives as long as one package is written or read (see
// core/exchange/age-pipe.ts).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { AgeError, createDecryptStream, sealChunks, type AgeHeaderInfo } from '../core/exchange/age.ts';

export type AgeWorkerData = { mode: 'seal'; payloadKey: Uint8Array } | { mode: 'decrypt'; identities: string[]; maxStanzas: number; path: string };
export type ToAgeWorker = { type: 'seal'; id: number; counter: number; last: boolean; data: ArrayBuffer } | { type: 'ack' } | { type: 'abort' };
export type FromAgeWorker =
  | { type: 'sealed'; id: number; data: ArrayBuffer }
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

if (input.mode === 'seal') {
  // One of the sealers of a payload written by the main thread: batches of chunks in, sealed batches out.
  const key = Buffer.from(input.payloadKey);
  port.on('message', (m: ToAgeWorker) => {
    if (m.type === 'seal') {
      try {
        const plain = new Uint8Array(m.data);
        const sealed = sealChunks(key, m.counter, plain, m.last);
        plain.fill(0);
        const data = sealed.buffer.byteLength === sealed.length && sealed.byteOffset === 0 ? (sealed.buffer as ArrayBuffer) : copyOut(sealed);
        post({ type: 'sealed', id: m.id, data }, [data]);
      } catch (err) {
        fail(err);
      }
    } else if (m.type === 'abort') {
      key.fill(0);
      setImmediate(() => process.exit(0));
    }
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
