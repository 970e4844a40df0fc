// Cargo-XML XFWB: the safe XML reader underneath it (entities, CDATA, namespaces, line numbers; DTDs,
// malformed and oversized input refused), and the waybill read into the same record an FWB gives.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateAwbNumber } from '../../shared/domain/identifiers.ts';
import { mapFwb, readCargoImp } from '../../electron/core/ingest/cargo-imp/reader.ts';
import { readXfwb } from '../../electron/core/ingest/cargo-xml/xfwb.ts';
import { detectFormat, importFile } from '../../electron/core/ingest/import-file.ts';
import { workspaceStats } from '../../electron/core/records/stats.ts';
import { PASSPHRASE, testCore, type TestCore } from './helpers/workspace.ts';
import { ImportRefused, IssueLog } from '../../electron/core/ingest/report.ts';
import { child, children, find, parseXml, path, XML_LIMITS } from '../../electron/core/ingest/xml/xml-reader.ts';

const XFWB = readFileSync(join(process.cwd(), 'test', 'fixtures', 'cargo-xml', 'xfwb-basic.xml'), 'utf8');
/** The same waybill as a Cargo-IMP FWB. */
const FWB = `FWB/16
020-87654324FRASJJ/T8K212.5MC1.35
FLT/LH1418/03
SHP
NAM/KRAUSE & SOHN MASCHINENBAU GMBH
ADR/INDUSTRIESTRASSE 14
LOC/OFFENBACH AM MAIN
/DE/63067
CNE
NAM/TEKSTIL BH D.O.O.
ADR/BRANILACA SARAJEVA 20
LOC/SARAJEVO
/BA/71000
CVD/EUR//PP/NVD/15400/XXX
RTD/1/P8/K212.5/CQ/W212.5/R3.10/T658.75
/NG/SPARE PARTS FOR TEXTILE MACHINES
/2/NV/MC1.35
/3/NH/844800
/4/NH/844900
ISU/02MAR26/FRANKFURT
`;

