// The first worksheet of a legacy Excel workbook (Excel 97–2003: BIFF8 records in the "Workbook" stream of
// an OLE2 compound file, [MS-CFB] and [MS-XLS]) as rows of text: shared strings (split across CONTINUE
// records), numbers, booleans and errors, and dates (numbers in a date format, 1900 or 1904 system) written
// as YYYY-MM-DD. Formulas are never evaluated: their cached result is what is read. A damaged container,
// an encrypted workbook or absurd sizes are refused.
import { readFileSync, statSync } from 'node:fs';
import { ImportRefused } from '../report.ts';
import type { CsvRow } from './csv-reader.ts';
import { excelDate } from './xlsx-reader.ts';

const MAX_FILE = 512 * 1024 ** 2;
const MAX_STREAM = 256 * 1024 ** 2;
const MAX_COLUMNS = 16_384;
/** Cells held for the sheet, counting the empty ones before the last cell of each row. */
const MAX_CELLS = 20_000_000;
const MAX_STRINGS = 16_777_216;

const SIGNATURE = Buffer.from('d0cf11e0a1b11ae1', 'hex');
const ENDOFCHAIN = 0xfffffffe;
const NOSTREAM = 0xffffffff;
const MINI_SECTOR = 64;
const MINI_CUTOFF = 4096;

const BOF = 0x0809;
const EOF = 0x000a;
const FILEPASS = 0x002f;
const DATEMODE = 0x0022;
const FORMAT = 0x041e;
const XF = 0x00e0;
const BOUNDSHEET = 0x0085;
const SST = 0x00fc;
const CONTINUE = 0x003c;
const LABELSST = 0x00fd;
const LABEL = 0x0204;
const NUMBER = 0x0203;
const RK = 0x027e;
const MULRK = 0x00bd;
const BOOLERR = 0x0205;
const FORMULA = 0x0006;
const STRING = 0x0207;

/** The shortest data each record read here can have. */
const MIN_LENGTH: Record<number, number> = {
  [BOF]: 4,
  [DATEMODE]: 2,
  [FORMAT]: 5,
  [XF]: 4,
  [BOUNDSHEET]: 8,
  [SST]: 8,
  [LABELSST]: 10,
  [LABEL]: 9,
  [NUMBER]: 14,
  [RK]: 10,
  [MULRK]: 12,
  [BOOLERR]: 8,
  [FORMULA]: 20,
  [STRING]: 3,
};

const ERRORS: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};

const damaged = (why: string) => new ImportRefused('XLS_DAMAGED', `The Excel file is damaged: ${why}.`);
const tooLarge = (what: string) => new ImportRefused('XLS_LIMIT_EXCEEDED', `The Excel file is beyond what Portcullis reads: ${what}.`);
const notXls = (why: string) => new ImportRefused('IMPORT_NOT_XLS', `This file is not an Excel 97–2003 workbook: ${why}.`);

type Entry = { name: string; type: number; left: number; right: number; child: number; start: number; size: number };

