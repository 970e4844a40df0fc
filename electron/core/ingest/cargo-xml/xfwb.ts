// IATA Cargo-XML XFWB: the air waybill as XML (rsm:Waybill in namespace iata:waybill:1, data model
// iata:datamodel:3). One waybill per message, read into the record an FWB of the same waybill gives:
// number, airports, pieces, weight in kilograms, volume in cubic metres, goods and HS codes, parties,
// customs value, issue date and place, and the first flight. Houses (XFZB) are other messages.
import type { ImpRecord } from '../cargo-imp/reader.ts';
import { ImportRefused, type IssueLog } from '../report.ts';
import { emptyShipment, type ParsedFlight, type ParsedParty, type ParsedShipment } from '../store.ts';
import { child, children, path as textAt, qualifiedName, readXmlFile, type XmlNode } from '../xml/xml-reader.ts';

const ROOTS = new Set(['Waybill', 'WaybillMessage']);
/** Document type codes (UN/EDIFACT 1001) an XFWB carries: 740 air waybill, 741 master air waybill. */
const WAYBILL_TYPES = new Set(['740', '741']);
const KILOGRAMS: Record<string, number> = { KGM: 1, LBR: 0.45359237 };
const CUBIC_METRES: Record<string, number> = { MTQ: 1, MC: 1, CBM: 1, DMQ: 0.001, LTR: 0.001, CMQ: 1e-6, FTQ: 0.028316846592, INQ: 0.000016387064 };
const PARTIES: [string, ParsedParty['role']][] = [
  ['ConsignorParty', 'shipper'],
  ['ConsigneeParty', 'consignee'],
  ['FreightForwarderParty', 'forwarder'],
];
/** UN/EDIFACT 3035 party function code of the "also notify" party. */
const NOTIFY_ROLE = 'NI';

const round = (n: number, decimals: number) => Math.round(n * 10 ** decimals) / 10 ** decimals;
const dateOf = (s: string) => /^\d{4}-\d{2}-\d{2}/.exec(s)?.[0] ?? null;
const flag = (s: string) => (s === 'true' || s === '1' ? true : s === 'false' || s === '0' ? false : null);

export function readXfwb(path: string, log: IssueLog): ImpRecord[] {
  const root = readXmlFile(path);
  checkRoot(root);
  const header = child(root, 'MessageHeaderDocument');
  const business = child(root, 'BusinessHeaderDocument');
  const consignment = child(root, 'MasterConsignment');
  const line = (business ?? header ?? root).line;
  const type = textAt(header, 'TypeCode');
  if (type && !WAYBILL_TYPES.has(type)) {
    log.reject(line, 'XFWB_NOT_A_WAYBILL', `The message's document type is ${type}, not an air waybill (740) or a master air waybill (741).`);
    return [];
  }
  if (/^delet/i.test(textAt(header, 'PurposeCode'))) {
    log.note(line, 'XFWB_DELETION_NOT_APPLIED', 'The message deletes a waybill; deletions are not applied to the workspace.');
    return [];
  }
  const docNumber = awbNumber(textAt(business, 'ID'), line, log);
  if (!docNumber) return [];
  if (!consignment) {
    log.reject(line, 'XFWB_MISSING_CONSIGNMENT', `The waybill ${docNumber} has no consignment (MasterConsignment); it was not imported.`);
    return [];
  }
  const sh = emptyShipment('air', 'AWB', docNumber);
  quantities(sh, consignment, log);
  goods(sh, items(consignment));
  value(sh, consignment, log);
  const signed = child(business, 'SignatoryCarrierAuthentication');
  // As an FWB's ISU line: the carrier's execution date and place.
  sh.departureDate = dateOf(textAt(signed, 'ActualDateTime'));
  sh.placeReceipt = textAt(signed, 'IssueAuthenticationLocation/Name') || null;
  sh.parties = parties(consignment);
  return [{ shipment: sh, flight: firstFlight(consignment), line }];
}