const dir = mkdtempSync(join(tmpdir(), 'portcullis-xfwb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(content: string | Buffer, ext = 'xml'): string {
  const f = join(dir, `f${++n}.${ext}`);
  writeFileSync(f, content);
  return f;
}
function read(content: string, strict = false) {
  const log = new IssueLog(strict);
  return { records: readXfwb(file(content), log), log };
}
/** The refusal a call throws: its code and line. */
function refusal(fn: () => unknown): { code: string; line: number; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof ImportRefused) return { code: e.importCode, line: e.line, message: e.message };
    throw e;
  }
  throw new Error('not refused');
}
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('XML reader', () => {
  it('reads elements, attributes, text, entities, CDATA, comments and instructions', () => {
    const root = parseXml(
      `<?xml version="1.0"?>\n<!-- head -->\n<a x="1 &amp; 2" y='&quot;q&quot;'>\n  <b>&lt;tag&gt; &#65;&#x42; &apos;</b>\n  <!-- skipped -->\n  <?app data?>\n  <c><![CDATA[<raw> & ]]> more</c>\n  <b/>\n</a>\n`,
    );
    expect(root.name).toBe('a');
    expect(root.attrs).toEqual({ x: '1 & 2', y: '"q"' });
    expect(children(root, 'b').map((b) => b.text)).toEqual(["<tag> AB '", '']);
    expect(path(root, 'c')).toBe('<raw> &  more');
    expect(root.children.map((c) => [c.name, c.line])).toEqual([
      ['b', 4],
      ['c', 7],
      ['b', 8],
    ]);
  });

  it('strips namespace prefixes into `prefix` and keeps namespace declarations as attributes', () => {
    const root = parseXml(
      '<rsm:Waybill xmlns:rsm="iata:waybill:1" xmlns:ram="iata:datamodel:3"><ram:A><ram:B unitCode="KGM">5</ram:B></ram:A><C/></rsm:Waybill>',
    );
    expect([root.name, root.prefix, root.attrs['xmlns:ram']]).toEqual(['Waybill', 'rsm', 'iata:datamodel:3']);
    expect(find(root, 'A/B')).toMatchObject({ name: 'B', prefix: 'ram', attrs: { unitCode: 'KGM' }, text: '5' });
    expect(child(root, 'C')?.prefix).toBeUndefined();
    expect(path(root, 'A/Missing/B')).toBe('');
  });

  it('takes a line break before the declaration, and an attribute named __proto__ as any other', () => {
    const root = parseXml(Buffer.from('\n<?xml version="1.0" encoding="ISO-8859-1"?>\n<a __proto__="x">\xe9</a>', 'latin1'));
    expect([root.line, root.text, Object.keys(root.attrs), root.attrs.__proto__]).toEqual([3, 'é', ['__proto__'], 'x']);
    expect(Object.getPrototypeOf(root.attrs)).toBe(Object.prototype);
  });

  it('counts lines across CRLF and CR line ends, normalising them in text and attributes', () => {
    const root = parseXml('<a>\r\n<b v="x\r\ny">1\r\n2</b>\r<c/>\n</a>');
    expect(child(root, 'b')).toMatchObject({ line: 2, text: '1\n2', attrs: { v: 'x y' } });
    expect(child(root, 'c')?.line).toBe(5);
  });

  it('decodes UTF-8 with or without BOM and a declared ISO 8859-1; refuses other encodings', () => {
    const utf8 = Buffer.from('<a>GRÜNWALD €</a>', 'utf8');
    expect(parseXml(utf8).text).toBe('GRÜNWALD €');
    expect(parseXml(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8])).text).toBe('GRÜNWALD €');
    expect(parseXml(Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a>GR\xdcNWALD</a>', 'latin1')).text).toBe('GRÜNWALD');
    expect(parseXml(Buffer.from('<?xml version="1.0" encoding="windows-1252"?><a>\x80 5</a>', 'latin1')).text).toBe('€ 5');
    expect(refusal(() => parseXml(Buffer.from('<?xml version="1.0" encoding="Shift_JIS"?><a/>'))).code).toBe('XML_ENCODING_UNSUPPORTED');
    expect(refusal(() => parseXml(Buffer.from('\ufeff<a/>', 'utf16le'))).code).toBe('XML_ENCODING_UNSUPPORTED');
    expect(refusal(() => parseXml(Buffer.from('<a>\n<b>GR\xdcNWALD</b></a>', 'latin1')))).toMatchObject({ code: 'XML_MALFORMED', line: 2 });
  });

  it.each([
    ['a DOCTYPE', '<?xml version="1.0"?>\n<!DOCTYPE a [<!ELEMENT a ANY>]>\n<a/>', 2],
    [
      'the billion laughs',
      `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\n]>\n<lolz>&lol3;</lolz>`,
      2,
    ],
    ['an external entity', '<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<a>&xxe;</a>', 2],
    ['a declaration inside the root', '<a>\n<!ENTITY x "y">\n</a>', 2],
  ])('refuses %s without expanding anything', (_name, xml, line) => {
    expect(refusal(() => parseXml(xml))).toMatchObject({ code: 'XML_DOCTYPE_REFUSED', line });
  });

  it.each([
    ['a mismatched closing tag', '<a>\n<b>\n</c>\n</a>', 3],
    ['an element never closed', '<a>\n<b>\n</b>\n', 1],
    ['text after the root', '<a/>\n\ntrailing', 3],
    ['a second root', '<a/>\n<b/>', 2],
    ['garbage before the root', 'hello <a/>', 1],
    ['no root at all', '<!-- only a comment -->', 1],
    ['an undefined entity', '<a>\n&nbsp;</a>', 2],
    ['a bare ampersand', '<a>\nR & D</a>', 2],
    ['a duplicate attribute', '<a x="1"\n x="2"/>', 2],
    ['an unquoted attribute', '<a x=1/>', 1],
    ['a "<" in an attribute', '<a x="<"/>', 1],
    ['a file cut inside a tag', '<a>\n<b x="1"', 2],
    ['a comment never closed', '<a>\n<!-- open', 2],
    ['a control character', '<a>\n\u0001</a>', 2],
    ['a character reference to no character', '<a>&#0;</a>', 1],
    ['an XML declaration not at the start', '<a>\n<?xml version="1.0"?></a>', 2],
  ])('refuses %s with its line', (_name, xml, line) => {
    expect(refusal(() => parseXml(xml))).toMatchObject({ code: 'XML_MALFORMED', line });
  });

  it('bounds nesting depth, element count and value length', () => {
    const nested = (depth: number) => '<e>'.repeat(depth) + '</e>'.repeat(depth);
    expect(() => parseXml(nested(XML_LIMITS.depth))).not.toThrow();
    expect(refusal(() => parseXml(nested(XML_LIMITS.depth + 1)))).toMatchObject({ code: 'XML_LIMIT_EXCEEDED', line: 1 });
    expect(refusal(() => parseXml(`<a>${'<b/>'.repeat(XML_LIMITS.elements)}</a>`)).code).toBe('XML_LIMIT_EXCEEDED');
    const big = 'x'.repeat(XML_LIMITS.valueChars + 1);
    expect(refusal(() => parseXml(`<a v="${big}"/>`)).code).toBe('XML_LIMIT_EXCEEDED');
    expect(refusal(() => parseXml(`<a>${big}</a>`)).code).toBe('XML_LIMIT_EXCEEDED');
    expect(refusal(() => parseXml(`<a>${'y'.repeat(XML_LIMITS.valueChars)}<![CDATA[z]]></a>`)).code).toBe('XML_LIMIT_EXCEEDED');
  });
});

