// IATA Cargo-IMP imports: FWB, FHL and FFM from the generator and from hand-written fixtures with the
// quirks real senders produce.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeScenarioFiles } from '../../electron/core/generator/files/index.ts';
import { DEFAULT_PARAMS, generateScenario } from '../../electron/core/generator/scenario.ts';
import { importFile } from '../../electron/core/ingest/import-file.ts';
import { workspaceStats } from '../../electron/core/records/stats.ts';
import { PASSPHRASE, testCore, type TestCore } from './helpers/workspace.ts';

const FWB = `FWB/16
176-12345675DXBSJJ/T12K345.5MC1.20
FLT/EK129/17
RTG/SJJEK
SHP
NAM/DELTA PHARM PVT. LTD.
ADR/MIDC INDUSTRIAL AREA 12
LOC/MUMBAI
/IN/400001
CNE
NAM/NOVA TRADE D.O.O.
ADR/ZMAJA OD BOSNE 4
LOC/SARAJEVO
/BA/71000
CVD/USD//PP/NVD/1200/XXX
RTD/1/P12/K345.5/CQ/W345.5/R2.40/T829.20
/NG/MEDICINES
/2/NV/MC1.20
/3/NH/300490
ISU/16NOV26/BOM
`;

let t: TestCore;
beforeEach(async () => {
  t = testCore();
  await t.core.workspace.create({ dir: join(t.root, 'ws'), name: 'air', passphrase: PASSPHRASE });
});
afterEach(() => t.dispose());
const db = () => t.core.workspace.db();
let n = 0;
const run = (content: string, format?: string) => {
  const file = join(t.root, `m${++n}.txt`);
  writeFileSync(file, content, 'latin1');
  return importFile(db(), file, { actor: 'test', format });
};

describe('Cargo-IMP import', () => {
  it('reads an FWB: waybill, places, pieces, weight, parties, value, goods, flight', () => {
    const o = run(FWB);
    expect(o.report).toMatchObject({ format: 'fwb', accepted: 1, warnings: [], errors: [] });
    expect(
      db()
        .prepare(
          'SELECT doc_number, doc_valid, place_loading, place_discharge, packages, gross_weight_kg, volume_m3, goods_description, hs_codes, declared_value, currency, freight_terms, departure_date FROM shipment',
        )
        .get(),
    ).toEqual({
      doc_number: '176-12345675',
      doc_valid: 1,
      place_loading: 'DXB',
      place_discharge: 'SJJ',
      packages: 12,
      gross_weight_kg: 345.5,
      volume_m3: 1.2,
      goods_description: 'MEDICINES',
      hs_codes: '["300490"]',
      declared_value: 1200,
      currency: 'USD',
      freight_terms: 'PREPAID',
      departure_date: '2026-11-16',
    });
    expect(db().prepare("SELECT carrier_code, flight_number, flight_date FROM conveyance WHERE mode = 'air'").get()).toEqual({
      carrier_code: 'EK',
      flight_number: 'EK129',
      flight_date: '2026-11-17',
    });
    expect(db().prepare("SELECT p.name, p.country FROM party p JOIN shipment_party sp ON sp.party_id = p.id WHERE sp.role = 'consignee'").get()).toEqual({
      name: 'NOVA TRADE D.O.O.',
      country: 'BA',
    });
  });

  it('reads messages separated by blank lines or not at all, with CRLF line ends', () => {
    const second = FWB.replace('176-12345675', '176-12345686');
    expect(run(`${FWB}\n\n${second}`).report.accepted).toBe(2);
    // The first waybill is already in (skipped as identical); only the new one is taken.
    expect(run((FWB + FWB.replace('176-12345675', '176-12345690')).replace(/\n/g, '\r\n')).report.accepted).toBe(1);
  });

  it('reads a continuation line that lacks its slash, with a warning', () => {
    const o = run(FWB.replace('/NG/MEDICINES\n', '/NG/MEDICINES\nAND SUPPLEMENTS\n'));
    expect(o.report.warnings.map((w) => w.code)).toEqual(['IMP_CONTINUATION_WITHOUT_SLASH']);
    expect(db().prepare('SELECT goods_description FROM shipment').get()).toEqual({ goods_description: 'MEDICINES AND SUPPLEMENTS' });
  });

  it.each([
    ['a message cut mid-line', FWB.slice(0, FWB.indexOf('ADR/ZMAJA') + 6), 'IMP_TRUNCATED', undefined],
    ['a flight manifest without LAST', 'FFM/8\n1/TK1023/16NOV/IST\nSJJ\n235-12345675ISTSJJ/T3K45.0/PARTS\n', 'IMP_TRUNCATED', undefined],
    ['text that is not Cargo-IMP', 'Hello, here is the waybill.\n', 'IMPORT_NOT_CARGO_IMP', 'fwb'],
  ])('refuses %s, writing nothing', (_name, content, code, format) => {
    const before = JSON.stringify(workspaceStats(db()));
    const o = run(content, format);
    expect(o.refused).toBe(true);
    expect(o.report.errors[0]!.code).toBe(code);
    expect(JSON.stringify(workspaceStats(db()))).toBe(before);
  });

  it('imports back what the generator writes: masters, houses under their master, the flight manifest as a later version', () => {
    const params = { ...DEFAULT_PARAMS, seed: 31, shipments: 1000, passengers: 0 };
    const out = join(t.root, 'gen');
    mkdirSync(out);
    writeScenarioFiles(out, params, generateScenario(params).items, ['fwb', 'fhl', 'ffm']);
    const air = [];
    for (const item of generateScenario(params).items)
      if (item.type === 'movement' && item.movement.conveyance.mode === 'air') air.push(...item.movement.shipments);
    const masters = air.filter((s) => !s.isHouse);
    expect(importFile(db(), join(out, 'fwb.txt'), { actor: 'test' }).report).toMatchObject({ accepted: masters.length, warnings: [], errors: [] });
    expect(importFile(db(), join(out, 'fhl.txt'), { actor: 'test' }).report).toMatchObject({ accepted: air.length - masters.length, warnings: [], errors: [] });
    importFile(db(), join(out, 'ffm.txt'), { actor: 'test' });
    expect(workspaceStats(db()).shipments).toBe(air.length);
    const house = air.find((s) => s.isHouse)!;
    expect(db().prepare('SELECT master_doc_number, is_house, packages, gross_weight_kg FROM shipment WHERE doc_number = ?').get(house.docNumber)).toEqual({
      master_doc_number: house.masterDocNumber,
      is_house: 1,
      packages: house.packages,
      gross_weight_kg: house.grossWeightKg,
    });
    expect(readFileSync(join(out, 'ffm.txt'), 'latin1')).toContain('LAST');
  });
});
