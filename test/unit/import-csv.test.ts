// Manifests in delimited text: what port community systems and spreadsheets export, in the region's
// languages, encodings and number formats.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeScenarioFiles } from '../../electron/core/generator/files/index.ts';
import { DEFAULT_PARAMS, generateScenario } from '../../electron/core/generator/scenario.ts';
import { importFile } from '../../electron/core/ingest/import-file.ts';
import { headerSignature } from '../../electron/core/ingest/tabular/csv-import.ts';
import { parseDate, parseNumber, suggestMapping } from '../../electron/core/ingest/tabular/mapping.ts';
import { workspaceStats } from '../../electron/core/records/stats.ts';
import { PASSPHRASE, testCore, type TestCore } from './helpers/workspace.ts';

let t: TestCore;
beforeEach(async () => {
  t = testCore();
  await t.core.workspace.create({ dir: join(t.root, 'ws'), name: 'csv', passphrase: PASSPHRASE });
});
afterEach(() => t.dispose());
const db = () => t.core.workspace.db();
let n = 0;
const run = (content: string | Buffer, opts: { spec?: string } = {}) => {
  const file = join(t.root, `m${++n}.csv`);
  writeFileSync(file, content);
  return importFile(db(), file, { actor: 'test', ...opts });
};

const BCS = [
  'Broj teretnice;Pošiljalac;Primalac;Luka utovara;Luka istovara;Opis robe;Broj koleta;Bruto težina;Kontejner;Plomba;Datum dolaska',
  'MEDU111;Frutas S.A.;Drina Trade d.o.o.;ECGYE;MEBAR;"SVJEŽE BANANE; 1080 KUTIJA";1.080;21.600,50;CSQU3054383;ML123;18.11.2026.',
  'MEDU112;Orion Co.;"Šehić ""Export"" d.o.o.";CNSHA;MEBAR;"LAPTOPI',
  'I PRIBOR";310;4.210;TGHU1643396;ML456;18.11.2026',
].join('\r\n');

