// The ZIP layer of exchange packages: a streaming writer and a defensive streaming reader. The archive is the
// plaintext inside an encrypted age file, so both sides see it only as a byte stream: no seeking, no central
// directory read first, never the whole file in memory (packages run to hundreds of MB; the budget is 200 MB).
//
// Writer: sizes and CRC-32 of every entry are known before the entry is written (the exporter hashes each file in
// a first pass), so they go in the local header and no data descriptors are written. Stored or deflated entries,
// UTF-8 names (flag bit 11), a fixed DOS date (reproducible output), version 2.0, no ZIP64: an archive that would
// need it (4 GiB, 65535 entries) is refused.
//
// Reader: takes the local headers as they come and checks them as it goes: known sizes only (no data descriptors),
// no encryption, store or deflate, no ZIP64, safe and unique entry names, size and ratio limits; deflate is inflated
// as the consumer pulls and never beyond the declared size; the CRC-32 is checked at each entry's end. The central
// directory must then repeat exactly the entries seen (names, sizes, CRCs, methods, offsets, in order), list no
// symlink or special file, and be followed by an exact end record with nothing after it. Because the directory
// comes last, an archive is only proven sound when the generator completes: consumers stage what they extract
// and commit it only then. Every refusal is a ZipError with a stable code.
import { TextDecoder } from 'node:util';
import { crc32, createInflateRaw, deflateRawSync, type InflateRaw } from 'node:zlib';

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_ZIP64_END = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_DESCRIPTOR = 0x08074b50;

const FLAG_ENCRYPTED = 0x0001;
const FLAG_DESCRIPTOR = 0x0008;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const FLAG_UTF8 = 0x0800;
/** Bits 1-2 (the deflate level hint) and 11 (UTF-8 names); anything else is refused. */
const ALLOWED_FLAGS = 0x0006 | FLAG_UTF8;

const METHOD_STORE = 0;
const METHOD_DEFLATE = 8;
const VERSION = 20;
const DOS_DATE = (((2026 - 1980) << 9) | (1 << 5) | 1) & 0xffff; // fixed: archives are reproducible
/** 0xFFFF and 0xFFFFFFFF in a count, size or offset mean "see the ZIP64 record": no field may hold them. */
const MAX_U16 = 0xfffe;
const MAX_U32 = 0xfffffffe;
/** Longest entry name, in UTF-8 bytes: keeps the names the reader remembers (for duplicates) bounded. */
const MAX_NAME_BYTES = 1024;
const EXTRA_ZIP64 = 0x0001;

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;
const DOS_DIRECTORY = 0x10;

/** Compressed bytes handed to the inflater at a time, and the size of its output pieces. */
const INFLATE_SLICE = 64 * 1024;
/** The writer hands the central directory to the sink in pieces of about this size. */
const DIRECTORY_FLUSH = 64 * 1024;

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

// ---------------------------------------------------------------------------------------------------------------
// Entry names (shared by both sides: the writer never produces a name the reader refuses)
// ---------------------------------------------------------------------------------------------------------------

/** Why an entry name is unsafe to extract anywhere (Linux, macOS, Windows), or null when it is fine. */
function unsafeName(name: string): string | null {
  if (name.length === 0) return 'empty name';
  if (Buffer.byteLength(name, 'utf8') > MAX_NAME_BYTES) return `name longer than ${MAX_NAME_BYTES} bytes`;
  if (/\p{Cc}/u.test(name)) return 'control character in name'; // includes NUL
  if (/\p{Cs}/u.test(name)) return 'unpaired surrogate in name';
  if (name.includes('\\')) return 'backslash in name';
  if (name.includes(':')) return 'colon in name (drive letter or alternate data stream)';
  if (name.startsWith('/')) return 'absolute path';
  if (name.endsWith('/')) return 'directory entry';
  for (const segment of name.split('/')) {
    if (segment === '') return 'empty path segment';
    if (segment === '.' || segment === '..') return `"${segment}" path segment`;
  }
  return null;
}

/** The key under which two names collide on a case-insensitive, normalisation-insensitive file system. */
function foldName(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function quote(name: string): string {
  return JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);
}

