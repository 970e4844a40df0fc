// Writes small legacy Excel workbooks for the XLS reader's tests: BIFF8 records ([MS-XLS]) in an OLE2
// compound file with 512-byte sectors ([MS-CFB]). The globals hold number formats, XFs, sheets and a
// shared string table that can be split across CONTINUE records (each continuation choosing Latin-1 or
// UTF-16 for itself); sheets hold the cell records the reader knows.

export const ENDOFCHAIN = 0xfffffffe;
const FREESECT = 0xffffffff;
const FATSECT = 0xfffffffd;
const DIFSECT = 0xfffffffc;
const NOSTREAM = 0xffffffff;
const SECTOR = 512;

const u16 = (n: number) => Buffer.from([n & 0xff, (n >> 8) & 0xff]);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};
const f64 = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(n);
  return b;
};

/** One BIFF record: type, length, data. */
export function rec(type: number, ...data: (Buffer | number[])[]): Buffer {
  const body = Buffer.concat(data.map((d) => Buffer.from(d)));
  return Buffer.concat([u16(type), u16(body.length), body]);
}

const latin1 = (s: string) => /^[\0-\xff]*$/.test(s);

/** XLUnicodeString: length (1 or 2 bytes), flags, characters (Latin-1 when every one fits a byte). */
function xlString(s: string, lengthBytes: 1 | 2 = 2): Buffer {
  const wide = !latin1(s);
  return Buffer.concat([lengthBytes === 1 ? Buffer.from([s.length]) : u16(s.length), Buffer.from([wide ? 1 : 0]), Buffer.from(s, wide ? 'utf16le' : 'latin1')]);
}

/** The 30-bit RK encoding of a number (an integer, a hundredth, or a double with an empty low half). */
function rkValue(n: number): number {
  const fits = (m: number) => Number.isInteger(m) && m >= -(2 ** 29) && m < 2 ** 29;
  if (fits(n)) return ((n << 2) | 2) >>> 0;
  const cents = Math.round(n * 100);
  if (fits(cents) && cents / 100 === n) return ((cents << 2) | 3) >>> 0;
  const b = f64(n);
  if (b.readUInt32LE(0) !== 0 || (b.readUInt32LE(4) & 3) !== 0) throw new Error(`${n} cannot be written as an RK number`);
  return b.readUInt32LE(4);
}

const at = (row: number, col: number, xf = 0) => Buffer.concat([u16(row), u16(col), u16(xf)]);
/** FORMULA's cached value when it is not a number: a type byte, a value byte, then 0xFFFF. */
const special = (type: number, value = 0) => [type, 0, value, 0, 0, 0, 0xff, 0xff];
/** A parsed formula of one token (ptgInt 0): its cached value is what the reader takes. */
const formulaTail = [0, 0, 0, 0, 0, 0, 3, 0, 0x1e, 0, 0];

/** Cell records: `xf` is the index of the cell's XF (its number format). */
export const cell = {
  sst: (row: number, col: number, index: number, xf = 0) => rec(0x00fd, at(row, col, xf), u32(index)),
  label: (row: number, col: number, text: string, xf = 0) => rec(0x0204, at(row, col, xf), xlString(text)),
  number: (row: number, col: number, n: number, xf = 0) => rec(0x0203, at(row, col, xf), f64(n)),
  rk: (row: number, col: number, n: number, xf = 0) => rec(0x027e, at(row, col, xf), u32(rkValue(n))),
  mulrk: (row: number, col: number, values: number[], xf = 0) =>
    rec(0x00bd, u16(row), u16(col), ...values.map((v) => Buffer.concat([u16(xf), u32(rkValue(v))])), u16(col + values.length - 1)),
  bool: (row: number, col: number, value: boolean) => rec(0x0205, at(row, col), [value ? 1 : 0, 0]),
  error: (row: number, col: number, code: number) => rec(0x0205, at(row, col), [code, 1]),
  blank: (row: number, col: number, xf = 0) => rec(0x0201, at(row, col, xf)),
  mulblank: (row: number, col: number, count: number, xf = 0) =>
    rec(0x00be, u16(row), u16(col), ...Array.from({ length: count }, () => u16(xf)), u16(col + count - 1)),
  /** A formula with its cached result; a string result follows in a STRING record. */
  formula(row: number, col: number, result: number | string | boolean | { error: number }, xf = 0): Buffer {
    const value =
      typeof result === 'number'
        ? f64(result)
        : typeof result === 'boolean'
          ? special(1, result ? 1 : 0)
          : typeof result === 'object'
            ? special(2, result.error)
            : special(result === '' ? 3 : 0);
    const formula = rec(0x0006, at(row, col, xf), value, formulaTail);
    return typeof result === 'string' && result !== '' ? Buffer.concat([formula, rec(0x0207, xlString(result))]) : formula;
  },
};