/** Refuses any document but a Cargo-XML waybill (a UBL Waybill has the same local name, another namespace). */
function checkRoot(root: XmlNode): void {
  const ns = root.attrs[root.prefix ? `xmlns:${root.prefix}` : 'xmlns'];
  if (ROOTS.has(root.name) && (ns === undefined || ns.startsWith('iata:waybill'))) return;
  throw new ImportRefused(
    'IMPORT_NOT_XFWB',
    `The XML document is a <${qualifiedName(root)}>${ns ? ` of ${ns}` : ''}, not an IATA Cargo-XML air waybill (XFWB, rsm:Waybill).`,
    root.line,
  );
}

/** The number as "176-12345675"; its check digit is left to the store to flag. */
function awbNumber(raw: string, line: number, log: IssueLog): string | null {
  if (!raw) {
    log.reject(line, 'XFWB_MISSING_AWB', 'The waybill has no air waybill number (BusinessHeaderDocument/ID); it was not imported.');
    return null;
  }
  const digits = raw.replace(/[\s-]/g, '');
  if (!/^\d{11}$/.test(digits)) {
    log.reject(line, 'XFWB_BAD_AWB', `"${raw}" is not an air waybill number (airline prefix and 8-digit serial); the waybill was not imported.`);
    return null;
  }
  return `${digits.slice(0, 3)}-${digits.slice(3)}`;
}

/** The rated lines: under ApplicableRating in Cargo-XML 3, directly under the consignment in some senders' messages. */
function items(consignment: XmlNode): XmlNode[] {
  return [
    ...children(consignment, 'IncludedMasterConsignmentItem'),
    ...children(consignment, 'ApplicableRating').flatMap((r) => children(r, 'IncludedMasterConsignmentItem')),
  ];
}

function numberIn(node: XmlNode | undefined, log: IssueLog, field: string): number | null {
  const text = node?.text.trim() ?? '';
  if (!node || text === '') return null;
  if (/^(\d+\.?\d*|\.\d+)$/.test(text)) return Number(text);
  log.warn(node.line, 'XFWB_BAD_NUMBER', `The ${field} "${text}" is not a number; left empty.`, field);
  return null;
}

/** A measure converted by its unitCode; a missing unit is taken as the first of `factors`, an unknown one leaves it empty. */
function measure(node: XmlNode | undefined, factors: Record<string, number>, decimals: number, log: IssueLog, field: string): number | null {
  const value = numberIn(node, log, field);
  if (!node || value === null) return null;
  const unit = (node.attrs.unitCode ?? '').trim().toUpperCase();
  const base = Object.keys(factors)[0]!;
  if (!unit) {
    log.warn(node.line, 'XFWB_UNIT_MISSING', `The ${field} has no unit; read as ${base}.`, field);
    return value;
  }
  const factor = factors[unit];
  if (factor === undefined) {
    log.warn(node.line, 'XFWB_UNKNOWN_UNIT', `The ${field} is in the unknown unit "${unit}"; left empty.`, field);
    return null;
  }
  return factor === 1 ? value : round(value * factor, decimals);
}

/** The total, else the sum over the rated lines (null when none gives it). */
function total(values: (number | null)[]): number | null {
  const given = values.filter((v) => v !== null);
  return given.length
    ? round(
        given.reduce((a, b) => a + b, 0),
        3,
      )
    : null;
}

function quantities(sh: ParsedShipment, consignment: XmlNode, log: IssueLog): void {
  const lines = items(consignment);
  const kg = (n: XmlNode | undefined) => measure(n, KILOGRAMS, 1, log, 'gross weight');
  const m3 = (n: XmlNode | undefined) => measure(n, CUBIC_METRES, 3, log, 'volume');
  sh.placeLoading = textAt(consignment, 'OriginLocation/ID') || null;
  sh.placeDischarge = textAt(consignment, 'FinalDestinationLocation/ID') || null;
  sh.placeDelivery = sh.placeDischarge;
  const pieces = child(consignment, 'TotalPieceQuantity');
  sh.packages = pieces ? numberIn(pieces, log, 'piece count') : total(lines.map((i) => numberIn(child(i, 'PieceQuantity'), log, 'piece count')));
  const weight = child(consignment, 'IncludedTareGrossWeightMeasure') ?? child(consignment, 'GrossWeightMeasure');
  sh.grossWeightKg = weight ? kg(weight) : total(lines.map((i) => kg(child(i, 'GrossWeightMeasure'))));
  const volume = child(consignment, 'GrossVolumeMeasure');
  sh.volumeM3 = volume ? m3(volume) : total(lines.map((i) => m3(child(i, 'GrossVolumeMeasure'))));
}