// ---------------------------------------------------------------------------------------------------------------
// Writer
// ---------------------------------------------------------------------------------------------------------------

export type ZipEntrySpec = { name: string; size: number; crc32: number; method: 'store' | 'deflate'; compressedSize: number };

type WrittenEntry = ZipEntrySpec & { nameBytes: Buffer; offset: number };

function isU32(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= 0xffffffff;
}

/**
 * Writes a ZIP archive to `sink` as a stream, entry by entry, in bounded memory. Calls must not overlap (await each);
 * after any error the writer is unusable and what the sink received must be discarded.
 */
export class PackageZipWriter {
  private readonly sink: (chunk: Buffer) => void | Promise<void>;
  private readonly written: WrittenEntry[] = [];
  private readonly folded = new Set<string>();
  private offset = 0;
  private state: 'open' | 'busy' | 'finished' | 'failed' = 'open';

  constructor(sink: (chunk: Buffer) => void | Promise<void>) {
    this.sink = sink;
  }

  /** The entries written so far, in order. */
  get entries(): readonly ZipEntrySpec[] {
    return this.written.map(({ name, size, crc32, method, compressedSize }) => ({ name, size, crc32, method, compressedSize }));
  }

  /** Bytes handed to the sink so far. */
  get bytesWritten(): number {
    return this.offset;
  }

  /** Whole small entry: deflate (level 6) or store chosen by caller; computes crc/sizes itself. */
  async addBuffer(name: string, data: Buffer, method: 'store' | 'deflate'): Promise<void> {
    this.enter();
    let nameBytes: Buffer;
    let body: Buffer;
    try {
      if (method !== 'store' && method !== 'deflate') throw new Error(`Unknown ZIP method ${String(method)}.`);
      nameBytes = this.checkName(name);
      body = method === 'deflate' ? deflateRawSync(data, { level: 6 }) : data;
      this.checkRoom(name, 30 + nameBytes.length + body.length, data.length);
    } catch (err) {
      this.state = 'open'; // nothing written: the archive is still whole
      throw err;
    }
    try {
      const entry = { name, size: data.length, crc32: crc32(data) >>> 0, method, compressedSize: body.length, nameBytes, offset: this.offset };
      this.folded.add(foldName(name));
      await this.emit(localHeader(entry));
      if (body.length > 0) await this.emit(body);
      this.written.push(entry);
      this.state = 'open';
    } catch (err) {
      this.state = 'failed';
      throw err;
    }
  }

  /** A stored entry whose size and CRC-32 are given; data comes as chunks that must total `size` (checked: throws if not). */
  async addStream(name: string, size: number, crc: number, chunks: AsyncIterable<Buffer>): Promise<void> {
    this.enter();
    let nameBytes: Buffer;
    try {
      if (!Number.isSafeInteger(size) || size < 0) throw new Error(`Entry ${quote(name)}: invalid size ${size}.`);
      if (!isU32(crc)) throw new Error(`Entry ${quote(name)}: invalid CRC-32 ${crc}.`);
      nameBytes = this.checkName(name);
      this.checkRoom(name, 30 + nameBytes.length + size, size);
    } catch (err) {
      this.state = 'open';
      throw err;
    }
    try {
      const entry: WrittenEntry = { name, size, crc32: crc >>> 0, method: 'store', compressedSize: size, nameBytes, offset: this.offset };
      this.folded.add(foldName(name));
      await this.emit(localHeader(entry));
      let count = 0;
      let actual = 0;
      for await (const chunk of chunks) {
        if (count + chunk.length > size) throw new Error(`Entry ${quote(name)}: more data than the ${size} bytes declared.`);
        if (chunk.length === 0) continue;
        actual = crc32(chunk, actual);
        count += chunk.length;
        await this.emit(chunk);
      }
      if (count !== size) throw new Error(`Entry ${quote(name)}: ${count} bytes of data, ${size} declared.`);
      if (actual >>> 0 !== entry.crc32) throw new Error(`Entry ${quote(name)}: the data does not match the CRC-32 given (the file changed?).`);
      this.written.push(entry);
      this.state = 'open';
    } catch (err) {
      this.state = 'failed';
      throw err;
    }
  }