/** A shared string; `runs` formatting runs and `ext` bytes of phonetic data are written after its text. */
export type SstString = string | { text: string; runs?: number; ext?: number };
export type SheetSpec = { name: string; chart?: boolean; cells?: Buffer[] };
export type WorkbookSpec = {
  sheets: SheetSpec[];
  sst?: SstString[];
  /** The unique-string count the SST claims (default: the true one). */
  sstUnique?: number;
  /** The largest SST or CONTINUE record (default 8224, Excel's). */
  maxRecord?: number;
  /** Every SST chunk in UTF-16, even when Latin-1 would do. */
  utf16?: boolean;
  /** Custom number formats by id (164 and up, as Excel numbers them). */
  formats?: Record<number, string>;
  /** The number format of each XF (default: one XF, General). */
  xfs?: number[];
  date1904?: boolean;
  encrypted?: boolean;
  /** The BOF version (default 0x0600, BIFF8). */
  version?: number;
};

/** SST and CONTINUE records. A string's header is never split; its characters are, each continuation starting with its own flag. */
function sstRecords(strings: SstString[], unique: number, max: number, utf16: boolean): Buffer[] {
  const records: Buffer[][] = [[u32(strings.length), u32(unique)]];
  let size = 8;
  const room = () => max - size;
  const put = (b: Buffer) => {
    records[records.length - 1]!.push(b);
    size += b.length;
  };
  const newRecord = () => {
    records.push([]);
    size = 0;
  };
  // As many characters as fit in `space` bytes: Latin-1 if they all can be, else UTF-16.
  const fit = (text: string, from: number, space: number) => {
    const narrow = Math.min(text.length - from, space);
    if (!utf16 && narrow > 0 && latin1(text.slice(from, from + narrow))) return { n: narrow, wide: false };
    return { n: Math.min(text.length - from, Math.floor(space / 2)), wide: true };
  };
  const chars = (text: string, from: number, c: { n: number; wide: boolean }) => Buffer.from(text.slice(from, from + c.n), c.wide ? 'utf16le' : 'latin1');
  for (const s of strings) {
    const { text, runs = 0, ext = 0 } = typeof s === 'string' ? { text: s } : s;
    const headerLength = 3 + (runs ? 2 : 0) + (ext ? 4 : 0);
    if (room() < headerLength) newRecord();
    let chunk = fit(text, 0, room() - headerLength);
    put(
      Buffer.concat([
        u16(text.length),
        Buffer.from([(chunk.wide ? 1 : 0) | (ext ? 4 : 0) | (runs ? 8 : 0)]),
        runs ? u16(runs) : Buffer.alloc(0),
        ext ? u32(ext) : Buffer.alloc(0),
      ]),
    );
    for (let from = 0; ;) {
      put(chars(text, from, chunk));
      from += chunk.n;
      if (from >= text.length) break;
      newRecord();
      chunk = fit(text, from, room() - 1);
      put(Buffer.from([chunk.wide ? 1 : 0]));
    }
    // Runs (character index, font) and phonetic data may be split anywhere; no flag marks the split.
    let tail = Buffer.concat([...Array.from({ length: runs }, (_, i) => Buffer.concat([u16(i), u16(0)])), Buffer.alloc(ext, 'Z')]);
    while (tail.length > 0) {
      if (room() === 0) newRecord();
      const k = Math.min(room(), tail.length);
      put(tail.subarray(0, k));
      tail = tail.subarray(k);
    }
  }
  return records.map((parts, i) => rec(i === 0 ? 0x00fc : 0x003c, ...parts));
}

const bof = (type: number, version = 0x0600) => rec(0x0809, u16(version), u16(type), u16(0x0dbb), u16(0x07cc), u32(0), u32(0x06));
const EOF = rec(0x000a);

