// The exchange-package ZIP layer: writer -> reader round trips over any chunking, interop with Info-ZIP, and each
// refusal of the streaming reader on hand-crafted archives (paths, symlinks, bombs, lies, CRC, truncation, junk).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { PackageZipWriter, readZipStream, ZipError, type ZipErrorCode, type ZipLimits } from '../../electron/core/exchange/package-zip.ts';

const tmp = mkdtempSync(join(tmpdir(), 'exchange-zip-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

async function* chunked(buf: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let p = 0; p < buf.length; p += size) yield buf.subarray(p, p + size);
}

/** Runs `build` against a writer whose sink collects the archive. */
async function archive(build: (w: PackageZipWriter) => Promise<void>): Promise<Buffer> {
  const parts: Buffer[] = [];
  const w = new PackageZipWriter((chunk) => {
    parts.push(Buffer.from(chunk));
  });
  await build(w);
  await w.finish();
  return Buffer.concat(parts);
}

type Read = { name: string; size: number; method: string; crc32: number; data: Buffer };

async function readAll(source: AsyncIterable<Buffer>, limits?: Partial<ZipLimits>): Promise<Read[]> {
  const out: Read[] = [];
  for await (const e of readZipStream(source, limits)) {
    const parts: Buffer[] = [];
    for await (const piece of e.data) parts.push(Buffer.from(piece));
    out.push({ name: e.name, size: e.size, method: e.method, crc32: e.crc32, data: Buffer.concat(parts) });
  }
  return out;
}

async function refusal(source: AsyncIterable<Buffer> | Buffer, limits?: Partial<ZipLimits>): Promise<ZipError> {
  try {
    await readAll(Buffer.isBuffer(source) ? chunked(source, 4096) : source, limits);
  } catch (err) {
    if (err instanceof ZipError) return err;
    throw err;
  }
  throw new Error('the archive was accepted');
}

async function expectRefused(source: Buffer, code: ZipErrorCode, limits?: Partial<ZipLimits>): Promise<ZipError> {
  const err = await refusal(source, limits);
  expect(err.code, err.message).toBe(code);
  return err;
}

// ---------------------------------------------------------------------------------------------------------------
// Hand-crafted archives
// ---------------------------------------------------------------------------------------------------------------

type Fields = { name: Buffer; flags: number; method: number; crc: number; compressedSize: number; size: number; offset: number; external: number };
type RawEntry = {
  name: string | Buffer;
  data?: Buffer;
  method?: number;
  /** The compressed bytes, when not derived from data. */
  body?: Buffer;
  extra?: Buffer;
  local?: Partial<Fields>;
  central?: Partial<Fields>;
};
type RawOptions = {
  comment?: Buffer;
  trailing?: Buffer;
  dropCentral?: number;
  duplicateCentral?: number;
  end?: Partial<{ count: number; size: number; offset: number }>;
};

/** A ZIP archive built field by field, so that any field can lie. */
function craft(entries: RawEntry[], options: RawOptions = {}): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = e.data ?? Buffer.alloc(0);
    const method = e.method ?? 0;
    const body = e.body ?? (method === 8 ? deflateRawSync(data) : data);
    const base: Fields = {
      name: Buffer.isBuffer(e.name) ? e.name : Buffer.from(e.name, 'utf8'),
      flags: 0x0800,
      method,
      crc: crc32(data) >>> 0,
      compressedSize: body.length,
      size: data.length,
      offset,
      external: 0,
    };
    const l = { ...base, ...e.local };
    const extra = e.extra ?? Buffer.alloc(0);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(l.flags, 6);
    h.writeUInt16LE(l.method, 8);
    h.writeUInt32LE(l.crc, 14);
    h.writeUInt32LE(l.compressedSize, 18);
    h.writeUInt32LE(l.size, 22);
    h.writeUInt16LE(l.name.length, 26);
    h.writeUInt16LE(extra.length, 28);
    parts.push(h, l.name, extra, body);
    offset += h.length + l.name.length + extra.length + body.length;
    const c = { ...base, ...e.central };
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(0x0314, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(c.flags, 8);
    ch.writeUInt16LE(c.method, 10);
    ch.writeUInt32LE(c.crc, 16);
    ch.writeUInt32LE(c.compressedSize, 20);
    ch.writeUInt32LE(c.size, 24);
    ch.writeUInt16LE(c.name.length, 28);
    ch.writeUInt32LE(c.external, 38);
    ch.writeUInt32LE(c.offset, 42);
    central.push(Buffer.concat([ch, c.name]));
  }
  if (options.dropCentral !== undefined) central.splice(options.dropCentral, 1);
  if (options.duplicateCentral !== undefined) central.push(central[options.duplicateCentral]!);
  const directory = Buffer.concat(central);
  const comment = options.comment ?? Buffer.alloc(0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(options.end?.count ?? central.length, 8);
  end.writeUInt16LE(options.end?.count ?? central.length, 10);
  end.writeUInt32LE(options.end?.size ?? directory.length, 12);
  end.writeUInt32LE(options.end?.offset ?? offset, 16);
  end.writeUInt16LE(comment.length, 20);
  return Buffer.concat([...parts, directory, end, comment, options.trailing ?? Buffer.alloc(0)]);
}

const text = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => `line ${i} of the manifest, AWB 176-${(i * 7919) % 100000}\n`).join(''));