  /** Writes the central directory and end record. */
  async finish(): Promise<void> {
    this.enter();
    try {
      const start = this.offset;
      const directorySize = this.written.reduce((n, e) => n + 46 + e.nameBytes.length, 0);
      if (start + directorySize + 22 > MAX_U32) throw new Error('ZIP archive over 4 GiB (ZIP64 is not supported).');
      let pending: Buffer[] = [];
      let pendingSize = 0;
      for (const e of this.written) {
        const h = Buffer.alloc(46);
        h.writeUInt32LE(SIG_CENTRAL, 0);
        h.writeUInt16LE(VERSION, 4); // made by: MS-DOS host, spec 2.0 (no Unix mode bits)
        h.writeUInt16LE(VERSION, 6);
        h.writeUInt16LE(FLAG_UTF8, 8);
        h.writeUInt16LE(e.method === 'deflate' ? METHOD_DEFLATE : METHOD_STORE, 10);
        h.writeUInt16LE(0, 12);
        h.writeUInt16LE(DOS_DATE, 14);
        h.writeUInt32LE(e.crc32, 16);
        h.writeUInt32LE(e.compressedSize, 20);
        h.writeUInt32LE(e.size, 24);
        h.writeUInt16LE(e.nameBytes.length, 28);
        h.writeUInt32LE(e.offset, 42);
        pending.push(h, e.nameBytes);
        pendingSize += h.length + e.nameBytes.length;
        if (pendingSize >= DIRECTORY_FLUSH) {
          await this.emit(Buffer.concat(pending, pendingSize));
          pending = [];
          pendingSize = 0;
        }
      }
      const end = Buffer.alloc(22);
      end.writeUInt32LE(SIG_END, 0);
      end.writeUInt16LE(this.written.length, 8);
      end.writeUInt16LE(this.written.length, 10);
      end.writeUInt32LE(directorySize, 12);
      end.writeUInt32LE(start, 16);
      pending.push(end);
      await this.emit(Buffer.concat(pending, pendingSize + end.length));
      this.state = 'finished';
    } catch (err) {
      this.state = 'failed';
      throw err;
    }
  }

  private enter(): void {
    if (this.state === 'busy') throw new Error('PackageZipWriter: calls overlap (await each one).');
    if (this.state === 'finished') throw new Error('PackageZipWriter: the archive is already finished.');
    if (this.state === 'failed') throw new Error('PackageZipWriter: an earlier write failed; the archive is unusable.');
    this.state = 'busy';
  }

  private checkName(name: string): Buffer {
    const reason = unsafeName(name);
    if (reason) throw new Error(`Entry ${quote(name)}: ${reason}.`);
    if (this.folded.has(foldName(name))) throw new Error(`Entry ${quote(name)}: duplicate name (names are compared case-insensitively).`);
    if (this.written.length >= MAX_U16) throw new Error(`ZIP archive over ${MAX_U16} entries (ZIP64 is not supported).`);
    return Buffer.from(name, 'utf8');
  }

  private checkRoom(name: string, entryBytes: number, size: number): void {
    if (size > MAX_U32 || this.offset + entryBytes > MAX_U32) throw new Error(`Entry ${quote(name)}: ZIP archive over 4 GiB (ZIP64 is not supported).`);
  }

  private async emit(chunk: Buffer): Promise<void> {
    this.offset += chunk.length;
    await this.sink(chunk);
  }
}

function localHeader(e: WrittenEntry): Buffer {
  const h = Buffer.alloc(30 + e.nameBytes.length);
  h.writeUInt32LE(SIG_LOCAL, 0);
  h.writeUInt16LE(VERSION, 4);
  h.writeUInt16LE(FLAG_UTF8, 6);
  h.writeUInt16LE(e.method === 'deflate' ? METHOD_DEFLATE : METHOD_STORE, 8);
  h.writeUInt16LE(0, 10);
  h.writeUInt16LE(DOS_DATE, 12);
  h.writeUInt32LE(e.crc32, 14);
  h.writeUInt32LE(e.compressedSize, 18);
  h.writeUInt32LE(e.size, 22);
  h.writeUInt16LE(e.nameBytes.length, 26);
  e.nameBytes.copy(h, 30);
  return h;
}