/** DIMENSIONS from the cells' first row and column (and MULRK/MULBLANK's last). */
function dimensions(cells: Buffer[]): Buffer {
  let rows = 0;
  let cols = 0;
  for (const c of cells) {
    const type = c.readUInt16LE(0);
    if (type === 0x0207) continue;
    rows = Math.max(rows, c.readUInt16LE(4) + 1);
    cols = Math.max(cols, (type === 0x00bd || type === 0x00be ? c.readUInt16LE(c.length - 2) : c.readUInt16LE(6)) + 1);
  }
  return rec(0x0200, u32(0), u32(rows), u16(0), u16(cols), u16(0));
}

/** The Workbook stream: globals, then each sheet's substream. */
export function workbookStream(spec: WorkbookSpec): Buffer {
  const strings = spec.sst ?? [];
  const globals = (offsets: number[]) =>
    Buffer.concat([
      bof(0x0005, spec.version),
      ...(spec.encrypted ? [rec(0x002f, u16(1), Buffer.alloc(52))] : []),
      rec(0x0042, u16(1200)),
      rec(0x0022, u16(spec.date1904 ? 1 : 0)),
      ...Object.entries(spec.formats ?? {}).map(([id, code]) => rec(0x041e, u16(Number(id)), xlString(code))),
      ...(spec.xfs ?? [0]).map((format) => rec(0x00e0, u16(0), u16(format), Buffer.alloc(16))),
      ...spec.sheets.map((s, i) => rec(0x0085, u32(offsets[i] ?? 0), [0, s.chart ? 2 : 0], xlString(s.name, 1))),
      ...(strings.length > 0 ? sstRecords(strings, spec.sstUnique ?? strings.length, spec.maxRecord ?? 8224, spec.utf16 ?? false) : []),
      EOF,
    ]);
  const subs = spec.sheets.map((s) =>
    s.chart ? Buffer.concat([bof(0x0020), EOF]) : Buffer.concat([bof(0x0010), dimensions(s.cells ?? []), ...(s.cells ?? []), EOF]),
  );
  const offsets: number[] = [];
  subs.reduce((offset, sub) => (offsets.push(offset), offset + sub.length), globals([]).length);
  return Buffer.concat([globals(offsets), ...subs]);
}

/** Directory entry: type 1 storage, 2 stream, 5 root; color 0 red, 1 black. */
function dirEntry(name: string, type: number, start: number, size: number, links: { left: number; right: number; child: number; red?: boolean }): Buffer {
  const b = Buffer.alloc(128);
  if (type !== 0) {
    b.write(name, 0, 'utf16le');
    b.writeUInt16LE((name.length + 1) * 2, 64);
  }
  b[66] = type;
  b[67] = links.red ? 0 : 1;
  b.writeUInt32LE(links.left, 68);
  b.writeUInt32LE(links.right, 72);
  b.writeUInt32LE(links.child, 76);
  b.writeUInt32LE(start, 116);
  b.writeUInt32LE(size, 120);
  return b;
}

/**
 * An OLE2 compound file (version 3) holding `streams` under its root: streams under 4096 bytes go to the
 * mini stream. `minFatSectors` makes the allocation table longer (all free past the end), so that more
 * than 109 of its sectors need DIFAT sectors.
 */
