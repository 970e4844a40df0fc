// A streaming ZIP writer (deflate, data descriptors, no ZIP64) in bounded memory, for XLSX output.
// Each entry is deflated chunk by chunk with sync flushes, so any size is written without holding it.
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { constants, crc32, deflateRawSync } from 'node:zlib';

type Entry = { name: Buffer; crc: number; compressed: number; size: number; offset: number };

const FINAL_EMPTY_BLOCK = Buffer.from([0x03, 0x00]);
const DOS_DATE = (((2026 - 1980) << 9) | (1 << 5) | 1) & 0xffff; // fixed: archives are reproducible

export class ZipWriter {
  private readonly fd: number;
  private readonly path: string;
  private readonly entries: Entry[] = [];
  private offset = 0;
  private current: (Entry & { pending: string[]; pendingSize: number }) | null = null;

  constructor(path: string) {
    this.path = path;
    this.fd = openSync(`${path}.partial`, 'w', 0o600);
  }

  private raw(buf: Buffer): void {
    writeSync(this.fd, buf);
    this.offset += buf.length;
    if (this.offset > 0xffffffff) throw new Error('ZIP archive over 4 GiB');
  }

  begin(name: string): void {
    this.end();
    const nameBuf = Buffer.from(name, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0808, 6); // data descriptor follows; UTF-8 names
    header.writeUInt16LE(8, 8);
    header.writeUInt16LE(0, 10);
    header.writeUInt16LE(DOS_DATE, 12);
    header.writeUInt16LE(nameBuf.length, 26);
    const entry = { name: nameBuf, crc: 0, compressed: 0, size: 0, offset: this.offset, pending: [] as string[], pendingSize: 0 };
    this.raw(header);
    this.raw(nameBuf);
    this.current = entry;
  }

  write(text: string): void {
    const e = this.current!;
    e.pending.push(text);
    e.pendingSize += text.length;
    if (e.pendingSize > 1 << 20) this.flushChunk();
  }

  private flushChunk(): void {
    const e = this.current!;
    if (e.pending.length === 0) return;
    const data = Buffer.from(e.pending.join(''), 'utf8');
    e.pending = [];
    e.pendingSize = 0;
    e.crc = crc32(data, e.crc);
    e.size += data.length;
    const out = deflateRawSync(data, { finishFlush: constants.Z_SYNC_FLUSH });
    e.compressed += out.length;
    this.raw(out);
  }

  private end(): void {
    const e = this.current;
    if (!e) return;
    this.flushChunk();
    this.raw(FINAL_EMPTY_BLOCK);
    e.compressed += FINAL_EMPTY_BLOCK.length;
    const dd = Buffer.alloc(16);
    dd.writeUInt32LE(0x08074b50, 0);
    dd.writeUInt32LE(e.crc >>> 0, 4);
    dd.writeUInt32LE(e.compressed, 8);
    dd.writeUInt32LE(e.size, 12);
    this.raw(dd);
    this.entries.push({ name: e.name, crc: e.crc, compressed: e.compressed, size: e.size, offset: e.offset });
    this.current = null;
  }

  close(): void {
    this.end();
    const start = this.offset;
    for (const e of this.entries) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(20, 4);
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(0x0808, 8);
      h.writeUInt16LE(8, 10);
      h.writeUInt16LE(0, 12);
      h.writeUInt16LE(DOS_DATE, 14);
      h.writeUInt32LE(e.crc >>> 0, 16);
      h.writeUInt32LE(e.compressed, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      h.writeUInt32LE(e.offset, 42);
      this.raw(h);
      this.raw(e.name);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    this.raw(end);
    fsyncSync(this.fd);
    closeSync(this.fd);
    renameSync(`${this.path}.partial`, this.path);
  }
}