function goods(sh: ParsedShipment, lines: XmlNode[]): void {
  sh.goodsDescription = lines
    .map((i) => textAt(i, 'NatureIdentificationTransportCargo/Identification'))
    .filter(Boolean)
    .join(' ');
  const codes = lines.flatMap((i) => children(i, 'TypeCode').map((c) => c.text.trim()));
  sh.hsCodes = [...new Set(codes.filter(Boolean))];
}

/** Currency, customs value and freight terms, as an FWB's CVD line gives them. */
function value(sh: ParsedShipment, consignment: XmlNode, log: IssueLog): void {
  const customs = child(consignment, 'DeclaredValueForCustomsAmount');
  sh.currency = textAt(consignment, 'ApplicableOriginCurrencyExchange/SourceCurrencyCode') || customs?.attrs.currencyID?.trim() || null;
  sh.declaredValue = flag(textAt(consignment, 'NilCustomsValueIndicator')) ? null : numberIn(customs, log, 'customs value');
  const flags = ['TotalChargePrepaidIndicator', 'TotalDisbursementPrepaidIndicator'].map((n) => flag(textAt(consignment, n))).filter((f) => f !== null);
  if (flags.length === 0) {
    const code = textAt(consignment, 'ApplicableLogisticsServiceCharge/TransportPaymentMethodCode');
    sh.freightTerms = code === 'PP' ? 'PREPAID' : code === 'CC' ? 'COLLECT' : null;
  } else sh.freightTerms = flags.every((f) => f) ? 'PREPAID' : flags.every((f) => !f) ? 'COLLECT' : null;
}

function party(node: XmlNode | undefined, role: ParsedParty['role']): ParsedParty | null {
  const name = textAt(node, 'Name');
  if (!name) return null;
  const address = child(node, 'PostalStructuredAddress') ?? child(node, 'FreightForwarderAddress');
  return {
    role,
    name,
    address: children(address, 'StreetName')
      .map((s) => s.text.trim())
      .filter(Boolean)
      .join(' '),
    city: textAt(address, 'CityName'),
    postcode: textAt(address, 'PostcodeCode'),
    country: textAt(address, 'CountryID'),
  };
}

function parties(consignment: XmlNode): ParsedParty[] {
  const notify = children(consignment, 'AssociatedParty').filter((p) => textAt(p, 'RoleCode').toUpperCase() === NOTIFY_ROLE);
  return [...PARTIES.map(([element, role]) => party(child(consignment, element), role)), ...notify.map((p) => party(p, 'notify'))].filter((p) => p !== null);
}

/** The first movement (lowest sequence number); like FWB's FLT, "KL1234" is carrier KL, flight KL1234. */
function firstFlight(consignment: XmlNode): ParsedFlight | null {
  const sequence = (m: XmlNode) => Number(textAt(m, 'SequenceNumeric')) || Infinity;
  const first = children(consignment, 'SpecifiedLogisticsTransportMovement').reduce<XmlNode | undefined>(
    (best, m) => (!best || sequence(m) < sequence(best) ? m : best),
    undefined,
  );
  const id = textAt(first, 'ID').replace(/\s+/g, '').toUpperCase();
  const carrier = textAt(first, 'UsedLogisticsTransportMeans/Name').toUpperCase();
  // Some senders give the number alone and the airline as the means of transport.
  const flightNumber = /^\d{1,4}[A-Z]?$/.test(id) && /^[A-Z0-9]{2}$/.test(carrier) ? carrier + id : id;
  const flightDate = dateOf(textAt(first, 'DepartureEvent/ScheduledOccurrenceDateTime'));
  return flightNumber && flightDate ? { carrierCode: flightNumber.slice(0, 2), flightNumber, flightDate } : null;
}
