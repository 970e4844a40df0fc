// EDIFACT imports against fixtures written from the message specifications, the quirks real senders
// produce, and a negative corpus: each refusal has its own code and changes nothing.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile, type ImportOutcome } from '../../electron/core/ingest/import-file.ts';
import { workspaceStats } from '../../electron/core/records/stats.ts';
import { DEFAULT_PARAMS, generateScenario } from '../../electron/core/generator/scenario.ts';
import { writeScenarioFiles } from '../../electron/core/generator/files/index.ts';
import { PASSPHRASE, testCore, type TestCore } from './helpers/workspace.ts';

const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'edifact');
const CUSCAR = readFileSync(join(FIXTURES, 'cuscar-basic.edi'), 'latin1');
const PAXLST = readFileSync(join(FIXTURES, 'paxlst-basic.edi'), 'latin1');

let t: TestCore;
let n = 0;
beforeEach(async () => {
  t = testCore();
  await t.core.workspace.create({ dir: join(t.root, 'ws'), name: 'imports', passphrase: PASSPHRASE });
});
afterEach(() => t.dispose());

function run(content: string | Buffer, opts: { strict?: boolean | undefined; format?: string | undefined } = {}): ImportOutcome {
  const file = join(t.root, `f${++n}.edi`);
  writeFileSync(file, content);
  return importFile(t.core.workspace.db(), file, { actor: 'test', ...opts });
}
const db = () => t.core.workspace.db();
const codes = (o: ImportOutcome, kind: 'warnings' | 'errors') => o.report[kind].map((w) => w.code);
/** Rewrites a fixture with other separators, as some senders do. */
function withSeparators(text: string, seps: { element?: string; segment?: string; component?: string }): string {
  const body = text.replace(/^UNA.{6}\n/, '');
  const hidden = ['+', ':', "'", '?'];
  return body
    .replace(/\?([+:'?])/g, (_m, c: string) => String.fromCharCode(0xe000 + hidden.indexOf(c)))
    .replace(/[+:']/g, (c) => (c === '+' ? (seps.element ?? '+') : c === ':' ? (seps.component ?? ':') : (seps.segment ?? "'")))
    .replace(/[\ue000-\ue003]/g, (c) => `?${hidden[c.charCodeAt(0) - 0xe000]}`);
}

describe('CUSCAR import', () => {
  it('reads the specification example: vessel, consignments, places, parties, goods and containers', () => {
    const o = run(CUSCAR);
    expect(o).toMatchObject({ refused: false, report: { format: 'cuscar', accepted: 2, rejected: 0, warnings: [], errors: [] } });
    const s = db().prepare("SELECT * FROM shipment WHERE doc_number = 'MEDU482100001'").get() as Record<string, unknown>;
    expect(s).toMatchObject({
      mode: 'sea',
      place_loading: 'ECGYE',
      place_discharge: 'MEBAR',
      place_delivery: 'RSBEG',
      places_transshipment: '["PAONX"]',
      packages: 1080,
      package_type: 'BX',
      gross_weight_kg: 21600.5,
      volume_m3: 58.2,
      goods_description: 'FRESH BANANAS CAVENDISH',
      hs_codes: '["080390"]',
      arrival_date: '2026-11-18',
      voyage: '482E',
      version: 1,
    });
    const parties = db()
      .prepare('SELECT p.name, sp.role FROM shipment_party sp JOIN party p ON p.id = sp.party_id WHERE sp.shipment_id = ? ORDER BY sp.role')
      .all(s['id']);
    expect(parties).toEqual([
      { name: 'ADRIA TRADE D.O.O.', role: 'consignee' },
      { name: 'ADRIA TRADE D.O.O.', role: 'notify' },
      { name: 'FRUTAS DEL PACIFICO S.A.', role: 'shipper' },
    ]);
    expect(db().prepare('SELECT count(*) AS n FROM party').get()).toEqual({ n: 4 });
    const c = db()
      .prepare(
        "SELECT c.number, c.number_valid, c.size_type, sc.seals FROM container c JOIN shipment_container sc ON sc.container_id = c.id WHERE c.number = 'CSQU3054383'",
      )
      .get();
    expect(c).toEqual({ number: 'CSQU3054383', number_valid: 1, size_type: '45R1', seals: '["ML1234567"]' });
    const v = db().prepare("SELECT imo, imo_valid, vessel_name, flag FROM conveyance WHERE mode = 'sea'").get();
    expect(v).toEqual({ imo: '9227273', imo_valid: 1, vessel_name: 'MSC ADRIANA', flag: 'PA' });
    // The release character keeps separators inside data; repeated components join.
    expect(db().prepare("SELECT name FROM party WHERE country = 'CN'").get()).toEqual({ name: 'ORION + STAR TRADE CO., LTD.' });
    expect(db().prepare("SELECT goods_description FROM shipment WHERE doc_number = 'MEDU482100002'").get()).toEqual({
      goods_description: 'LAPTOP COMPUTERS AND ACCESSORIES',
    });
    expect(db().prepare('SELECT source_ref FROM shipment LIMIT 1').get()).toEqual({ source_ref: expect.stringMatching(/segment \d+$/) });
  });

  it('is idempotent: the same file again changes nothing; a changed message is a new version beside the old', () => {
    run(CUSCAR);
    const again = run(CUSCAR);
    expect(again.report.accepted).toBe(0);
    expect(workspaceStats(db()).shipments).toBe(2);
    run(CUSCAR.replace('MEA+AAE+G+KGM:21600.5', 'MEA+AAE+G+KGM:9800'));
    const versions = db().prepare("SELECT version, gross_weight_kg FROM shipment WHERE doc_number = 'MEDU482100001' ORDER BY version").all();
    expect(versions).toEqual([
      { version: 1, gross_weight_kg: 21600.5 },
      { version: 2, gross_weight_kg: 9800 },
    ]);
  });

  it('rejects a consignment without its document number and imports the rest', () => {
    const o = run(CUSCAR.replace("CNI+2+MEDU482100002:BOL'", "CNI+2'"));
    expect(o.report).toMatchObject({ accepted: 1, rejected: 1, errors: [{ code: 'EDI_MISSING_DOCUMENT_NUMBER', field: 'CNI', line: expect.any(Number) }] });
  });
});

describe('what real senders send', () => {
  const same = (o: ImportOutcome) => {
    expect(o.refused).toBe(false);
    expect(o.report.accepted).toBe(2);
    expect(db().prepare("SELECT gross_weight_kg FROM shipment WHERE doc_number = 'MEDU482100001'").get()).toEqual({ gross_weight_kg: 21600.5 });
  };

  it('no UNA and unusual separators (* between elements, $ ending segments): read, and warned', () => {
    const o = run(withSeparators(CUSCAR, { element: '*', segment: '$' }));
    same(o);
    expect(codes(o, 'warnings')).toEqual(['EDI_UNA_MISSING']);
  });

  it('no UNA with the default separators is standard: no warning', () => {
    const o = run(CUSCAR.replace(/^UNA.{6}\n/, ''));
    same(o);
    expect(o.report.warnings).toEqual([]);
  });

  it('a UNA whose declared characters the body does not use: recovered with a warning; refused in strict mode', () => {
    const lying = CUSCAR.replace("UNA:+.? '", 'UNA:*.? $');
    same(run(lying));
    expect(codes(run(lying), 'warnings')).toContain('EDI_UNA_RECOVERED');
    const strict = run(lying, { strict: true });
    expect(strict).toMatchObject({ refused: true, report: { accepted: 0, errors: [{ code: 'EDI_UNA_RECOVERED' }] } });
  });

  it.each([
    ['CRLF line ends', (s: string) => s.replace(/\n/g, '\r\n')],
    ['CR-only line ends', (s: string) => s.replace(/\n/g, '\r')],
    ['one long line', (s: string) => s.replace(/\n/g, '')],
    ['line breaks inside segments (80 columns)', (s: string) => s.replace(/\n/g, '').replace(/(.{80})/g, '$1\n')],
    ['a space between tag and separator', (s: string) => s.replace(/^(NAD|GID|MEA)\+/gm, '$1 +')],
    ['a byte-order mark', (s: string) => '\ufeff' + s],
  ])('%s', (_name, change) => {
    const o = run(change(CUSCAR));
    same(o);
    expect(o.report.warnings).toEqual([]);
  });

  it('junk after UNZ is ignored with a warning', () => {
    const o = run(CUSCAR + 'END OF TRANSMISSION\n\u001a');
    same(o);
    expect(codes(o, 'warnings')).toEqual(['EDI_TRAILING_DATA']);
  });

  it('several interchanges in one file', () => {
    const second = CUSCAR.replace(/MEDU4821/g, 'MEDU4822').replace(/BAR2611160001/g, 'BAR2611160002');
    const o = run(CUSCAR + second);
    expect(o.report).toMatchObject({ accepted: 4, warnings: [] });
  });

  it('counts and references that disagree: warned, refused in strict mode', () => {
    const bad = CUSCAR.replace("UNT+38+1'", "UNT+36+1'").replace("UNZ+1+BAR2611160001'", "UNZ+1+BAR2611169999'");
    const o = run(bad);
    same(o);
    expect(codes(o, 'warnings').sort()).toEqual(['EDI_REFERENCE_MISMATCH', 'EDI_SEGMENT_COUNT_MISMATCH']);
    expect(run(bad, { strict: true })).toMatchObject({ refused: true, report: { errors: [{ code: 'EDI_SEGMENT_COUNT_MISMATCH' }] } });
  });

  it('UTF-8 text in a file declared ISO 8859-1 (UNOC): decoded as UTF-8 and flagged', () => {
    const o = run(Buffer.from(CUSCAR.replace('BALKAN IMPEX DOO', 'БАЛКАН ИМПЕКС ДОО'), 'utf8'));
    expect(o.report.accepted).toBe(2);
    expect(codes(o, 'warnings')).toEqual(['TEXT_OUTSIDE_CHARSET']);
    expect(db().prepare("SELECT name, name_norm FROM party WHERE country = 'RS'").get()).toEqual({ name: 'БАЛКАН ИМПЕКС ДОО', name_norm: 'balkan impeks doo' });
  });
});

describe('refused, with nothing written', () => {
  const before = () => JSON.stringify(workspaceStats(db()));
  const TWO = CUSCAR + CUSCAR.replace(/MEDU4821/g, 'MEDU4823');
  it.each([
    ['a missing UNT (message cut)', CUSCAR.replace(/UNT\+38\+1'\n/, ''), 'EDI_TRUNCATED'],
    ['a missing UNZ', CUSCAR.replace(/UNZ.*\n$/, ''), 'EDI_TRUNCATED'],
    ['a file cut mid-segment', CUSCAR.slice(0, CUSCAR.indexOf('FTX+AAA+++LAPTOP') + 12), 'EDI_TRUNCATED'],
    ['a file cut before the first message ends', CUSCAR.slice(0, 400), 'EDI_TRUNCATED'],
    ['a file cut inside its second interchange', TWO.slice(0, CUSCAR.length + 700), 'EDI_TRUNCATED'],
    ['a PAXLST cut before its UNT', PAXLST.replace(/UNT[^\n]*\n/, ''), 'EDI_TRUNCATED'],
    ['a second UNH before the first message ended', CUSCAR.replace("CNT+11:2'", "UNH+2+CUSCAR:D:95B:UN'"), 'EDI_TRUNCATED'],
    ['an interchange opened twice (no UNZ between)', CUSCAR.replace(/UNZ[^\n]*\n$/, '') + CUSCAR.replace(/^UNA.{6}\n/, ''), 'EDI_TRUNCATED'],
    ['not EDIFACT at all, though said to be CUSCAR', 'Dear customs, please find attached the manifest.\n', 'IMPORT_NOT_EDIFACT', 'cuscar'],
    ['a ZIP archive said to be CUSCAR', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]), 'IMPORT_NOT_EDIFACT', 'cuscar'],
    ['a message with no interchange header', CUSCAR.replace(/^UNA.{6}\nUNB[^\n]*\n/, "UNA:+.? '\n"), 'IMPORT_NOT_EDIFACT', 'cuscar'],
    ['an empty file', '', 'IMPORT_EMPTY'],
    ['a segment without a valid tag', CUSCAR.replace("GID+1+310:CT'", "G!D+1+310:CT'"), 'EDI_SYNTAX'],
    ['an absurdly long segment', CUSCAR.replace("FTX+AAA+++FRESH BANANAS CAVENDISH'", `FTX+AAA+++${'X'.repeat(200_000)}'`), 'EDI_SEGMENT_TOO_LONG'],
    ['separators that cannot be worked out', 'UNBAUNOC3AXAY', 'EDI_SYNTAX', 'cuscar'],
    [
      'a format this version does not import',
      "UNA:+.? '\nUNB+UNOC:3+A:ZZZ+B:ZZZ+261116:0830+R'\nUNH+1+IFCSUM:D:95B:UN'\nUNT+2+1'\nUNZ+1+R'\n",
      'IMPORT_UNSUPPORTED_FORMAT',
    ],
    ['a damaged spreadsheet archive', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]), 'IMPORT_ARCHIVE_DAMAGED'],
    ['strict: UTF-8 in a UNOC file', Buffer.from(CUSCAR.replace('BALKAN', 'БАЛКАН'), 'utf8'), 'TEXT_OUTSIDE_CHARSET', undefined, true],
    ['strict: data after UNZ', CUSCAR + 'NNNN\n', 'EDI_TRAILING_DATA', undefined, true],
    ['strict: no UNA with other separators', withSeparators(CUSCAR, { element: '*', segment: '$' }), 'EDI_UNA_MISSING', undefined, true],
    ['strict: a traveller count that disagrees', PAXLST.replace('CNT+42:2', 'CNT+42:5'), 'EDI_COUNT_MISMATCH', undefined, true],
  ] as [string, string | Buffer, string, string?, boolean?][])('%s', (_name, content, code, format, strict) => {
    run(CUSCAR);
    const stats = before();
    const audit = db().prepare('SELECT count(*) AS n FROM audit_log').get();
    const o = run(content, { format, strict });
    expect(o.refused).toBe(true);
    expect(o.report.accepted).toBe(0);
    expect(o.report.errors[0]!.code).toBe(code);
    expect(before()).toBe(stats);
    expect(db().prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual(audit);
  });

  it('a file that does not exist', () => {
    const o = importFile(db(), join(t.root, 'nope.edi'), { actor: 'test' });
    expect(o).toMatchObject({ refused: true, report: { errors: [{ code: 'IMPORT_FILE_NOT_FOUND' }] } });
  });
});
describe('PAXLST import', () => {
  it('reads the flight and each traveller with document, birth date and reservation reference', () => {
    const o = run(PAXLST);
    expect(o.report).toMatchObject({ format: 'paxlst', accepted: 2, warnings: [], errors: [] });
    const p = db()
      .prepare(
        "SELECT surname, given_names, birth_date, sex, nationality, doc_type, doc_number, doc_country, doc_expiry, is_crew FROM passenger WHERE doc_number = 'FZ998877'",
      )
      .get();
    expect(p).toEqual({
      surname: 'SILVA',
      given_names: 'MARIA LUISA',
      birth_date: '1992-07-30',
      sex: 'F',
      nationality: 'BRA',
      doc_type: 'P',
      doc_number: 'FZ998877',
      doc_country: 'BRA',
      doc_expiry: '2029-06-15',
      is_crew: 0,
    });
    const f = db()
      .prepare(
        'SELECT c.carrier_code, c.flight_number, c.flight_date, pf.origin, pf.destination FROM passenger_flight pf JOIN conveyance c ON c.id = pf.conveyance_id LIMIT 1',
      )
      .get();
    expect(f).toEqual({ carrier_code: 'TK', flight_number: 'TK1023', flight_date: '2026-11-16', origin: 'IST', destination: 'SJJ' });
    expect(run(PAXLST).report.accepted).toBe(0);
  });

  it('counts crew apart from passengers', () => {
    run(PAXLST.replace('NAD+FL+++SILVA', 'NAD+FM+++SILVA'));
    expect(workspaceStats(db())).toMatchObject({ passengers: 1, crew: 1 });
  });

  it('warns when the declared traveller count disagrees', () => {
    expect(codes(run(PAXLST.replace('CNT+42:2', 'CNT+42:3')), 'warnings')).toEqual(['EDI_COUNT_MISMATCH']);
  });
});

describe('PNRGOV import', () => {
  const params = { ...DEFAULT_PARAMS, seed: 23, shipments: 0, passengers: 600 };
  function files() {
    const out = join(t.root, 'pnr');
    mkdirSync(out, { recursive: true });
    writeScenarioFiles(out, params, generateScenario(params).items, ['paxlst', 'pnrgov']);
    const bookings = [];
    for (const item of generateScenario(params).items) if (item.type === 'flight') bookings.push(...item.flight.bookings);
    return { out, bookings };
  }

  it('reads reservations beside API data without duplicating the travellers', () => {
    const { out, bookings } = files();
    importFile(db(), join(out, 'paxlst.edi'), { actor: 'test' });
    const o = importFile(db(), join(out, 'pnrgov.edi'), { actor: 'test' });
    expect(o.report).toMatchObject({ accepted: bookings.length, rejected: 0, warnings: [] });
    expect(workspaceStats(db())).toMatchObject({
      passengers: 600,
      bookings: bookings.length,
      itinerarySegments: bookings.reduce((n, b) => n + b.segments.length, 0),
    });
    const b = bookings.find((x) => x.paymentForm === 'CA') ?? bookings[0]!;
    const row = db().prepare('SELECT payment_form, agency, contacts FROM booking WHERE record_locator = ?').get(b.recordLocator) as {
      payment_form: string;
      agency: string;
      contacts: string;
    };
    expect(row.payment_form).toBe(b.paymentForm);
    expect(JSON.parse(row.contacts).map((c: { value: string }) => c.value.toLowerCase())).toEqual(b.contacts.map((c) => c.value.toLowerCase()));
    expect(importFile(db(), join(out, 'pnrgov.edi'), { actor: 'test' }).report.accepted).toBe(0);
  });

  it('drops special service requests that reveal religion or health, and says how many', () => {
    const { out } = files();
    const text = readFileSync(join(out, 'pnrgov.edi'), 'latin1');
    const withMeals = text.replace(/(FOP\+[A-Z]+:3')/, "SSR+MOML:HK:1:TK'\nSSR+WCHR:HK:1:TK'\n$1");
    const o = run(
      withMeals.replace(/UNT\+(\d+)\+([A-Z0-9]+00001)'/, (_m, n: string, ref: string) => `UNT+${Number(n) + 2}+${ref}'`),
      { strict: true },
    );
    expect(o.refused).toBe(false);
    expect(o.report.warnings).toEqual([
      { line: expect.any(Number), code: 'PNR_SENSITIVE_DATA_DROPPED', message: expect.stringContaining('2 special service') },
    ]);
    expect(JSON.stringify(db().prepare('SELECT * FROM booking').all())).not.toMatch(/MOML|WCHR/);
  });
});

describe('IFTMIN import', () => {
  it('reads booking instructions; the cargo report of the same B/L later is its second version', () => {
    const params = { ...DEFAULT_PARAMS, seed: 24, shipments: 300, passengers: 0 };
    const out = join(t.root, 'iftmin');
    mkdirSync(out, { recursive: true });
    writeScenarioFiles(out, params, generateScenario(params).items, ['iftmin', 'cuscar']);
    const sea = [];
    for (const item of generateScenario(params).items)
      if (item.type === 'movement' && item.movement.conveyance.mode === 'sea') sea.push(...item.movement.shipments);
    const o = importFile(db(), join(out, 'iftmin.edi'), { actor: 'test' });
    expect(o.report).toMatchObject({ accepted: sea.length, rejected: 0, warnings: [] });
    const s = sea[0]!;
    expect(
      db().prepare('SELECT declared_value, currency, freight_terms, departure_date, place_receipt FROM shipment WHERE doc_number = ?').get(s.docNumber),
    ).toEqual({
      declared_value: s.declaredValue,
      currency: s.currency,
      freight_terms: s.freightTerms,
      departure_date: s.departureDate,
      place_receipt: s.placeReceipt,
    });
    importFile(db(), join(out, 'cuscar.edi'), { actor: 'test' });
    expect(db().prepare('SELECT version, arrival_date FROM shipment WHERE doc_number = ? ORDER BY version').all(s.docNumber)).toEqual([
      { version: 1, arrival_date: null },
      { version: 2, arrival_date: s.arrivalDate },
    ]);
  });
});

describe('container events', () => {
  it('IFTSTA, CODECO, COARRI and BAPLIE from the generator import back event for event', () => {
    const params = { ...DEFAULT_PARAMS, seed: 22, shipments: 600, passengers: 0 };
    const out = join(t.root, 'events');
    mkdirSync(out, { recursive: true });
    writeScenarioFiles(out, params, generateScenario(params).items, ['iftsta', 'codeco', 'coarri', 'baplie']);
    const events = [];
    for (const item of generateScenario(params).items)
      if (item.type === 'movement')
        for (const s of item.movement.shipments) for (const c of s.containers) events.push(...c.events.map((e) => ({ ...e, container: c.number })));
    const codeco = importFile(db(), join(out, 'codeco.edi'), { actor: 'test' });
    expect(codeco.report).toMatchObject({ accepted: events.filter((e) => e.kind === 'gate_out_full').length, warnings: [], errors: [] });
    const coarri = importFile(db(), join(out, 'coarri.edi'), { actor: 'test' });
    expect(coarri.report.accepted).toBe(
      events.filter((e) => e.kind === 'discharged' && ['MEBAR', 'ALDRZ', 'SIKOP', 'HRRJK', 'HRPLE', 'GRSKG', 'ROCND', 'ITTRS'].includes(e.place)).length,
    );
    // IFTSTA carries every event; those already read from CODECO and COARRI are recognised and skipped.
    const iftsta = importFile(db(), join(out, 'iftsta.edi'), { actor: 'test' });
    expect(iftsta.report.accepted + codeco.report.accepted + coarri.report.accepted).toBe(events.length);
    const sample = events.find((e) => e.kind === 'transshipped')!;
    expect(
      db()
        .prepare('SELECT e.kind, e.at, e.place, e.seal FROM container_event e JOIN container c ON c.id = e.container_id WHERE c.number = ? AND e.kind = ?')
        .get(sample.container, 'transshipped'),
    ).toEqual({
      kind: 'transshipped',
      at: sample.at,
      place: sample.place,
      seal: sample.seal,
    });
    const baplie = importFile(db(), join(out, 'baplie.edi'), { actor: 'test' });
    expect(baplie.report.accepted).toBeGreaterThan(0);
    expect(db().prepare("SELECT status_text FROM container_event WHERE kind = 'status' LIMIT 1").get()).toEqual({
      status_text: expect.stringMatching(/^on board, cell \d{7}$/),
    });
  });
});

describe('round trip', () => {
  it('imports back what the generator writes, with the same counts and values', () => {
    const params = { ...DEFAULT_PARAMS, seed: 21, shipments: 1500, passengers: 700 };
    const out = join(t.root, 'gen');
    mkdirSync(out, { recursive: true });
    writeScenarioFiles(out, params, generateScenario(params).items, ['cuscar', 'paxlst']);
    const cuscar = importFile(db(), join(out, 'cuscar.edi'), { actor: 'test' });
    const paxlst = importFile(db(), join(out, 'paxlst.edi'), { actor: 'test' });
    expect(cuscar.report).toMatchObject({ accepted: Math.round(1500 * 0.7), rejected: 0, warnings: [] });
    expect(paxlst.report).toMatchObject({ accepted: 700, rejected: 0, warnings: [] });
    const sea = [];
    for (const item of generateScenario(params).items)
      if (item.type === 'movement' && item.movement.conveyance.mode === 'sea') sea.push(...item.movement.shipments);
    for (const s of sea.slice(0, 200)) {
      const row = db()
        .prepare('SELECT gross_weight_kg, packages, place_loading, place_discharge, arrival_date FROM shipment WHERE doc_number = ?')
        .get(s.docNumber);
      expect(row).toEqual({
        gross_weight_kg: s.grossWeightKg,
        packages: s.packages,
        place_loading: s.placeLoading,
        place_discharge: s.placeDischarge,
        arrival_date: s.arrivalDate,
      });
      const containers = db()
        .prepare('SELECT count(*) AS n FROM shipment_container sc JOIN shipment x ON x.id = sc.shipment_id WHERE x.doc_number = ?')
        .get(s.docNumber);
      expect(containers).toEqual({ n: s.containers.length });
    }
  });
});