// ---------------------------------------------------------------------------------------------------------------

describe('PackageZipWriter -> readZipStream round trips', () => {
  const big = randomBytes(1536 * 1024 + 17);
  const doc = text(2000);
  const unicode = ['données/résumé ✓.txt', '中文/报告.csv', 'Durrës/😀 emoji.json'];

  async function sample(): Promise<Buffer> {
    return archive(async (w) => {
      await w.addStream('attachments/big.bin', big.length, crc32(big), chunked(big, 100_000));
      await w.addBuffer('manifest.json', Buffer.from('{"version":1}'), 'deflate');
      await w.addBuffer('doc.txt', doc, 'deflate');
      await w.addBuffer('empty-stored', Buffer.alloc(0), 'store');
      await w.addBuffer('empty-deflated', Buffer.alloc(0), 'deflate');
      await w.addStream('empty-stream', 0, 0, chunked(Buffer.alloc(0), 1));
      for (const name of unicode) await w.addBuffer(name, Buffer.from(name), 'store');
    });
  }

  it('reads back every entry, re-chunked at 1 MB, 64 KiB and 7 bytes', async () => {
    const zip = await sample();
    for (const size of [1024 * 1024, 65536, 7]) {
      const entries = await readAll(chunked(zip, size));
      expect(entries.map((e) => e.name)).toEqual([
        'attachments/big.bin',
        'manifest.json',
        'doc.txt',
        'empty-stored',
        'empty-deflated',
        'empty-stream',
        ...unicode,
      ]);
      expect(entries[0]!.data.equals(big)).toBe(true);
      expect(entries[0]).toMatchObject({ method: 'store', size: big.length, crc32: crc32(big) >>> 0 });
      expect(entries[1]!.data.toString()).toBe('{"version":1}');
      expect(entries[2]).toMatchObject({ method: 'deflate', size: doc.length });
      expect(entries[2]!.data.equals(doc)).toBe(true);
      expect(entries.slice(3, 6).map((e) => [e.method, e.data.length])).toEqual([
        ['store', 0],
        ['deflate', 0],
        ['store', 0],
      ]);
      for (const e of entries.slice(6)) expect(e.data.toString()).toBe(e.name);
    }
  });

  it('reads a small archive fed one byte at a time', async () => {
    const small = Buffer.from('x'.repeat(3000));
    const zip = await archive(async (w) => {
      await w.addBuffer('a/stored.txt', small, 'store');
      await w.addBuffer('a/deflated.txt', text(60), 'deflate');
      await w.addStream('ünïcödé/∑.bin', 5, crc32(Buffer.from('hello')), chunked(Buffer.from('hello'), 2));
      await w.addBuffer('empty', Buffer.alloc(0), 'deflate');
    });
    const entries = await readAll(chunked(zip, 1));
    expect(entries.map((e) => [e.name, e.data.length])).toEqual([
      ['a/stored.txt', 3000],
      ['a/deflated.txt', text(60).length],
      ['ünïcödé/∑.bin', 5],
      ['empty', 0],
    ]);
    expect(entries[1]!.data.equals(text(60))).toBe(true);
  });

  it('writes reproducible archives that unzip -t accepts', async () => {
    const a = await sample();
    const b = await sample();
    expect(a.equals(b)).toBe(true);
    if (!onPath('unzip')) return;
    const file = join(tmp, 'sample.zip');
    writeFileSync(file, a);
    const run = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('No errors detected');
  });

  it('reads an archive made by Info-ZIP zip (extra fields, Unix attributes)', async () => {
    if (!onPath('zip')) return;
    const dir = join(tmp, 'zipsrc');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'a.txt'), doc);
    writeFileSync(join(dir, 'sub', 'b.bin'), randomBytes(5000));
    const file = join(tmp, 'infozip.zip');
    const run = spawnSync('zip', ['-q', '-r', '-D', file, 'a.txt', 'sub'], { cwd: dir });
    expect(run.status).toBe(0);
    const entries = await readAll(chunked(readFileSync(file), 1000));
    expect(entries.map((e) => e.name).sort()).toEqual(['a.txt', 'sub/b.bin']);
    expect(entries.find((e) => e.name === 'a.txt')!.data.equals(doc)).toBe(true);
  });

  it('lets the consumer skip entries, and still checks what it skips', async () => {
    const zip = await archive(async (w) => {
      await w.addBuffer('one', doc, 'deflate');
      await w.addBuffer('two', Buffer.from('second'), 'store');
      await w.addBuffer('three', doc, 'store');
    });
    const seen: string[] = [];
    for await (const e of readZipStream(chunked(zip, 333))) {
      if (e.name === 'one') {
        // take one piece, then move on without finishing: the reader reads past the rest
        for await (const piece of e.data) {
          expect(piece.length).toBeGreaterThan(0);
          break;
        }
      } else if (e.name === 'two') {
        await e.skip();
        await expect(async () => {
          for await (const _ of e.data) void _;
        }).rejects.toThrow(/skipped/);
      } else {
        for await (const piece of e.data) seen.push(piece.toString());
      }
    }
    expect(seen.join('')).toBe(doc.toString());

    // a damaged entry that is skipped is still refused
    const damaged = craft([
      { name: 'bad', data: doc, method: 8, local: { crc: 1 }, central: { crc: 1 } },
      { name: 'next', data: Buffer.from('x') },
    ]);
    await expect(
      (async () => {
        for await (const e of readZipStream(chunked(damaged, 100))) void e;
      })(),
    ).rejects.toMatchObject({ code: 'ZIP_CRC' });
  });

  it('pulls from the source only as the consumer reads, and closes it when the consumer stops', async () => {
    const payload = randomBytes(4 * 1024 * 1024);
    const zip = await archive(async (w) => {
      await w.addStream('big', payload.length, crc32(payload), chunked(payload, 65536));
      await w.addBuffer('doc', Buffer.concat(Array.from({ length: 40 }, () => doc)), 'deflate');
      await w.addBuffer('after', Buffer.from('x'), 'store');
    });
    let pulled = 0;
    let closed = false;
    async function* source() {
      try {
        for (let p = 0; p < zip.length; p += 65536) {
          pulled += Math.min(65536, zip.length - p);
          yield zip.subarray(p, p + 65536);
        }
      } finally {
        closed = true;
      }
    }
    const gen = readZipStream(source());
    const first = (await gen.next()).value!;
    expect(pulled).toBe(65536);
    let read = 0;
    for await (const piece of first.data) {
      read += piece.length;
      expect(pulled - read).toBeLessThanOrEqual(65536 + 100);
    }
    const second = (await gen.next()).value!;
    const start = pulled;
    let inflated = 0;
    for await (const piece of second.data) {
      inflated += piece.length;
      if (inflated <= 65536) expect(pulled - start).toBeLessThanOrEqual(2 * 65536);
    }
    expect(inflated).toBe(doc.length * 40);
    await gen.return(undefined);
    expect(closed).toBe(true);
  });
});