// ---------------------------------------------------------------------------------------------------------------
// Reader
// ---------------------------------------------------------------------------------------------------------------

export type ZipErrorCode = 'ZIP_INVALID' | 'ZIP_UNSAFE_PATH' | 'ZIP_BOMB' | 'ZIP_TOO_LARGE' | 'ZIP_CRC' | 'ZIP_TRUNCATED';

export class ZipError extends Error {
  readonly code: ZipErrorCode;

  constructor(code: ZipErrorCode, message: string) {
    super(message);
    this.name = 'ZipError';
    this.code = code;
  }
}

export type ZipLimits = {
  /** Most entries in the archive. */
  entries: number;
  /** Largest declared (inflated) size of one entry. */
  entryBytes: number;
  /** Largest sum of the declared sizes of all entries. */
  totalBytes: number;
  /** Highest size / compressedSize of a deflated entry... */
  ratio: number;
  /** ...checked only for entries whose inflated size is above this. */
  ratioFloorBytes: number;
};

export const DEFAULT_ZIP_LIMITS: Readonly<ZipLimits> = { entries: 10_000, entryBytes: 2 * GiB, totalBytes: 4 * GiB, ratio: 100, ratioFloorBytes: MiB };

export type StreamedEntry = {
  name: string;
  size: number;
  compressedSize: number;
  method: 'store' | 'deflate';
  crc32: number;
  /**
   * The entry's inflated bytes; must be fully consumed (or call skip) before the next entry is produced. Iterable
   * once. The last step throws when the data fails its checks (CRC, size): use the bytes only once it has ended.
   */
  data: AsyncIterable<Buffer>;
  /** Reads past the rest of the data, still checking it. Asking the reader for the next entry does the same. */
  skip(): Promise<void>;
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

function truncated(what: string): ZipError {
  return new ZipError('ZIP_TRUNCATED', `The archive ends inside ${what}.`);
}

/** Pulls bytes from the source only as they are needed, holding at most the current chunk and one header. */
class ByteSource {
  private readonly iterator: AsyncIterator<unknown>;
  private chunk: Buffer = Buffer.alloc(0);
  private pos = 0;
  private ended = false;
  /** Bytes consumed so far: the archive offset of the next byte. */
  position = 0;

  constructor(source: AsyncIterable<Buffer>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  private async pull(): Promise<boolean> {
    while (!this.ended) {
      const next = await this.iterator.next();
      if (next.done) {
        this.ended = true;
        break;
      }
      const value = next.value;
      if (!(value instanceof Uint8Array)) throw new TypeError('readZipStream: the source must yield Buffers.');
      if (value.length === 0) continue;
      this.chunk = Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      this.pos = 0;
      return true;
    }
    this.chunk = Buffer.alloc(0);
    this.pos = 0;
    return false;
  }

  /** Exactly `n` bytes (a view of the current chunk when it holds them, else a copy). */
  async read(n: number, what: string): Promise<Buffer> {
    if (this.chunk.length - this.pos >= n) {
      const view = this.chunk.subarray(this.pos, this.pos + n);
      this.pos += n;
      this.position += n;
      return view;
    }
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      if (this.pos === this.chunk.length && !(await this.pull())) throw truncated(what);
      const take = Math.min(n - filled, this.chunk.length - this.pos);
      this.chunk.copy(out, filled, this.pos, this.pos + take);
      filled += take;
      this.pos += take;
    }
    this.position += n;
    return out;
  }

  /** Between 1 and `max` bytes: what the current chunk still holds, or the next chunk. */
  async readSome(max: number, what: string): Promise<Buffer> {
    if (this.pos === this.chunk.length && !(await this.pull())) throw truncated(what);
    const take = Math.min(max, this.chunk.length - this.pos);
    const view = this.chunk.subarray(this.pos, this.pos + take);
    this.pos += take;
    this.position += take;
    return view;
  }

  async atEnd(): Promise<boolean> {
    return this.pos === this.chunk.length && !(await this.pull());
  }

  async close(): Promise<void> {
    this.chunk = Buffer.alloc(0);
    this.pos = 0;
    if (!this.ended) {
      this.ended = true;
      await this.iterator.return?.();
    }
  }
}

/** Raw inflate driven by the consumer: compressed input is fed only when the output so far has been taken. */
class Inflater {
  private readonly z: InflateRaw;
  private readonly src: ByteSource;
  private readonly what: string;
  private readonly compressedSize: number;
  private left: number;
  private wake: (() => void) | null = null;
  private kicked = false;
  private writing = false;
  private endCalled = false;
  private ended = false;
  private error: Error | null = null;

  constructor(src: ByteSource, compressedSize: number, what: string) {
    this.src = src;
    this.what = what;
    this.compressedSize = compressedSize;
    this.left = compressedSize;
    this.z = createInflateRaw({ chunkSize: INFLATE_SLICE });
    this.z.on('readable', this.kick);
    this.z.on('end', () => {
      this.ended = true;
      this.kick();
    });
    this.z.on('error', (err: Error) => {
      this.error ??= err;
      this.kick();
    });
  }

  private readonly kick = (): void => {
    this.kicked = true;
    const wake = this.wake;
    this.wake = null;
    wake?.();
  };

  /** The next inflated piece (at most ~64 KiB), or null once the deflate stream has ended. */
  async next(): Promise<Buffer | null> {
    for (;;) {
      if (this.error) throw new ZipError('ZIP_INVALID', `${cap(this.what)} holds invalid deflate data (${this.error.message}).`);
      const out = this.z.read() as Buffer | null;
      if (out !== null) return out;
      if (this.ended) return null;
      if (!this.writing && !this.endCalled) {
        if (this.left > 0) {
          const input = await this.src.readSome(Math.min(this.left, INFLATE_SLICE), this.what);
          this.left -= input.length;
          this.writing = true;
          this.z.write(input, () => {
            this.writing = false;
            this.kick();
          });
          continue;
        }
        this.endCalled = true;
        this.z.end();
      }
      if (!this.kicked) await new Promise<void>((resolve) => (this.wake = resolve));
      this.kicked = false;
    }
  }

  /** Whether the deflate stream ended exactly at the end of the entry's compressed bytes. */
  get endedAtSize(): boolean {
    return this.left === 0 && this.z.bytesWritten === this.compressedSize;
  }

  destroy(): void {
    this.z.destroy();
  }
}

type LocalEntry = { name: string; flags: number; method: number; crc: number; compressedSize: number; size: number; offset: number };

/** One entry's data, checked as it is read: never more than its declared size, CRC-32 at the end. */
class EntryReader {
  private readonly src: ByteSource;
  private readonly entry: LocalEntry;
  private readonly what: string;
  private readonly inflater: Inflater | null;
  private left: number;
  private produced = 0;
  private crc = 0;
  private done = false;
  private failure: unknown = null;
  private reading = false;
  private iterated = false;
  private skipped = false;
  private closed = false;

  constructor(src: ByteSource, entry: LocalEntry) {
    this.src = src;
    this.entry = entry;
    this.what = `entry ${quote(entry.name)}`;
    this.left = entry.compressedSize;
    this.inflater = entry.method === METHOD_DEFLATE ? new Inflater(src, entry.compressedSize, this.what) : null;
  }

  iterator(): AsyncIterator<Buffer> {
    if (this.iterated) throw new Error(`The data of ${this.what} can be iterated only once.`);
    this.iterated = true;
    return {
      next: async () => {
        const piece = await this.read();
        return piece === null ? { done: true, value: undefined } : { done: false, value: piece };
      },
      // Stopping early leaves the rest for skip() or the next entry to read past (and check).
      return: async () => ({ done: true, value: undefined }),
    };
  }

  async read(): Promise<Buffer | null> {
    if (this.skipped) throw new Error(`The data of ${this.what} was skipped.`);
    return this.guarded();
  }

  async skip(): Promise<void> {
    if (!this.done) this.skipped = true;
    while ((await this.guarded()) !== null);
  }

  close(): void {
    if (!this.done) this.closed = true;
    this.inflater?.destroy();
  }

  private async guarded(): Promise<Buffer | null> {
    if (this.failure) throw this.failure;
    if (this.done) return null;
    if (this.closed) throw new Error(`The ZIP reader was closed before the end of ${this.what}.`);
    if (this.reading) throw new Error(`Reads of ${this.what} overlap (await each one).`);
    this.reading = true;
    try {
      const piece = await this.readPiece();
      if (piece === null) {
        this.finish();
        this.done = true;
        return null;
      }
      this.produced += piece.length;
      if (this.produced > this.entry.size) throw new ZipError('ZIP_BOMB', `${cap(this.what)} inflates to more than the ${this.entry.size} bytes it declares.`);
      this.crc = crc32(piece, this.crc);
      return piece;
    } catch (err) {
      this.failure = err;
      this.inflater?.destroy();
      throw err;
    } finally {
      this.reading = false;
    }
  }

  private async readPiece(): Promise<Buffer | null> {
    if (this.inflater) return this.inflater.next();
    if (this.left === 0) return null;
    const piece = await this.src.readSome(this.left, this.what);
    this.left -= piece.length;
    return piece;
  }

  private finish(): void {
    if (this.inflater && !this.inflater.endedAtSize) throw new ZipError('ZIP_INVALID', `The deflate data of ${this.what} does not end at its compressed size.`);
    if (this.produced !== this.entry.size)
      throw new ZipError('ZIP_INVALID', `${cap(this.what)} holds ${this.produced} bytes, not the ${this.entry.size} it declares.`);
    if (this.crc >>> 0 !== this.entry.crc) throw new ZipError('ZIP_CRC', `${cap(this.what)} fails its CRC-32 check: the data is damaged.`);
  }
}

function decodeName(bytes: Buffer, flags: number): string {
  let name: string;
  try {
    name = utf8.decode(bytes);
  } catch {
    throw new ZipError('ZIP_UNSAFE_PATH', 'An entry name is not valid UTF-8.');
  }
  if (!(flags & FLAG_UTF8) && /[^\x20-\x7e]/.test(name)) throw new ZipError('ZIP_UNSAFE_PATH', `Entry ${quote(name)}: non-ASCII name without the UTF-8 flag.`);
  return name;
}

/** Refuses an extra field that is malformed or carries ZIP64 sizes. */
function checkExtra(extra: Buffer, what: string): void {
  let p = 0;
  while (p < extra.length) {
    if (p + 4 > extra.length) throw new ZipError('ZIP_INVALID', `The extra field of ${what} is malformed.`);
    const id = extra.readUInt16LE(p);
    const size = extra.readUInt16LE(p + 2);
    if (id === EXTRA_ZIP64) throw new ZipError('ZIP_INVALID', `${cap(what)} uses ZIP64, which is not accepted.`);
    p += 4 + size;
  }
  if (p !== extra.length) throw new ZipError('ZIP_INVALID', `The extra field of ${what} is malformed.`);
}

function checkFlags(flags: number, what: string): void {
  if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) throw new ZipError('ZIP_INVALID', `${cap(what)} is encrypted.`);
  if (flags & FLAG_DESCRIPTOR) throw new ZipError('ZIP_INVALID', `${cap(what)} has no sizes in its header (data descriptor): not accepted.`);
  if (flags & ~ALLOWED_FLAGS) throw new ZipError('ZIP_INVALID', `${cap(what)} uses unsupported ZIP flags (0x${flags.toString(16)}).`);
}

