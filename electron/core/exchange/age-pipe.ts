// The main thread's side of the age workers (electron/workers/age-worker.ts): a package file written here
// while two workers seal its payload's chunks in parallel, and a source of plaintext that a worker
// decrypts from a package file. Both keep a few MiB in flight at most; errors come back as the age
// module's AgeError.
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { workerUrl } from '../../workers/index.ts';
import type { AgeWorkerData, FromAgeWorker, ToAgeWorker } from '../../workers/age-worker.ts';
import { AgeError, beginPayload, type AgeErrorCode, type AgeHeaderInfo } from './age.ts';

function errorOf(m: Extract<FromAgeWorker, { type: 'error' }>): Error {
  return m.code ? new AgeError(m.code as AgeErrorCode, m.message) : new Error(m.message);
}

function start(data: AgeWorkerData): Worker {
  const worker = new Worker(workerUrl('age'), { workerData: data });
  worker.unref();
  return worker;
}

const SEALERS = 2;
const BATCH = 16 * 64 * 1024; // 16 chunks of 64 KiB per message
const BATCHES_IN_FLIGHT = 8;

/** An age file written by the main thread while two workers seal its payload's chunks in parallel (each
 * batch carries its chunk counter; sealed batches are written in order). Holds at most BATCHES_IN_FLIGHT
 * batches (8 MiB) in flight; the file is written as path.partial and renamed once whole. */
export class SealingFile {
  private readonly path: string;
  private readonly fd: number;
  private readonly hash = createHash('sha256');
  private readonly workers: Worker[];
  private readonly payloadKey: Buffer;
  // The batch being filled: bytes are copied once, into the buffer that is then handed to a sealer.
  private batch = new Uint8Array(new ArrayBuffer(BATCH));
  private batchBytes = 0;
  private nextId = 0;
  private nextCounter = 0;
  private nextToWrite = 0;
  private readonly done = new Map<number, Buffer>();
  private size = 0;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;

  constructor(recipients: string[], path: string) {
    this.path = path;
    const { prefix, payloadKey } = beginPayload(recipients);
    this.payloadKey = payloadKey;
    this.fd = openSync(`${path}.partial`, 'w', 0o600);
    this.append(prefix);
    this.workers = Array.from({ length: SEALERS }, () => {
      const w = start({ mode: 'seal', payloadKey: new Uint8Array(payloadKey) });
      w.on('message', (m: FromAgeWorker) => {
        if (m.type === 'sealed') {
          this.done.set(m.id, Buffer.from(m.data));
          this.flushDone();
        } else if (m.type === 'error') this.fail(errorOf(m));
      });
      w.on('error', (e) => this.fail(e));
      return w;
    });
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.wake?.();
  }

  private append(bytes: Buffer): void {
    writeSync(this.fd, bytes);
    this.hash.update(bytes);
    this.size += bytes.length;
  }

  private flushDone(): void {
    for (let b = this.done.get(this.nextToWrite); b; b = this.done.get(this.nextToWrite)) {
      this.done.delete(this.nextToWrite);
      try {
        this.append(b);
      } catch (err) {
        this.fail(err as Error);
        return;
      }
      this.nextToWrite++;
    }
    this.wake?.();
  }

  private async waitFor(condition: () => boolean): Promise<void> {
    while (!condition() && !this.failure) await new Promise<void>((r) => (this.wake = r));
    if (this.failure) throw this.failure;
  }

  /** Hands the batch being filled to a sealer (its buffer is transferred, not copied). */
  private dispatch(last: boolean): void {
    const data = this.batch.buffer.byteLength === this.batchBytes ? (this.batch.buffer as ArrayBuffer) : this.batch.buffer.slice(0, this.batchBytes);
    const id = this.nextId++;
    const counter = this.nextCounter;
    this.nextCounter += Math.max(1, Math.ceil(this.batchBytes / (64 * 1024)));
    this.workers[id % SEALERS]!.postMessage({ type: 'seal', id, counter, last, data } satisfies ToAgeWorker, [data]);
    this.batch = new Uint8Array(new ArrayBuffer(BATCH));
    this.batchBytes = 0;
  }

  async write(chunk: Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    let offset = 0;
    while (offset < chunk.length) {
      // A full batch goes only once more data follows it: the file's last chunk must be sealed as the last.
      if (this.batchBytes === BATCH) {
        await this.waitFor(() => this.nextId - this.nextToWrite < BATCHES_IN_FLIGHT);
        this.dispatch(false);
      }
      const n = Math.min(BATCH - this.batchBytes, chunk.length - offset);
      this.batch.set(chunk.subarray(offset, offset + n), this.batchBytes);
      this.batchBytes += n;
      offset += n;
    }
  }

  async end(): Promise<{ size: number; sha256: string }> {
    try {
      this.dispatch(true);
      await this.waitFor(() => this.nextToWrite === this.nextId);
      fsyncSync(this.fd);
      closeSync(this.fd);
      renameSync(`${this.path}.partial`, this.path);
      return { size: this.size, sha256: this.hash.digest('hex') };
    } finally {
      this.stop();
    }
  }

  private stop(): void {
    this.payloadKey.fill(0);
    for (const w of this.workers) void w.terminate();
  }

  abort(): void {
    this.stop();
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    rmSync(`${this.path}.partial`, { force: true });
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