describe('PackageZipWriter refusals', () => {
  const sink = () => undefined;

  it('checks the bytes of a stream entry against its declared size and CRC', async () => {
    const data = Buffer.from('0123456789');
    await expect(new PackageZipWriter(sink).addStream('a', 11, crc32(data), chunked(data, 3))).rejects.toThrow(/10 bytes of data, 11 declared/);
    await expect(new PackageZipWriter(sink).addStream('a', 9, crc32(data), chunked(data, 3))).rejects.toThrow(/more data than the 9 bytes/);
    await expect(new PackageZipWriter(sink).addStream('a', 10, crc32(data) ^ 1, chunked(data, 3))).rejects.toThrow(/CRC-32/);
    const w = new PackageZipWriter(sink);
    await expect(w.addStream('a', 11, 0, chunked(data, 3))).rejects.toThrow();
    await expect(w.addBuffer('b', data, 'store')).rejects.toThrow(/earlier write failed/);
  });

  it('refuses unsafe and duplicate names without spoiling the archive', async () => {
    const parts: Buffer[] = [];
    const w = new PackageZipWriter((c) => void parts.push(c));
    await w.addBuffer('Report.csv', Buffer.from('a'), 'store');
    for (const bad of ['../x', 'a/../x', '/etc/x', 'a\\b', 'C:x', 'a//b', 'dir/', '', 'a\0b', 'tab\there', 'report.CSV']) {
      await expect(w.addBuffer(bad, Buffer.from('a'), 'store'), JSON.stringify(bad)).rejects.toThrow();
    }
    await w.addBuffer('ok.txt', Buffer.from('b'), 'deflate');
    await w.finish();
    expect((await readAll(chunked(Buffer.concat(parts), 10))).map((e) => e.name)).toEqual(['Report.csv', 'ok.txt']);
    expect(w.entries.map((e) => e.name)).toEqual(['Report.csv', 'ok.txt']);
    await expect(w.addBuffer('late', Buffer.from('a'), 'store')).rejects.toThrow(/finished/);
  });

  it('refuses what would need ZIP64', async () => {
    const w = new PackageZipWriter(sink);
    await expect(w.addStream('huge', 5 * 1024 ** 3, 0, chunked(Buffer.alloc(0), 1))).rejects.toThrow(/4 GiB/);
    const many = new PackageZipWriter(sink);
    const empty = Buffer.alloc(0);
    for (let i = 0; i < 65534; i++) await many.addBuffer(`f${i}`, empty, 'store');
    await expect(many.addBuffer('one-too-many', empty, 'store')).rejects.toThrow(/65534 entries/);
    await many.finish();
  });
});