function resolveLimits(limits: Partial<ZipLimits> | undefined): ZipLimits {
  const resolved = { ...DEFAULT_ZIP_LIMITS, ...limits };
  for (const [key, value] of Object.entries(resolved)) {
    if (typeof value !== 'number' || !(value >= 0)) throw new TypeError(`readZipStream: limit ${key} must be a number >= 0.`);
  }
  return resolved;
}

/** Reads a zip from a byte stream, yielding each entry in order. */
export async function* readZipStream(source: AsyncIterable<Buffer>, limits?: Partial<ZipLimits>): AsyncGenerator<StreamedEntry> {
  const lim = resolveLimits(limits);
  const src = new ByteSource(source);
  const locals: LocalEntry[] = [];
  const seen = new Set<string>();
  let total = 0;
  let current: EntryReader | null = null;
  try {
    let sig = (await src.read(4, 'the first header')).readUInt32LE(0);
    while (sig === SIG_LOCAL) {
      const entry = await readLocalHeader(src, src.position - 4, locals.length, lim);
      const key = foldName(entry.name);
      if (seen.has(key)) throw new ZipError('ZIP_UNSAFE_PATH', `Entry ${quote(entry.name)} appears twice (names are compared case-insensitively).`);
      seen.add(key);
      total += entry.size;
      if (total > lim.totalBytes) throw new ZipError('ZIP_TOO_LARGE', `The archive's entries add up to more than ${lim.totalBytes} bytes.`);
      locals.push(entry);
      const reader: EntryReader = new EntryReader(src, entry);
      current = reader;
      yield {
        name: entry.name,
        size: entry.size,
        compressedSize: entry.compressedSize,
        method: entry.method === METHOD_DEFLATE ? 'deflate' : 'store',
        crc32: entry.crc,
        data: { [Symbol.asyncIterator]: () => reader.iterator() },
        skip: () => reader.skip(),
      };
      await reader.skip();
      current = null;
      sig = (await src.read(4, 'the header after an entry')).readUInt32LE(0);
    }
    const directoryStart = src.position - 4;
    for (let i = 0; i < locals.length; i++) {
      if (sig !== SIG_CENTRAL) throw unexpected(sig, i === 0 ? 'the central directory' : `central directory record ${i + 1}`);
      await readCentralRecord(src, locals[i]!, i);
      sig = (await src.read(4, i === locals.length - 1 ? 'the end record' : 'the central directory')).readUInt32LE(0);
    }
    if (sig === SIG_CENTRAL) throw new ZipError('ZIP_INVALID', `The central directory lists more entries than the ${locals.length} in the archive.`);
    if (sig !== SIG_END) throw unexpected(sig, 'the end record');
    await readEndRecord(src, locals.length, directoryStart);
  } finally {
    current?.close();
    await src.close();
  }
}