describe('XFWB', () => {
  it('reads every field of the waybill', () => {
    const { records, log } = read(XFWB);
    expect(log.warnings).toEqual([]);
    expect(log.errors).toEqual([]);
    expect(records).toHaveLength(1);
    const [r] = records;
    expect(r!.line).toBe(lineOf(XFWB, '<rsm:BusinessHeaderDocument>'));
    expect(r!.flight).toEqual({ carrierCode: 'LH', flightNumber: 'LH1418', flightDate: '2026-03-03' });
    expect(r!.shipment).toEqual({
      mode: 'air',
      docType: 'AWB',
      docNumber: '020-87654324',
      goodsDescription: 'SPARE PARTS FOR TEXTILE MACHINES',
      hsCodes: ['844800', '844900'],
      packages: 8,
      packageType: null,
      grossWeightKg: 212.5,
      volumeM3: 1.35,
      placeReceipt: 'FRANKFURT',
      placeLoading: 'FRA',
      placesTransshipment: [],
      placeDischarge: 'SJJ',
      placeDelivery: 'SJJ',
      arrivalDate: null,
      voyage: null,
      departureDate: '2026-03-02',
      declaredValue: 15400,
      currency: 'EUR',
      freightTerms: 'PREPAID',
      masterDocNumber: null,
      isHouse: false,
      parties: [
        {
          role: 'shipper',
          name: 'KRAUSE & SOHN MASCHINENBAU GMBH',
          address: 'INDUSTRIESTRASSE 14',
          city: 'OFFENBACH AM MAIN',
          postcode: '63067',
          country: 'DE',
        },
        { role: 'consignee', name: 'TEKSTIL BH D.O.O.', address: 'BRANILACA SARAJEVA 20', city: 'SARAJEVO', postcode: '71000', country: 'BA' },
        { role: 'forwarder', name: 'SPEDITION GRÜNWALD GMBH', address: '', city: 'FRANKFURT', postcode: '', country: '' },
        { role: 'notify', name: 'BH CARGO BROKERS D.O.O.', address: 'KURTA SCHORKA 36', city: 'SARAJEVO', postcode: '71000', country: 'BA' },
      ],
      containers: [],
    });
    expect(validateAwbNumber(r!.shipment.docNumber).valid).toBe(true);
  });

  it('gives the same record as the FWB of the same waybill', () => {
    const fwb = mapFwb(readCargoImp(file(FWB, 'txt'))[0]!, new IssueLog(false))!;
    const [xfwb] = read(XFWB).records;
    const { parties, ...rest } = xfwb!.shipment;
    const { parties: fwbParties, ...fwbRest } = fwb.shipment;
    expect(rest).toEqual(fwbRest);
    expect(parties.filter((p) => p.role === 'shipper' || p.role === 'consignee')).toEqual(fwbParties);
    expect(xfwb!.flight).toEqual(fwb.flight);
  });

  it('converts pounds and other volume units to kilograms and cubic metres, without a warning', () => {
    const xml = XFWB.replace('unitCode="KGM">212.5</ram:IncludedTareGrossWeightMeasure>', 'unitCode="LBR">468.5</ram:IncludedTareGrossWeightMeasure>').replace(
      'unitCode="MTQ">1.35</ram:GrossVolumeMeasure>\n    <ram:TotalPieceQuantity>',
      'unitCode="CMQ">1350000</ram:GrossVolumeMeasure>\n    <ram:TotalPieceQuantity>',
    );
    const { records, log } = read(xml, true);
    expect(records[0]!.shipment).toMatchObject({ grossWeightKg: 212.5, volumeM3: 1.35 });
    expect(log.warnings).toEqual([]);
  });

  it('tolerates missing optional elements: volume, flight, notify party, value, totals given only per line', () => {
    const xml = XFWB.replace(
      / {4}<ram:GrossVolumeMeasure unitCode="MTQ">1\.35<\/ram:GrossVolumeMeasure>\n {4}<ram:TotalPieceQuantity>8<\/ram:TotalPieceQuantity>\n/,
      '',
    )
      .replace(/ {4}<ram:IncludedTareGrossWeightMeasure[^\n]*\n/, '')
      .replace(/ {4}<ram:AssociatedParty>[\s\S]*?<\/ram:AssociatedParty>\n/, '')
      .replace(/ {4}<ram:SpecifiedLogisticsTransportMovement>[\s\S]*?<\/ram:SpecifiedLogisticsTransportMovement>\n/, '')
      .replace(/ {4}<ram:DeclaredValueForCustomsAmount[^\n]*\n/, '')
      .replace('<ram:NilCustomsValueIndicator>false', '<ram:NilCustomsValueIndicator>true');
    const { records, log } = read(xml, true);
    expect(log.warnings).toEqual([]);
    expect(records[0]!.flight).toBeNull();
    expect(records[0]!.shipment).toMatchObject({ packages: 8, grossWeightKg: 212.5, volumeM3: 1.35, declaredValue: null, currency: 'EUR' });
    expect(records[0]!.shipment.parties.map((p) => p.role)).toEqual(['shipper', 'consignee', 'forwarder']);
  });

  it('reads the flight number given alone with the airline as the means of transport', () => {
    const { records } = read(XFWB.replace('<ram:ID>LH1418</ram:ID>', '<ram:ID>1418</ram:ID>'));
    expect(records[0]!.flight).toEqual({ carrierCode: 'LH', flightNumber: 'LH1418', flightDate: '2026-03-03' });
  });

  it('takes a wrong check digit (the store flags it) and an undashed number', () => {
    const { records, log } = read(XFWB.replaceAll('020-87654324', '02087654320'));
    expect(log.errors).toEqual([]);
    expect(records[0]!.shipment.docNumber).toBe('020-87654320');
  });

  it('rejects a waybill without a number, or whose number is not one, with the header line', () => {
    const line = lineOf(XFWB, '<rsm:BusinessHeaderDocument>');
    const missing = read(XFWB.replace('<ram:ID>020-87654324</ram:ID>\n    <ram:IncludedHeaderNote>', '<ram:IncludedHeaderNote>'));
    expect(missing.records).toEqual([]);
    expect(missing.log.errors).toMatchObject([{ code: 'XFWB_MISSING_AWB', line }]);
    const bad = read(XFWB.replace('<ram:ID>020-87654324</ram:ID>\n    <ram:IncludedHeaderNote>', '<ram:ID>LH-FRA-4711</ram:ID>\n    <ram:IncludedHeaderNote>'));
    expect(bad.log.errors).toMatchObject([{ code: 'XFWB_BAD_AWB', line }]);
  });

  it('rejects a message that is not a waybill, and applies no deletion', () => {
    const house = read(XFWB.replace('<ram:TypeCode>741</ram:TypeCode>', '<ram:TypeCode>703</ram:TypeCode>'));
    expect(house.records).toEqual([]);
    expect(house.log.errors.map((e) => e.code)).toEqual(['XFWB_NOT_A_WAYBILL']);
    const deletion = read(XFWB.replace('<ram:PurposeCode>Creation', '<ram:PurposeCode>Deletion'));
    expect(deletion.records).toEqual([]);
    expect(deletion.log.warnings.map((w) => w.code)).toEqual(['XFWB_DELETION_NOT_APPLIED']);
  });

  it('warns of an unknown unit, and refuses it in strict mode', () => {
    const xml = XFWB.replace('unitCode="KGM">212.5</ram:IncludedTareGrossWeightMeasure>', 'unitCode="TNE">0.2125</ram:IncludedTareGrossWeightMeasure>');
    const { records, log } = read(xml);
    expect(records[0]!.shipment.grossWeightKg).toBeNull();
    expect(log.warnings).toMatchObject([{ code: 'XFWB_UNKNOWN_UNIT', line: lineOf(xml, 'unitCode="TNE"'), field: 'gross weight' }]);
    expect(refusal(() => read(xml, true)).code).toBe('XFWB_UNKNOWN_UNIT');
  });

  it.each([
    ['another XML document', '<?xml version="1.0"?>\n<Invoice><ID>1</ID></Invoice>'],
    ['a UBL waybill', '<Waybill xmlns="urn:oasis:names:specification:ubl:schema:xsd:Waybill-2"><ID>1</ID></Waybill>'],
  ])('refuses %s as not an XFWB', (_name, xml) => {
    expect(refusal(() => read(xml)).code).toBe('IMPORT_NOT_XFWB');
  });

  it('refuses a waybill carrying a DTD, or cut short', () => {
    expect(refusal(() => read(XFWB.replace('<rsm:Waybill ', '<!DOCTYPE rsm:Waybill>\n<rsm:Waybill '))).code).toBe('XML_DOCTYPE_REFUSED');
    const cut = XFWB.slice(0, XFWB.indexOf('<ram:ConsigneeParty>'));
    expect(refusal(() => read(cut))).toMatchObject({ code: 'XML_MALFORMED', line: lineOf(XFWB, '<rsm:MasterConsignment>') });
  });
});