describe('CSV import', () => {
  it('maps Bosnian/Croatian/Serbian headers, European numbers and dates, quotes and line breaks in cells', () => {
    const o = run(BCS);
    expect(o.report).toMatchObject({ format: 'csv', accepted: 2, rejected: 0, warnings: [], errors: [] });
    expect(
      db().prepare("SELECT packages, gross_weight_kg, goods_description, arrival_date, place_loading FROM shipment WHERE doc_number = 'MEDU111'").get(),
    ).toEqual({
      packages: 1080,
      gross_weight_kg: 21600.5,
      goods_description: 'SVJEŽE BANANE; 1080 KUTIJA',
      arrival_date: '2026-11-18',
      place_loading: 'ECGYE',
    });
    expect(db().prepare("SELECT goods_description FROM shipment WHERE doc_number = 'MEDU112'").get()).toEqual({ goods_description: 'LAPTOPI\nI PRIBOR' });
    expect(db().prepare("SELECT name FROM party WHERE name LIKE 'Šehić%'").get()).toEqual({ name: 'Šehić "Export" d.o.o.' });
  });

  it('reads windows-1250 text and says so', () => {
    const o = run(
      Buffer.from(
        BCS.replace(/[\u0100-\uffff]/g, (c) => ({ Š: '\u008a', š: '\u009a', Ž: '\u008e', ž: '\u009e', ć: '\u00e6', č: '\u00e8' })[c] ?? c),
        'latin1',
      ),
    );
    expect(o.report.accepted).toBe(2);
    expect(o.report.warnings.map((w) => w.code)).toEqual(['TEXT_LEGACY_ENCODING']);
    expect(db().prepare('SELECT count(*) AS n FROM party WHERE name = \'Šehić "Export" d.o.o.\'').get()).toEqual({ n: 1 });
  });

  it('refuses a file whose columns cannot be matched with confidence, with suggestions, writing nothing', () => {
    const o = run('Ref;Firma;Stuff\nA1;B;C\n');
    expect(o).toMatchObject({
      refused: true,
      report: { accepted: 0, errors: [{ code: 'IMPORT_MAPPING_NEEDED', message: expect.stringContaining('Suggestions:') }] },
    });
    expect(workspaceStats(db()).shipments).toBe(0);
  });

  it('uses a saved specification, by name or because the headers match', () => {
    db()
      .prepare(`INSERT INTO import_spec (name, signature, mapping, created_at) VALUES ('PCS Bar', ?, ?, '2026-11-01')`)
      .run(headerSignature(['Ref', 'Firma', 'Stuff']), JSON.stringify({ docNumber: 0, consignee: 1, goodsDescription: 2 }));
    expect(run('Ref;Firma;Stuff\nA1;Adria d.o.o.;Tiles\n').report.accepted).toBe(1);
    expect(run('X;Y;Z\nA2;Lovćen d.o.o.;Wine\n', { spec: 'PCS Bar' }).report.accepted).toBe(1);
    expect(run('X;Y;Z\nA3;B;C\n', { spec: 'Nope' }).report.errors[0]!.code).toBe('IMPORT_SPEC_NOT_FOUND');
  });

  it('rejects a row without its document number; warns on a bad number; refuses an unclosed quote', () => {
    const o = run('Document number,Packages,Consignee\nX1,12,A\n,3,B\nX3,twelve,C\n');
    expect(o.report).toMatchObject({
      accepted: 2,
      rejected: 1,
      errors: [{ line: 3, code: 'CSV_MISSING_DOCUMENT_NUMBER' }],
      warnings: [{ line: 4, code: 'CSV_BAD_NUMBER' }],
    });
    expect(run('Document number,Consignee\nX9,"never closed\n')).toMatchObject({ refused: true, report: { errors: [{ code: 'CSV_TRUNCATED' }] } });
  });

  it('keeps formula-looking text as text', () => {
    run('Document number,Consignee,Goods description\nF1,=HYPERLINK("x"),\'=SUM(A1)\n');
    expect(db().prepare("SELECT goods_description FROM shipment WHERE doc_number = 'F1'").get()).toEqual({ goods_description: '=SUM(A1)' });
    expect(db().prepare('SELECT name FROM party').get()).toEqual({ name: '=HYPERLINK("x")' });
  });

  it('imports back the generator’s manifest with the same counts and values', () => {
    const params = { ...DEFAULT_PARAMS, seed: 41, shipments: 800, passengers: 0 };
    const out = join(t.root, 'gen');
    mkdirSync(out);
    writeScenarioFiles(out, params, generateScenario(params).items, ['csv']);
    expect(importFile(db(), join(out, 'manifest.csv'), { actor: 'test' }).report).toMatchObject({ accepted: 800, rejected: 0, warnings: [] });
    const all = [];
    for (const item of generateScenario(params).items) if (item.type === 'movement') all.push(...item.movement.shipments);
    for (const s of all.slice(0, 100)) {
      expect(
        db()
          .prepare('SELECT mode, gross_weight_kg, packages, declared_value, arrival_date, master_doc_number FROM shipment WHERE doc_number = ?')
          .get(s.docNumber),
      ).toEqual({
        mode: s.mode,
        gross_weight_kg: s.grossWeightKg,
        packages: s.packages,
        declared_value: s.declaredValue,
        arrival_date: s.arrivalDate,
        master_doc_number: s.masterDocNumber,
      });
    }
    const phone = db().prepare("SELECT count(*) AS n FROM party WHERE phones LIKE '%''%'").get();
    expect(phone).toEqual({ n: 0 });
  });
});

describe('mapping helpers', () => {
  it('reads European and English numbers and dates', () => {
    expect([parseNumber('1.234,56'), parseNumber('1,234.56'), parseNumber('1 234,5'), parseNumber('12'), parseNumber('x')]).toEqual([
      1234.56,
      1234.56,
      1234.5,
      12,
      null,
    ]);
    expect([parseDate('16.11.2026.'), parseDate('6/1/2026'), parseDate('2026-11-16T08:00'), parseDate('Nov 16')]).toEqual([
      '2026-11-16',
      '2026-01-06',
      '2026-11-16',
      null,
    ]);
  });
  it('suggests fields from English and local headers', () => {
    expect(suggestMapping(['B/L', 'Primatelj', 'Bruto masa']).map((s) => s.field)).toEqual(['docNumber', 'consignee', 'grossWeightKg']);
  });
});