function unexpected(sig: number, expected: string): ZipError {
  if (sig === SIG_ZIP64_END || sig === SIG_ZIP64_LOCATOR) return new ZipError('ZIP_INVALID', 'The archive uses ZIP64, which is not accepted.');
  if (sig === SIG_DESCRIPTOR) return new ZipError('ZIP_INVALID', 'The archive holds data descriptors, which are not accepted.');
  if (sig === SIG_END) return new ZipError('ZIP_INVALID', `The archive ends early: ${expected} expected, end record found.`);
  if (sig === SIG_LOCAL) return new ZipError('ZIP_INVALID', `An entry follows the central directory (${expected} expected).`);
  return new ZipError('ZIP_INVALID', `The archive is damaged: ${expected} expected (signature 0x${sig.toString(16).padStart(8, '0')}).`);
}

async function readLocalHeader(src: ByteSource, offset: number, index: number, lim: ZipLimits): Promise<LocalEntry> {
  if (index >= lim.entries) throw new ZipError('ZIP_TOO_LARGE', `The archive holds more than ${lim.entries} entries.`);
  const h = await src.read(26, 'a local header');
  const flags = h.readUInt16LE(2);
  const method = h.readUInt16LE(4);
  const crc = h.readUInt32LE(10);
  const compressedSize = h.readUInt32LE(14);
  const size = h.readUInt32LE(18);
  const nameLength = h.readUInt16LE(22);
  const extraLength = h.readUInt16LE(24);
  const where = `entry ${index + 1}`;
  checkFlags(flags, where);
  if (method !== METHOD_STORE && method !== METHOD_DEFLATE)
    throw new ZipError('ZIP_INVALID', `${cap(where)} uses compression method ${method}; only store and deflate are accepted.`);
  if (compressedSize === 0xffffffff || size === 0xffffffff) throw new ZipError('ZIP_INVALID', `${cap(where)} uses ZIP64, which is not accepted.`);
  if (nameLength > MAX_NAME_BYTES) throw new ZipError('ZIP_UNSAFE_PATH', `${cap(where)} has a name longer than ${MAX_NAME_BYTES} bytes.`);
  const name = decodeName(await src.read(nameLength, 'a local header'), flags);
  const reason = unsafeName(name);
  if (reason) throw new ZipError('ZIP_UNSAFE_PATH', `Entry ${quote(name)}: ${reason}.`);
  const what = `entry ${quote(name)}`;
  checkExtra(await src.read(extraLength, 'a local header'), what);
  if (size > lim.entryBytes) throw new ZipError('ZIP_TOO_LARGE', `${cap(what)} is ${size} bytes, over the limit of ${lim.entryBytes}.`);
  if (method === METHOD_STORE && compressedSize !== size) throw new ZipError('ZIP_INVALID', `${cap(what)} is stored but its two sizes differ.`);
  if (method === METHOD_DEFLATE && size > lim.ratioFloorBytes && size > lim.ratio * compressedSize) {
    throw new ZipError('ZIP_BOMB', `${cap(what)} would expand ${compressedSize} bytes to ${size}: refused as a compression bomb.`);
  }
  return { name, flags, method, crc, compressedSize, size, offset };
}

