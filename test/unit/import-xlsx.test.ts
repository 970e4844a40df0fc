// XLSX manifests, and the archive defences: bombs, path tricks, damage.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZipWriter } from '../../electron/core/formats/zip-writer.ts';
import { writeScenarioFiles } from '../../electron/core/generator/files/index.ts';
import { DEFAULT_PARAMS, generateScenario } from '../../electron/core/generator/scenario.ts';
import { importFile } from '../../electron/core/ingest/import-file.ts';
import { workspaceStats } from '../../electron/core/records/stats.ts';
import { PASSPHRASE, testCore, type TestCore } from './helpers/workspace.ts';

let t: TestCore;
beforeEach(async () => {
  t = testCore();
  await t.core.workspace.create({ dir: join(t.root, 'ws'), name: 'xlsx', passphrase: PASSPHRASE });
});
afterEach(() => t.dispose());
const db = () => t.core.workspace.db();

/** A workbook as Excel writes one: shared strings, a date style, a number. */
function workbook(path: string, sheet: string, shared: string[]) {
  const z = new ZipWriter(path);
  const put = (name: string, xml: string) => {
    z.begin(name);
    z.write(xml);
  };
  put('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  put('xl/workbook.xml', '<workbook xmlns:r="r"><sheets><sheet name="Manifest" sheetId="1" r:id="rId7"/></sheets></workbook>');
  put('xl/_rels/workbook.xml.rels', '<Relationships><Relationship Id="rId7" Type="worksheet" Target="worksheets/manifest.xml"/></Relationships>');
  put(
    'xl/styles.xml',
    '<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="dd\\.mm\\.yyyy"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>',
  );
  put('xl/sharedStrings.xml', `<sst>${shared.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`);
  put('xl/worksheets/manifest.xml', `<worksheet><sheetData>${sheet}</sheetData></worksheet>`);
  z.close();
}

describe('XLSX import', () => {
  it('reads shared strings, rich text, numbers and date-formatted cells from the first sheet', () => {
    const file = join(t.root, 'manifest.xlsx');
    workbook(
      file,
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>' +
        '<row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" t="inlineStr"><is><r><t>Drina </t></r><r><t>Trade &amp; Co</t></r></is></c><c r="C2"><v>21600.5</v></c><c r="D2" s="1"><v>46344</v></c></row>' +
        '<row r="3"><c r="A3" t="s"><v>5</v></c><c r="C3"><f>C2/2</f><v>10800.25</v></c></row>',
      ['Bill of lading', 'Consignee', 'Gross weight', 'Arrival date', 'MEDU771', 'MEDU772'],
    );
    const o = importFile(db(), file, { actor: 'test' });
    expect(o.report).toMatchObject({ format: 'xlsx', accepted: 2, warnings: [], errors: [] });
    expect(db().prepare("SELECT gross_weight_kg, arrival_date FROM shipment WHERE doc_number = 'MEDU771'").get()).toEqual({
      gross_weight_kg: 21600.5,
      arrival_date: '2026-11-18',
    });
    expect(db().prepare("SELECT gross_weight_kg FROM shipment WHERE doc_number = 'MEDU772'").get()).toEqual({ gross_weight_kg: 10800.25 });
    expect(db().prepare('SELECT name FROM party').get()).toEqual({ name: 'Drina Trade & Co' });
  });

  it('imports back the generator’s XLSX manifest', () => {
    const params = { ...DEFAULT_PARAMS, seed: 61, shipments: 400, passengers: 0 };
    const out = join(t.root, 'gen');
    mkdirSync(out);
    writeScenarioFiles(out, params, generateScenario(params).items, ['xlsx']);
    expect(importFile(db(), join(out, 'manifest.xlsx'), { actor: 'test' }).report).toMatchObject({ accepted: 400, rejected: 0, warnings: [] });
  });

  function rawZip(name: string, declared: number, data: Buffer, method = 8): Buffer {
    const nameBuf = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    const body = Buffer.concat([local, nameBuf, data]);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 8);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(46 + nameBuf.length, 12);
    end.writeUInt32LE(body.length, 16);
    return Buffer.concat([body, central, nameBuf, end]);
  }

  it.each([
    ['a compression bomb (declared huge)', rawZip('xl/workbook.xml', 900 * 1024 ** 2, deflateRawSync(Buffer.alloc(4 * 1024 ** 2))), 'IMPORT_ZIP_BOMB'],
    ['a compression bomb (declared small, inflates large)', rawZip('xl/workbook.xml', 1000, deflateRawSync(Buffer.alloc(8 * 1024 ** 2))), 'IMPORT_ZIP_BOMB'],
    ['a path trick', rawZip('../../etc/passwd', 5, Buffer.from('hello'), 0), 'IMPORT_ARCHIVE_UNSAFE'],
    ['an absolute path', rawZip('/xl/workbook.xml', 5, Buffer.from('hello'), 0), 'IMPORT_ARCHIVE_UNSAFE'],
    ['an archive that is not a workbook', rawZip('readme.txt', 5, Buffer.from('hello'), 0), 'IMPORT_NOT_XLSX'],
    ['a truncated archive', rawZip('xl/workbook.xml', 5, Buffer.from('hello'), 0).subarray(0, 40), 'IMPORT_ARCHIVE_DAMAGED'],
  ])('refuses %s, writing nothing', (_name, bytes, code) => {
    const file = join(t.root, 'bad.xlsx');
    writeFileSync(file, bytes);
    const o = importFile(db(), file, { actor: 'test' });
    expect(o.refused).toBe(true);
    expect(o.report.errors[0]!.code).toBe(code);
    expect(workspaceStats(db()).shipments).toBe(0);
  });
});

/** A ZIP with stored (uncompressed) entries, as ODS files begin: the mimetype first. */
function storedZip(entries: [string, string][]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const data = Buffer.from(text);
    const nameBuf = Buffer.from(name);
    const crc = crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    parts.push(local, nameBuf, data);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(data.length, 20);
    c.writeUInt32LE(data.length, 24);
    c.writeUInt16LE(nameBuf.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, dir, end]);
}

describe('ODS import', () => {
  it('reads the first table: strings, numbers, dates, repeated cells', () => {
    const cell = (v: string) => `<table:table-cell office:value-type="string"><text:p>${v}</text:p></table:table-cell>`;
    const content = `<office:document-content><office:body><office:spreadsheet><table:table table:name="Manifest">
      <table:table-row>${cell('Bill of lading')}${cell('Consignee')}${cell('Gross weight')}${cell('Arrival date')}</table:table-row>
      <table:table-row>${cell('MEDU881')}${cell('Una &amp; Sana d.o.o.')}<table:table-cell office:value-type="float" office:value="1200.5"><text:p>1.200,5</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="2026-11-18"><text:p>18.11.2026</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1000"/></table:table-row>
      <table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
    </table:table></office:spreadsheet></office:body></office:document-content>`;
    const file = join(t.root, 'manifest.ods');
    writeFileSync(
      file,
      storedZip([
        ['mimetype', 'application/vnd.oasis.opendocument.spreadsheet'],
        ['content.xml', content],
      ]),
    );
    const o = importFile(db(), file, { actor: 'test' });
    expect(o.report).toMatchObject({ format: 'ods', accepted: 1, warnings: [], errors: [] });
    expect(db().prepare('SELECT gross_weight_kg, arrival_date FROM shipment').get()).toEqual({ gross_weight_kg: 1200.5, arrival_date: '2026-11-18' });
    expect(db().prepare('SELECT name FROM party').get()).toEqual({ name: 'Una & Sana d.o.o.' });
  });
});