describe('XFWB through importFile', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = testCore();
    await t.core.workspace.create({ dir: join(t.root, 'ws'), name: 'xfwb', passphrase: PASSPHRASE });
  });
  afterEach(() => t.dispose());

  it('is detected from its root element, imported with its flight, and skipped when imported again', () => {
    const f = file(XFWB);
    expect(detectFormat(f)).toBe('xfwb');
    const db = t.core.workspace.db();
    const first = importFile(db, f, { actor: 'test' });
    expect(first).toMatchObject({ refused: false, report: { format: 'xfwb', accepted: 1, rejected: 0 } });
    const row = db
      .prepare(`SELECT s.doc_number, s.place_loading, c.carrier_code, c.flight_number FROM shipment s JOIN conveyance c ON c.id = s.conveyance_id`)
      .get();
    expect(row).toEqual({ doc_number: '020-87654324', place_loading: 'FRA', carrier_code: 'LH', flight_number: 'LH1418' });
    expect(importFile(db, f, { actor: 'test' }).report.accepted).toBe(0);
    expect(workspaceStats(db).shipments).toBe(1);
  });

  it('other XML is not taken for a waybill, and a DTD is refused with nothing written', () => {
    expect(detectFormat(file('<?xml version="1.0"?><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>'))).toBe('xml');
    const db = t.core.workspace.db();
    const evil = file(XFWB.replace('?>', '?><!DOCTYPE x [<!ENTITY a "aaaa">]>'));
    const r = importFile(db, evil, { actor: 'test', format: 'xfwb' });
    expect(r.refused).toBe(true);
    expect(r.report.errors[0]?.code).toBe('XML_DOCTYPE_REFUSED');
    expect(workspaceStats(db).shipments).toBe(0);
  });
});