async function readCentralRecord(src: ByteSource, local: LocalEntry, index: number): Promise<void> {
  const h = await src.read(42, 'the central directory');
  const flags = h.readUInt16LE(4);
  const method = h.readUInt16LE(6);
  const crc = h.readUInt32LE(12);
  const compressedSize = h.readUInt32LE(16);
  const size = h.readUInt32LE(20);
  const nameLength = h.readUInt16LE(24);
  const extraLength = h.readUInt16LE(26);
  const commentLength = h.readUInt16LE(28);
  const disk = h.readUInt16LE(30);
  const external = h.readUInt32LE(34);
  const offset = h.readUInt32LE(38);
  const nameBytes = await src.read(nameLength, 'the central directory');
  const extra = await src.read(extraLength, 'the central directory');
  await src.read(commentLength, 'the central directory');
  const what = `entry ${quote(local.name)}`;
  let name: string | null;
  try {
    name = nameLength > MAX_NAME_BYTES ? null : decodeName(nameBytes, flags);
  } catch {
    name = null;
  }
  const differs: [boolean, string][] = [
    [name !== local.name, 'name'],
    [flags !== local.flags, 'flags'],
    [method !== local.method, 'method'],
    [crc !== local.crc, 'CRC-32'],
    [compressedSize !== local.compressedSize || size !== local.size, 'sizes'],
    [offset !== local.offset || disk !== 0, 'offset'],
  ];
  const field = differs.find(([bad]) => bad)?.[1];
  if (field) throw new ZipError('ZIP_INVALID', `Central directory record ${index + 1} disagrees with the local header of ${what} (${field}).`);
  checkExtra(extra, what);
  const type = (external >>> 16) & S_IFMT;
  if (type === S_IFLNK) throw new ZipError('ZIP_UNSAFE_PATH', `${cap(what)} is a symbolic link.`);
  if ((type !== 0 && type !== S_IFREG) || external & DOS_DIRECTORY) throw new ZipError('ZIP_UNSAFE_PATH', `${cap(what)} is not a regular file.`);
}

async function readEndRecord(src: ByteSource, count: number, directoryStart: number): Promise<void> {
  const directorySize = src.position - 4 - directoryStart;
  const h = await src.read(18, 'the end record');
  const disk = h.readUInt16LE(0);
  const directoryDisk = h.readUInt16LE(2);
  const onDisk = h.readUInt16LE(4);
  const entries = h.readUInt16LE(6);
  const size = h.readUInt32LE(8);
  const offset = h.readUInt32LE(12);
  const commentLength = h.readUInt16LE(16);
  if (entries === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw new ZipError('ZIP_INVALID', 'The archive uses ZIP64, which is not accepted.');
  if (disk !== 0 || directoryDisk !== 0 || onDisk !== count || entries !== count || size !== directorySize || offset !== directoryStart) {
    throw new ZipError('ZIP_INVALID', 'The end record disagrees with the central directory.');
  }
  await src.read(commentLength, 'the end record');
  if (!(await src.atEnd())) throw new ZipError('ZIP_INVALID', 'Bytes follow the end record.');
}
