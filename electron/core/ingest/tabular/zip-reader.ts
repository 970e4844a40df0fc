// Reads entries of a ZIP archive (XLSX, ODS) with the defences an importer needs: no ZIP64 or encrypted
// entries, no path tricks, a cap on entries, on each entry's size and on the compression ratio, and the
// inflated size enforced while inflating, whatever the headers claim.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { ImportRefused } from '../report.ts';

export const ZIP_LIMITS = { entries: 10_000, entryBytes: 1024 ** 3, ratio: 200 };

export type ZipEntry = { name: string; method: number; compressedSize: number; size: number; offset: number; flags: number };

function read(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  const n = readSync(fd, buf, 0, length, position);
  return buf.subarray(0, n);
}

export class ZipReader {
  private readonly fd: number;
  readonly entries = new Map<string, ZipEntry>();

  constructor(path: string) {
    this.fd = openSync(path, 'r');
    try {
      this.readDirectory();
    } catch (err) {
      closeSync(this.fd);
      throw err;
    }
  }

  private readDirectory(): void {
    const size = fstatSync(this.fd).size;
    const tailLength = Math.min(size, 65_557);
    const tail = read(this.fd, size - tailLength, tailLength);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0) throw new ImportRefused('IMPORT_ARCHIVE_DAMAGED', 'The archive is damaged or truncated (no central directory).');
    const count = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || dirOffset === 0xffffffff) throw new ImportRefused('IMPORT_ARCHIVE_UNSUPPORTED', 'ZIP64 archives are not accepted.');
    if (count > ZIP_LIMITS.entries) throw new ImportRefused('IMPORT_ARCHIVE_TOO_MANY_ENTRIES', `The archive holds more than ${ZIP_LIMITS.entries} entries.`);
    if (dirOffset + dirSize > size) throw new ImportRefused('IMPORT_ARCHIVE_DAMAGED', 'The archive is truncated.');
    const dir = read(this.fd, dirOffset, dirSize);
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (dir.readUInt32LE(p) !== 0x02014b50) throw new ImportRefused('IMPORT_ARCHIVE_DAMAGED', 'The archive directory is damaged.');
      const flags = dir.readUInt16LE(p + 8);
      const method = dir.readUInt16LE(p + 10);
      const compressedSize = dir.readUInt32LE(p + 20);
      const entrySize = dir.readUInt32LE(p + 24);
      const nameLength = dir.readUInt16LE(p + 28);
      const extra = dir.readUInt16LE(p + 30);
      const comment = dir.readUInt16LE(p + 32);
      const offset = dir.readUInt32LE(p + 42);
      const name = dir.subarray(p + 46, p + 46 + nameLength).toString('utf8');
      p += 46 + nameLength + extra + comment;
      if (name.includes('..') || name.startsWith('/') || name.includes('\\') || /^[A-Za-z]:/.test(name) || name.includes('\0')) {
        throw new ImportRefused('IMPORT_ARCHIVE_UNSAFE', `The archive holds an entry with an unsafe path ("${name.slice(0, 80)}").`);
      }
      if (flags & 1) throw new ImportRefused('IMPORT_ARCHIVE_ENCRYPTED', 'The archive is password-protected.');
      if (compressedSize === 0xffffffff || entrySize === 0xffffffff) throw new ImportRefused('IMPORT_ARCHIVE_UNSUPPORTED', 'ZIP64 entries are not accepted.');
      if (entrySize > ZIP_LIMITS.entryBytes || (compressedSize > 0 && entrySize / compressedSize > ZIP_LIMITS.ratio && entrySize > 1024 ** 2)) {
        throw new ImportRefused('IMPORT_ZIP_BOMB', `Entry "${name}" would expand to ${entrySize} bytes: refused as a compression bomb.`);
      }
      this.entries.set(name, { name, method, compressedSize, size: entrySize, offset, flags });
    }
  }

  /** The entry's bytes, inflated no further than its declared size. */
  read(name: string): Buffer | null {
    const e = this.entries.get(name);
    if (!e) return null;
    const local = read(this.fd, e.offset, 30);
    if (local.readUInt32LE(0) !== 0x04034b50) throw new ImportRefused('IMPORT_ARCHIVE_DAMAGED', `Entry "${name}" is damaged.`);
    const start = e.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    const data = read(this.fd, start, e.compressedSize);
    if (data.length < e.compressedSize) throw new ImportRefused('IMPORT_ARCHIVE_DAMAGED', `Entry "${name}" is truncated.`);
    if (e.method === 0) return data;
    if (e.method !== 8) throw new ImportRefused('IMPORT_ARCHIVE_UNSUPPORTED', `Entry "${name}" uses an unsupported compression method.`);
    try {
      return inflateRawSync(data, { maxOutputLength: Math.max(e.size, 1) });
    } catch {
      throw new ImportRefused('IMPORT_ZIP_BOMB', `Entry "${name}" expands beyond its declared size: refused.`);
    }
  }

  close(): void {
    closeSync(this.fd);
  }
}