/** The named streams at the top of an OLE2 compound file. */
function compoundFile(buf: Buffer) {
  if (buf.length < 8 || !buf.subarray(0, 8).equals(SIGNATURE)) throw notXls('it is not an OLE2 compound file');
  if (buf.length < 512) throw damaged('the file ends inside its header');
  const u32 = (at: number) => buf.readUInt32LE(at);
  const major = buf.readUInt16LE(26);
  const shift = buf.readUInt16LE(30);
  if (buf.readUInt16LE(28) !== 0xfffe || (major !== 3 && major !== 4) || (shift !== 9 && shift !== 12) || buf.readUInt16LE(32) !== 6 || u32(56) !== MINI_CUTOFF)
    throw notXls('its compound file header is not one Portcullis reads');
  const size = 1 << shift;
  const perSector = size / 4;
  const sector = (sid: number, length = size) => {
    const at = (sid + 1) * size;
    if (at + length > buf.length) throw damaged('it is truncated');
    return buf.subarray(at, at + length);
  };

  // The allocation table: its sectors are listed in the header, then in a chain of DIFAT sectors.
  const fatCount = u32(44);
  if (fatCount * size > buf.length) throw damaged('its allocation table is larger than the file');
  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < fatCount; i++) fatSectors.push(u32(76 + 4 * i));
  const seenDifat = new Set<number>();
  for (let sid = u32(68); fatSectors.length < fatCount;) {
    if (sid === ENDOFCHAIN || sid === NOSTREAM) throw damaged('its allocation table is incomplete');
    if (seenDifat.has(sid)) throw damaged('a sector chain loops');
    seenDifat.add(sid);
    const difat = sector(sid);
    for (let i = 0; i < perSector - 1 && fatSectors.length < fatCount; i++) fatSectors.push(difat.readUInt32LE(4 * i));
    sid = difat.readUInt32LE(size - 4);
  }
  const fat = new Uint32Array(fatCount * perSector);
  fatSectors.forEach((sid, k) => {
    const s = sector(sid);
    for (let i = 0; i < perSector; i++) fat[k * perSector + i] = s.readUInt32LE(4 * i);
  });

  /** A chain's sectors, in order; loops and numbers outside the table are damage. */
  const chain = (start: number, next: Uint32Array): number[] => {
    const out: number[] = [];
    const seen = new Uint8Array(next.length);
    for (let sid = start; sid !== ENDOFCHAIN; sid = next[sid]!) {
      if (sid >= next.length) throw damaged('a sector number is out of range');
      if (seen[sid]) throw damaged('a sector chain loops');
      seen[sid] = 1;
      out.push(sid);
    }
    return out;
  };
  /** `length` bytes from a chain of `unit`-byte sectors (a chain longer than needed is tolerated). */
  const gather = (sids: number[], length: number, unit: number, read: (sid: number, length: number) => Buffer) => {
    if (sids.length * unit < length) throw damaged('a stream is longer than its chain of sectors');
    const out = Buffer.alloc(length);
    for (let k = 0, at = 0; at < length; k++, at += unit) read(sids[k]!, Math.min(unit, length - at)).copy(out, at);
    return out;
  };
  const streamSize = (e: Entry) => {
    if (e.size > MAX_STREAM) throw tooLarge(`the stream "${e.name}" is larger than ${MAX_STREAM / 1024 ** 2} MB`);
    return e.size;
  };
  const bigStream = (e: Entry) => gather(chain(e.start, fat), streamSize(e), size, sector);

  const directory = Buffer.concat(chain(u32(48), fat).map((sid) => sector(sid)));
  const count = Math.floor(directory.length / 128);
  const entry = (i: number): Entry => {
    const at = i * 128;
    const d = (o: number) => directory.readUInt32LE(at + o);
    const nameBytes = Math.min(directory.readUInt16LE(at + 64), 64);
    return {
      name: directory.toString('utf16le', at, at + Math.max(0, nameBytes - 2)),
      type: directory[at + 66]!,
      left: d(68),
      right: d(72),
      child: d(76),
      start: d(116),
      // Version 3 files may leave garbage in the high half of the size.
      size: major === 3 ? d(120) : d(120) + d(124) * 2 ** 32,
    };
  };
  if (count === 0) throw damaged('it has no directory');
  const root = entry(0);
  if (root.type !== 5) throw damaged('its directory has no root entry');

  // The root's children are a tree of siblings.
  const streams = new Map<string, Entry>();
  const seenEntries = new Set<number>();
  for (const todo = [root.child]; todo.length > 0;) {
    const i = todo.pop()!;
    if (i === NOSTREAM) continue;
    if (i >= count) throw damaged('a directory entry number is out of range');
    if (seenEntries.has(i)) throw damaged('its directory loops');
    seenEntries.add(i);
    const e = entry(i);
    if (e.type === 2) streams.set(e.name.toUpperCase(), e);
    todo.push(e.left, e.right);
  }

  let mini: { data: Buffer; fat: Uint32Array } | undefined;
  return {
    has: (name: string) => streams.has(name.toUpperCase()),
    read(name: string): Buffer | undefined {
      const e = streams.get(name.toUpperCase());
      if (!e) return undefined;
      if (streamSize(e) >= MINI_CUTOFF) return bigStream(e);
      // Small streams live in 64-byte sectors of the mini stream (the root's data), with their own table.
      if (!mini) {
        const table = Buffer.concat(chain(u32(60), fat).map((sid) => sector(sid)));
        const miniFat = new Uint32Array(table.length / 4);
        for (let i = 0; i < miniFat.length; i++) miniFat[i] = table.readUInt32LE(4 * i);
        mini = { data: bigStream(root), fat: miniFat };
      }
      const { data, fat: miniFat } = mini;
      return gather(chain(e.start, miniFat), e.size, MINI_SECTOR, (sid, length) => {
        if ((sid + 1) * MINI_SECTOR > data.length) throw damaged('a mini sector is outside the mini stream');
        return data.subarray(sid * MINI_SECTOR, sid * MINI_SECTOR + length);
      });
    },
  };
}