export function cfb(streams: { name: string; data: Buffer }[], opts: { minFatSectors?: number } = {}): Buffer {
  const sectors: Buffer[] = [];
  const fat: number[] = [];
  const allocate = (data: Buffer): number => {
    if (data.length === 0) return ENDOFCHAIN;
    const first = sectors.length;
    for (let o = 0; o < data.length; o += SECTOR) {
      sectors.push(data.subarray(o, o + SECTOR));
      fat.push(o + SECTOR < data.length ? sectors.length : ENDOFCHAIN);
    }
    return first;
  };
  // Big streams in sectors; small ones in 64-byte mini sectors of the mini stream (the root's data).
  const miniParts: Buffer[] = [];
  const miniFat: number[] = [];
  const starts = streams.map(({ data }) => {
    if (data.length >= 4096) return allocate(data);
    if (data.length === 0) return ENDOFCHAIN;
    const first = miniFat.length;
    const n = Math.ceil(data.length / 64);
    for (let k = 0; k < n; k++) miniFat.push(k < n - 1 ? first + k + 1 : ENDOFCHAIN);
    miniParts.push(data, Buffer.alloc(n * 64 - data.length));
    return first;
  });
  const miniStream = Buffer.concat(miniParts);
  const miniStart = allocate(miniStream);
  const miniFatStart = miniFat.length > 0 ? allocate(Buffer.concat(miniFat.map(u32))) : ENDOFCHAIN;

  // The root's children as a balanced tree in CFB name order; the deepest level red keeps it red-black.
  const order = streams
    .map((_, i) => i + 1)
    .sort((a, b) => {
      const [x, y] = [streams[a - 1]!.name, streams[b - 1]!.name];
      return x.length - y.length || (x.toUpperCase() < y.toUpperCase() ? -1 : 1);
    });
  const links = new Map<number, { left: number; right: number; depth: number }>();
  const build = (ids: number[], depth: number): number => {
    if (ids.length === 0) return NOSTREAM;
    const mid = ids.length >> 1;
    links.set(ids[mid]!, { left: build(ids.slice(0, mid), depth + 1), right: build(ids.slice(mid + 1), depth + 1), depth });
    return ids[mid]!;
  };
  const top = build(order, 0);
  const deepest = Math.max(0, ...[...links.values()].map((l) => l.depth));
  const entries = [
    dirEntry('Root Entry', 5, miniStart, miniStream.length, { left: NOSTREAM, right: NOSTREAM, child: top }),
    ...streams.map((s, i) => {
      const l = links.get(i + 1)!;
      return dirEntry(s.name, 2, starts[i]!, s.data.length, { left: l.left, right: l.right, child: NOSTREAM, red: l.depth === deepest && l.depth > 0 });
    }),
  ];
  while (entries.length % 4 !== 0) entries.push(dirEntry('', 0, 0, 0, { left: NOSTREAM, right: NOSTREAM, child: NOSTREAM }));
  const dirStart = allocate(Buffer.concat(entries));

  // The allocation table and, past 109 of its sectors, the DIFAT sectors that list the rest.
  const used = sectors.length;
  let fatCount = Math.max(1, opts.minFatSectors ?? 0);
  let difatCount = 0;
  for (;;) {
    difatCount = Math.max(0, Math.ceil((fatCount - 109) / 127));
    const needed = Math.ceil((used + fatCount + difatCount) / 128);
    if (needed <= fatCount) break;
    fatCount = needed;
  }
  const table = new Array<number>(fatCount * 128).fill(FREESECT);
  fat.forEach((next, i) => (table[i] = next));
  const fatIds = Array.from({ length: fatCount }, (_, k) => used + k);
  const difatIds = Array.from({ length: difatCount }, (_, k) => used + fatCount + k);
  for (const id of fatIds) table[id] = FATSECT;
  for (const id of difatIds) table[id] = DIFSECT;
  for (let k = 0; k < fatCount; k++) sectors.push(Buffer.concat(table.slice(k * 128, k * 128 + 128).map(u32)));
  difatIds.forEach((_, k) => {
    const listed = fatIds.slice(109 + k * 127, 109 + (k + 1) * 127);
    const slots = [...listed, ...new Array<number>(127 - listed.length).fill(FREESECT), difatIds[k + 1] ?? ENDOFCHAIN];
    sectors.push(Buffer.concat(slots.map(u32)));
  });

  const header = Buffer.alloc(SECTOR);
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(header, 0);
  header.writeUInt16LE(0x003e, 24);
  header.writeUInt16LE(3, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  header.writeUInt16LE(6, 32);
  header.writeUInt32LE(fatCount, 44);
  header.writeUInt32LE(dirStart, 48);
  header.writeUInt32LE(4096, 56);
  header.writeUInt32LE(miniFatStart, 60);
  header.writeUInt32LE(miniFatStart === ENDOFCHAIN ? 0 : Math.ceil((miniFat.length * 4) / SECTOR), 64);
  header.writeUInt32LE(difatIds[0] ?? ENDOFCHAIN, 68);
  header.writeUInt32LE(difatCount, 72);
  for (let i = 0; i < 109; i++) header.writeUInt32LE(fatIds[i] ?? FREESECT, 76 + 4 * i);
  return Buffer.concat([header, ...sectors.map((s) => Buffer.concat([s, Buffer.alloc(SECTOR - s.length)]))]);
}

/** A whole .xls file: the Workbook stream padded to 4096 bytes (so in ordinary sectors) unless `pad` is false. */
export function xls(spec: WorkbookSpec, opts: { pad?: boolean; stream?: string; minFatSectors?: number } = {}): Buffer {
  let data = workbookStream(spec);
  if (opts.pad !== false && data.length < 4096) data = Buffer.concat([data, Buffer.alloc(4096 - data.length)]);
  return cfb([{ name: opts.stream ?? 'Workbook', data }], opts);
}
