// The main thread's side of the age worker (electron/workers/age-worker.ts): a file sink that encrypts
// what it is given on the worker's thread, and a source of plaintext that the worker decrypts from a
// package file. Both keep a few MiB in flight at most; errors come back as the age module's AgeError.
import { Worker } from 'node:worker_threads';
import { workerUrl } from '../../workers/index.ts';
import type { AgeWorkerData, FromAgeWorker, ToAgeWorker } from '../../workers/age-worker.ts';
import { AgeError, type AgeErrorCode, type AgeHeaderInfo } from './age.ts';

// Up to 32 MiB handed over ahead: enough for the worker to encrypt one attachment while the next is read and decrypted.
const MAX_IN_FLIGHT = 32;

function errorOf(m: Extract<FromAgeWorker, { type: 'error' }>): Error {
  return m.code ? new AgeError(m.code as AgeErrorCode, m.message) : new Error(m.message);
}

function start(data: AgeWorkerData): Worker {
  const worker = new Worker(workerUrl('age'), { workerData: data });
  worker.unref();
  return worker;
}

/** Encrypts to `path` (written as path.partial, renamed when complete) on the age worker's thread. */
export class EncryptingFile {
  private readonly worker: Worker;
  private inFlight = 0;
  private wake: (() => void) | null = null;
  private failure: Error | null = null;
  private readonly done: Promise<{ size: number; sha256: string }>;

  constructor(recipients: string[], path: string) {
    this.worker = start({ mode: 'encrypt', recipients, path });
    this.done = new Promise((resolve, reject) => {
      this.worker.on('message', (m: FromAgeWorker) => {
        if (m.type === 'ack') {
          this.inFlight--;
          this.wake?.();
        } else if (m.type === 'done') {
          resolve({ size: m.size, sha256: m.sha256 });
          void this.worker.terminate();
        } else if (m.type === 'error') {
          this.failure = errorOf(m);
          this.wake?.();
          reject(this.failure);
        }
      });
      this.worker.on('error', (e) => {
        this.failure = e;
        this.wake?.();
        reject(e);
      });
    });
    this.done.catch(() => undefined);
  }

  async write(chunk: Buffer): Promise<void> {
    while (this.inFlight >= MAX_IN_FLIGHT && !this.failure) await new Promise<void>((r) => (this.wake = r));
    if (this.failure) throw this.failure;
    const data = new ArrayBuffer(chunk.length);
    new Uint8Array(data).set(chunk);
    this.inFlight++;
    this.worker.postMessage({ type: 'chunk', data } satisfies ToAgeWorker, [data]);
  }

  end(): Promise<{ size: number; sha256: string }> {
    this.worker.postMessage({ type: 'end' } satisfies ToAgeWorker);
    return this.done;
  }

  abort(): void {
    this.worker.postMessage({ type: 'abort' } satisfies ToAgeWorker);
    setTimeout(() => void this.worker.terminate(), 1000).unref();
  }
}

/** The plaintext of a package file, decrypted on the age worker's thread. `header` resolves once the header
 * verified (before any plaintext); `sha256` (of the file) once the whole file authenticated. */
export function decryptingFile(
  path: string,
  identities: string[],
  maxStanzas: number,
): { header: () => AgeHeaderInfo | null; chunks: AsyncGenerator<Buffer>; result: () => { sha256: string } | null; abort(): void } {
  const worker = start({ mode: 'decrypt', identities, maxStanzas, path });
  const queue: FromAgeWorker[] = [];
  let wake: (() => void) | null = null;
  let header: AgeHeaderInfo | null = null;
  let result: { sha256: string } | null = null;
  worker.on('message', (m: FromAgeWorker) => {
    if (m.type === 'header') header = m.info;
    else queue.push(m);
    wake?.();
  });
  worker.on('error', (e) => {
    queue.push({ type: 'error', code: null, message: e.message });
    wake?.();
  });
  async function* chunks(): AsyncGenerator<Buffer> {
    try {
      for (;;) {
        while (queue.length === 0) await new Promise<void>((r) => (wake = r));
        const m = queue.shift()!;
        if (m.type === 'data') {
          worker.postMessage({ type: 'ack' } satisfies ToAgeWorker);
          yield Buffer.from(m.data);
        } else if (m.type === 'done') {
          result = { sha256: m.sha256 };
          return;
        } else if (m.type === 'error') throw errorOf(m);
      }
    } finally {
      void worker.terminate();
    }
  }
  return {
    header: () => header,
    chunks: chunks(),
    result: () => result,
    abort: () => void worker.terminate(),
  };
}