describe('readZipStream refusals', () => {
  const hello = Buffer.from('hello');

  it('accepts the crafted baseline', async () => {
    const zip = craft(
      [
        { name: 'a.txt', data: hello },
        { name: 'b/c.txt', data: text(50), method: 8 },
      ],
      { comment: Buffer.from('package') },
    );
    expect((await readAll(chunked(zip, 5))).map((e) => e.name)).toEqual(['a.txt', 'b/c.txt']);
  });

  it('ZIP_UNSAFE_PATH: traversal, absolute, backslash, drive, control characters, empty segments, directories', async () => {
    for (const name of ['../x', 'a/../../x', '/etc/x', 'a\\b', '..\\x', 'C:x', 'c:/x', 'a//b', './x', 'dir/', '', 'a\0b', 'a\x01b', 'del\x7f']) {
      const err = await expectRefused(craft([{ name, data: hello }]), 'ZIP_UNSAFE_PATH');
      expect(err.message).not.toContain('\0');
    }
    await expectRefused(craft([{ name: Buffer.from([0x61, 0xff, 0xfe]), data: hello }]), 'ZIP_UNSAFE_PATH');
    await expectRefused(craft([{ name: 'x'.repeat(2000), data: hello }]), 'ZIP_UNSAFE_PATH');
  });

  it('ZIP_UNSAFE_PATH: duplicate names, case-insensitively and across Unicode normalisation', async () => {
    await expectRefused(
      craft([
        { name: 'a.txt', data: hello },
        { name: 'a.txt', data: hello },
      ]),
      'ZIP_UNSAFE_PATH',
    );
    await expectRefused(
      craft([
        { name: 'Docs/Report.CSV', data: hello },
        { name: 'docs/report.csv', data: hello },
      ]),
      'ZIP_UNSAFE_PATH',
    );
    await expectRefused(
      craft([
        { name: 'r\u00e9sum\u00e9', data: hello },
        { name: 're\u0301sume\u0301', data: hello },
      ]),
      'ZIP_UNSAFE_PATH',
    );
  });

  it('ZIP_UNSAFE_PATH: symlinks and other special files in the central directory', async () => {
    await expectRefused(craft([{ name: 'link', data: Buffer.from('/etc/passwd'), central: { external: (0o120777 << 16) >>> 0 } }]), 'ZIP_UNSAFE_PATH');
    await expectRefused(craft([{ name: 'dir', central: { external: ((0o040755 << 16) | 0x10) >>> 0 } }]), 'ZIP_UNSAFE_PATH');
    // a regular file with Unix permissions is fine
    expect(await readAll(chunked(craft([{ name: 'f', data: hello, central: { external: ((0o100644 << 16) | 0x20) >>> 0 } }]), 64))).toHaveLength(1);
  });

  it('ZIP_INVALID: data descriptors, encryption, other methods, ZIP64, stored size mismatch', async () => {
    await expectRefused(craft([{ name: 'a', data: hello, local: { flags: 0x0808 }, central: { flags: 0x0808 } }]), 'ZIP_INVALID');
    await expectRefused(craft([{ name: 'a', data: hello, local: { flags: 0x0801 } }]), 'ZIP_INVALID');
    await expectRefused(craft([{ name: 'a', data: hello, method: 12, body: hello }]), 'ZIP_INVALID');
    await expectRefused(craft([{ name: 'a', data: hello, local: { size: 0xffffffff, compressedSize: 0xffffffff } }]), 'ZIP_INVALID');
    const zip64Extra = Buffer.alloc(20);
    zip64Extra.writeUInt16LE(0x0001, 0);
    zip64Extra.writeUInt16LE(16, 2);
    await expectRefused(craft([{ name: 'a', data: hello, extra: zip64Extra }]), 'ZIP_INVALID');
    await expectRefused(craft([{ name: 'a', data: hello, extra: Buffer.from([1, 2, 3]) }]), 'ZIP_INVALID');
    await expectRefused(craft([{ name: 'a', data: hello, body: Buffer.from('hello!'), local: { size: 5 } }]), 'ZIP_INVALID');
    await expectRefused(Buffer.from('this is not a zip archive at all'), 'ZIP_INVALID');
  });

  it('ZIP_INVALID: deflate data that is broken, short, or followed by junk inside the entry', async () => {
    await expectRefused(craft([{ name: 'a', data: hello, method: 8, body: Buffer.from([0xff, 0xff, 0xff, 0xff]) }]), 'ZIP_INVALID');
    const deflated = deflateRawSync(text(40));
    await expectRefused(craft([{ name: 'a', data: text(40), method: 8, body: deflated.subarray(0, deflated.length - 4) }]), 'ZIP_INVALID');
    await expectRefused(craft([{ name: 'a', data: text(40), method: 8, body: Buffer.concat([deflated, Buffer.from('junk')]) }]), 'ZIP_INVALID');
    // inflates to fewer bytes than declared
    await expectRefused(
      craft([{ name: 'a', data: text(40), method: 8, local: { size: text(40).length + 1 }, central: { size: text(40).length + 1 } }]),
      'ZIP_INVALID',
    );
  });

  it('ZIP_INVALID: trailing junk, and an end record or central directory that disagrees with the entries', async () => {
    const entries: RawEntry[] = [
      { name: 'a', data: hello },
      { name: 'b', data: text(20), method: 8 },
    ];
    expect(await readAll(chunked(craft(entries), 100))).toHaveLength(2);
    await expectRefused(craft(entries, { trailing: Buffer.from([0]) }), 'ZIP_INVALID');
    await expectRefused(craft(entries, { trailing: craft(entries) }), 'ZIP_INVALID');
    await expectRefused(craft([entries[0]!, { ...entries[1]!, central: { name: Buffer.from('c') } }]), 'ZIP_INVALID');
    await expectRefused(craft([entries[0]!, { ...entries[1]!, central: { crc: 12345 } }]), 'ZIP_INVALID');
    await expectRefused(craft([entries[0]!, { ...entries[1]!, central: { size: 1 } }]), 'ZIP_INVALID');
    await expectRefused(craft([entries[0]!, { ...entries[1]!, central: { compressedSize: 3 } }]), 'ZIP_INVALID');
    await expectRefused(craft([entries[0]!, { ...entries[1]!, central: { method: 0 } }]), 'ZIP_INVALID');
    await expectRefused(craft([entries[0]!, { ...entries[1]!, central: { offset: 0 } }]), 'ZIP_INVALID');
    await expectRefused(craft([entries[0]!, { ...entries[1]!, central: { flags: 0 } }]), 'ZIP_INVALID');
    await expectRefused(craft(entries, { dropCentral: 0 }), 'ZIP_INVALID');
    await expectRefused(craft(entries, { duplicateCentral: 1 }), 'ZIP_INVALID');
    await expectRefused(craft(entries, { end: { count: 3 } }), 'ZIP_INVALID');
    await expectRefused(craft(entries, { end: { offset: 1 } }), 'ZIP_INVALID');
    await expectRefused(craft(entries, { end: { size: 10 } }), 'ZIP_INVALID');
    // central directory in another order
    const swapped = craft(entries);
    const a = craft([entries[1]!, entries[0]!]);
    expect(swapped.length).toBe(a.length);
    await expectRefused(swappedDirectory(swapped), 'ZIP_INVALID');
  });

  /** The same archive with its two central directory records in the other order. */
  function swappedDirectory(zip: Buffer): Buffer {
    const cd = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const second = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), cd + 4);
    const end = zip.indexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    return Buffer.concat([zip.subarray(0, cd), zip.subarray(second, end), zip.subarray(cd, second), zip.subarray(end)]);
  }

  it('ZIP_TOO_LARGE: too many entries, an entry or a total over the limits', async () => {
    const four = craft(['a', 'b', 'c', 'd'].map((name) => ({ name, data: hello })));
    expect(await readAll(chunked(four, 64), { entries: 4 })).toHaveLength(4);
    await expectRefused(four, 'ZIP_TOO_LARGE', { entries: 3 });
    await expectRefused(four, 'ZIP_TOO_LARGE', { entryBytes: 4 });
    await expectRefused(four, 'ZIP_TOO_LARGE', { totalBytes: 19 });
    expect(await readAll(chunked(four, 64), { totalBytes: 20 })).toHaveLength(4);
  });

  it('ZIP_BOMB: a high-ratio entry declared honestly is refused before inflating', async () => {
    const zeros = Buffer.alloc(50 * 1024 * 1024);
    const body = deflateRawSync(zeros);
    const bomb = craft([
      { name: 'zeros.bin', method: 8, body, local: { size: zeros.length, crc: crc32(zeros) >>> 0 }, central: { size: zeros.length, crc: crc32(zeros) >>> 0 } },
    ]);
    const err = await expectRefused(bomb, 'ZIP_BOMB');
    expect(err.message).toMatch(/compression bomb/);
    // under the ratio floor, a high ratio is fine
    const small = Buffer.alloc(900 * 1024);
    const fine = craft([{ name: 'zeros.bin', data: small, method: 8 }]);
    expect((await readAll(chunked(fine, 4096)))[0]!.data.length).toBe(small.length);
  });

  it('ZIP_BOMB: an entry that inflates to more than it declares is stopped while inflating', async () => {
    const noise = randomBytes(200 * 1024);
    await expectRefused(craft([{ name: 'a', data: noise, method: 8, local: { size: 1000 }, central: { size: 1000 } }]), 'ZIP_BOMB');
    const doc = text(80_000); // ~4 MB, deflates at a ratio well under 100
    const declared = 2 * 1024 * 1024;
    const lying = craft([{ name: 'a', data: doc, method: 8, local: { size: declared }, central: { size: declared } }]);
    expect(lying.length * 100).toBeGreaterThan(declared); // the ratio is plausible: only inflating finds the lie
    const err = await refusal(chunked(lying, 65536));
    expect(err.code).toBe('ZIP_BOMB');
  });

  it('ZIP_CRC: stored and deflated entries whose data does not match the CRC-32', async () => {
    for (const method of [0, 8]) {
      const zip = craft([{ name: 'a', data: text(30), method, local: { crc: 7 }, central: { crc: 7 } }]);
      await expectRefused(zip, 'ZIP_CRC');
    }
    // a flipped byte in a stored entry
    const zip = craft([{ name: 'a', data: text(30) }]);
    zip[60] = zip[60]! ^ 0x01;
    await expectRefused(zip, 'ZIP_CRC');
  });

  it('ZIP_TRUNCATED: no prefix of an archive is ever accepted', async () => {
    const zip = await archive(async (w) => {
      await w.addBuffer('stored.txt', text(8), 'store');
      await w.addBuffer('deflated.txt', text(30), 'deflate');
      await w.addBuffer('empty', Buffer.alloc(0), 'store');
      await w.addStream('s', 5, crc32(hello), chunked(hello, 2));
    });
    expect(await readAll(chunked(zip, 97))).toHaveLength(4);
    const codes = new Map<string, number>();
    for (let n = 0; n < zip.length; n++) {
      const err = await refusal(chunked(zip.subarray(0, n), n % 2 ? 64 : 7));
      codes.set(err.code, (codes.get(err.code) ?? 0) + 1);
    }
    expect([...codes.keys()]).toEqual(['ZIP_TRUNCATED']);
    expect(codes.get('ZIP_TRUNCATED')).toBe(zip.length);
  });
});