/** Bytes of a record and its CONTINUE records, read across their boundaries. */
class Pieces {
  private readonly parts: Buffer[];
  private part = 0;
  private at = 0;

  constructor(parts: Buffer[]) {
    this.parts = parts;
  }

  /** Moves to the next piece when this one is used up; false at the end of the last. */
  private more(): boolean {
    while (this.at >= this.parts[this.part]!.length) {
      if (this.part === this.parts.length - 1) return false;
      this.part++;
      this.at = 0;
    }
    return true;
  }

  get done(): boolean {
    return !this.more();
  }

  u8(): number {
    if (!this.more()) throw damaged('a string runs past the end of its record');
    return this.parts[this.part]![this.at++]!;
  }

  u16(): number {
    return this.u8() | (this.u8() << 8);
  }

  u32(): number {
    return this.u16() + this.u16() * 65536;
  }

  skip(n: number): void {
    while (n > 0) {
      if (!this.more()) throw damaged('a string runs past the end of its record');
      const k = Math.min(n, this.parts[this.part]!.length - this.at);
      this.at += k;
      n -= k;
    }
  }

  /**
   * Characters, 1 byte (Latin-1: BIFF8 "compressed" strings are UTF-16 with the high bytes, all zero, left out,
   * so the CODEPAGE record plays no part) or 2 (UTF-16LE) each; where a CONTINUE splits them, it begins with a new flag.
   */
  chars(count: number, wide: boolean): string {
    let text = '';
    while (count > 0) {
      if (this.at >= this.parts[this.part]!.length) {
        if (this.part === this.parts.length - 1) throw damaged('a string runs past the end of its record');
        this.part++;
        this.at = 0;
        wide = (this.u8() & 1) === 1;
        continue;
      }
      const part = this.parts[this.part]!;
      const width = wide ? 2 : 1;
      const n = Math.min(count, Math.floor((part.length - this.at) / width));
      if (n === 0) throw damaged('a record splits a character');
      text += part.toString(wide ? 'utf16le' : 'latin1', this.at, this.at + n * width);
      this.at += n * width;
      count -= n;
    }
    return text;
  }

  /** XLUnicodeString (cch of `lengthBytes`, flags, characters). */
  string(lengthBytes: 1 | 2 = 2): string {
    const count = lengthBytes === 1 ? this.u8() : this.u16();
    return this.chars(count, (this.u8() & 1) === 1);
  }

  /** XLUnicodeRichExtendedString: the text; formatting runs and phonetic data are skipped. */
  richString(): string {
    const count = this.u16();
    const flags = this.u8();
    const runs = flags & 0x08 ? this.u16() : 0;
    const extended = flags & 0x04 ? this.u32() : 0;
    const text = this.chars(count, (flags & 1) === 1);
    this.skip(runs * 4 + extended);
    return text;
  }
}

type BiffRecord = { type: number; data: Buffer; next: number };

function record(stream: Buffer, at: number): BiffRecord {
  if (at + 4 > stream.length) throw damaged('the workbook stream ends before its last record');
  const type = stream.readUInt16LE(at);
  const end = at + 4 + stream.readUInt16LE(at + 2);
  if (end > stream.length) throw damaged('the workbook stream ends inside a record');
  const data = stream.subarray(at + 4, end);
  if (data.length < (MIN_LENGTH[type] ?? 0)) throw damaged(`a record (type 0x${type.toString(16)}) is too short`);
  return { type, data, next: end };
}

/** A record's data and the CONTINUE records after it. */
function continued(stream: Buffer, r: BiffRecord): { pieces: Pieces; next: number } {
  const parts = [r.data];
  let next = r.next;
  while (next + 4 <= stream.length && stream.readUInt16LE(next) === CONTINUE) {
    const c = record(stream, next);
    parts.push(c.data);
    next = c.next;
  }
  return { pieces: new Pieces(parts), next };
}

const isDateFormat = (id: number, code: string | undefined) =>
  (id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (code !== undefined && /[dmy]/i.test(code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '')));

const rkBytes = Buffer.alloc(8);
/** An RK number: a 30-bit integer or the high 30 bits of a double, perhaps times 100. */
function rk(v: number): number {
  let n: number;
  if (v & 2) n = v >> 2;
  else {
    rkBytes.writeUInt32LE((v & 0xfffffffc) >>> 0, 4);
    n = rkBytes.readDoubleLE(0);
  }
  return v & 1 ? n / 100 : n;
}

export function readXls(path: string, onRow: (row: CsvRow) => void): void {
  if (statSync(path).size > MAX_FILE) throw tooLarge(`the file is larger than ${MAX_FILE / 1024 ** 2} MB`);
  const file = compoundFile(readFileSync(path));
  const stream = file.read('Workbook');
  if (!stream) {
    if (file.has('Book'))
      throw new ImportRefused('XLS_UNSUPPORTED_VERSION', 'This is an Excel 5.0/95 workbook; save it as Excel 97–2003 or later and import it again.');
    if (file.has('EncryptedPackage'))
      throw new ImportRefused('XLS_ENCRYPTED', 'This workbook is protected with a password; save it without one and import it again.');
    throw notXls('it has no Workbook stream');
  }

  // Workbook globals: encryption, the date system, number formats, cell styles, sheets, shared strings.
  const bof = record(stream, 0);
  if (bof.type !== BOF) throw damaged('the workbook stream does not begin with a BOF record');
  const version = bof.data.readUInt16LE(0);
  if (version !== 0x0600)
    throw new ImportRefused(
      'XLS_UNSUPPORTED_VERSION',
      `This workbook is from an Excel older than 97 (BIFF version 0x${version.toString(16)}); save it as Excel 97–2003 or later.`,
    );
  let date1904 = false;
  const formats = new Map<number, string>();
  const xfFormats: number[] = [];
  const sheets: { at: number; type: number }[] = [];
  let strings: string[] = [];
  for (let at = bof.next; ;) {
    const r = record(stream, at);
    at = r.next;
    if (r.type === EOF) break;
    if (r.type === FILEPASS) throw new ImportRefused('XLS_ENCRYPTED', 'This workbook is protected with a password; save it without one and import it again.');
    if (r.type === DATEMODE) date1904 = r.data.readUInt16LE(0) === 1;
    else if (r.type === FORMAT) formats.set(r.data.readUInt16LE(0), new Pieces([r.data.subarray(2)]).string());
    else if (r.type === XF) xfFormats.push(r.data.readUInt16LE(2));
    else if (r.type === BOUNDSHEET) sheets.push({ at: r.data.readUInt32LE(0), type: r.data[5]! });
    else if (r.type === SST) {
      const { pieces, next } = continued(stream, r);
      at = next;
      pieces.u32();
      const unique = pieces.u32();
      if (unique > MAX_STRINGS || unique * 3 > stream.length) throw tooLarge(`the shared string table claims ${unique} strings`);
      strings = [];
      // A table that claims more strings than it holds is read as far as it goes.
      for (let i = 0; i < unique && !pieces.done; i++) strings.push(pieces.richString());
    }
  }
  const dateStyles = xfFormats.map((id) => isDateFormat(id, formats.get(id)));

  const sheet = sheets.find((s) => s.type === 0);
  if (!sheet) throw notXls('the workbook has no worksheet');
  const sheetBof = record(stream, sheet.at);
  if (sheetBof.type !== BOF) throw damaged('a sheet is not where the workbook says');

  // Cells, by row (0-based) and column; empty values are not held.
  const rows: string[][] = [];
  let held = 0;
  const put = (row: number, col: number, value: string) => {
    if (value === '') return;
    if (col >= MAX_COLUMNS) throw tooLarge(`a cell is beyond column ${MAX_COLUMNS}`);
    const cells = (rows[row] ??= []);
    if (col >= cells.length && (held += col + 1 - cells.length) > MAX_CELLS) throw tooLarge(`the sheet has more than ${MAX_CELLS} cells`);
    cells[col] = value;
  };
  const number = (row: number, col: number, xf: number, n: number) => {
    const serial = n + (date1904 ? 1462 : 0);
    put(row, col, dateStyles[xf] && serial >= 0 && serial < 2_958_466 ? excelDate(serial) : String(n));
  };
  let formulaString: { row: number; col: number } | null = null;
  // Embedded charts are substreams (BOF…EOF) inside the sheet's.
  for (let at = sheetBof.next, depth = 0; ;) {
    const r = record(stream, at);
    at = r.next;
    const d = r.data;
    if (r.type === EOF) {
      if (depth === 0) break;
      depth--;
    } else if (r.type === BOF) depth++;
    else if (depth > 0) continue;
    else if (r.type === LABELSST) put(d.readUInt16LE(0), d.readUInt16LE(2), strings[d.readUInt32LE(6)] ?? '');
    else if (r.type === LABEL) put(d.readUInt16LE(0), d.readUInt16LE(2), new Pieces([d.subarray(6)]).string());
    else if (r.type === NUMBER) number(d.readUInt16LE(0), d.readUInt16LE(2), d.readUInt16LE(4), d.readDoubleLE(6));
    else if (r.type === RK) number(d.readUInt16LE(0), d.readUInt16LE(2), d.readUInt16LE(4), rk(d.readUInt32LE(6)));
    else if (r.type === MULRK) {
      const row = d.readUInt16LE(0);
      const first = d.readUInt16LE(2);
      for (let k = 0; 4 + 6 * k + 6 <= d.length - 2; k++) number(row, first + k, d.readUInt16LE(4 + 6 * k), rk(d.readUInt32LE(6 + 6 * k)));
    } else if (r.type === BOOLERR) put(d.readUInt16LE(0), d.readUInt16LE(2), d[7] ? (ERRORS[d[6]!] ?? '') : d[6] ? 'TRUE' : 'FALSE');
    else if (r.type === FORMULA) {
      const row = d.readUInt16LE(0);
      const col = d.readUInt16LE(2);
      if (d.readUInt16LE(12) !== 0xffff) number(row, col, d.readUInt16LE(4), d.readDoubleLE(6));
      // Not a number: a string (in the STRING record that follows), a boolean, an error, or empty.
      else if (d[6] === 0) formulaString = { row, col };
      else if (d[6] === 1) put(row, col, d[8] ? 'TRUE' : 'FALSE');
      else if (d[6] === 2) put(row, col, ERRORS[d[8]!] ?? '');
    } else if (r.type === STRING) {
      const { pieces, next } = continued(stream, r);
      at = next;
      if (formulaString) put(formulaString.row, formulaString.col, pieces.string());
      formulaString = null;
    }
  }

  rows.forEach((cells, row) => onRow({ line: row + 1, cells: Array.from(cells, (c) => c ?? '') }));
}
