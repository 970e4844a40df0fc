// IATA Cargo-IMP: FWB (air waybill), FHL (house manifest) and FFM (flight manifest). Line based; messages
// separated by blank lines or by the next message's identifier; continuation lines should begin with a
// slash and sometimes do not. A message cut mid-line is refused.
import { closeSync, openSync, readSync } from 'node:fs';
import { ImportRefused, type IssueLog } from '../report.ts';
import { emptyShipment, type ParsedFlight, type ParsedParty, type ParsedShipment } from '../store.ts';

export type ImpMessage = { type: 'FWB' | 'FHL' | 'FFM'; lines: { text: string; line: number }[] };
export type ImpRecord = { shipment: ParsedShipment; flight: ParsedFlight | null; line: number };

const MONTHS: Record<string, string> = {
  JAN: '01',
  FEB: '02',
  MAR: '03',
  APR: '04',
  MAY: '05',
  JUN: '06',
  JUL: '07',
  AUG: '08',
  SEP: '09',
  OCT: '10',
  NOV: '11',
  DEC: '12',
};
const AWB_LINE = /^(\d{3}-?\d{8})([A-Z]{3})([A-Z]{3})\/[TSPDM](\d+)K([\d.]+)(?:MC([\d.]+))?(?:\/(.*))?$/;
const MAX_LINE = 512;

/** Splits a Cargo-IMP file into messages; refuses a file whose last line was cut. */
export function readCargoImp(path: string): ImpMessage[] {
  const fd = openSync(path, 'r');
  let text = '';
  try {
    const buf = Buffer.alloc(1 << 20);
    for (let pos = 0, n = 0; (n = readSync(fd, buf, 0, buf.length, pos)) > 0; pos += n) text += buf.toString('latin1', 0, n);
  } finally {
    closeSync(fd);
  }
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  const endsWithNewline = /[\r\n]$/.test(text);
  const messages: ImpMessage[] = [];
  let current: ImpMessage | null = null;
  lines.forEach((raw, i) => {
    const textLine = raw.trimEnd();
    if (textLine.length > MAX_LINE) throw new ImportRefused('IMP_LINE_TOO_LONG', `Line ${i + 1} is longer than ${MAX_LINE} characters.`, i + 1);
    const header = /^(FWB|FHL|FFM)\/\d+/.exec(textLine);
    if (header) {
      current = { type: header[1] as ImpMessage['type'], lines: [] };
      messages.push(current);
      return;
    }
    if (textLine === '') return;
    if (!current) throw new ImportRefused('IMPORT_NOT_CARGO_IMP', `Line ${i + 1} comes before any FWB, FHL or FFM message header.`, i + 1);
    current.lines.push({ text: textLine, line: i + 1 });
  });
  if (messages.length === 0) throw new ImportRefused('IMPORT_NOT_CARGO_IMP', 'No FWB, FHL or FFM message was found in this file.');
  const last = messages.at(-1)!;
  const lastLine = last.lines.at(-1);
  if (!endsWithNewline && lastLine && !completeLastLine(last.type, lastLine.text)) {
    throw new ImportRefused('IMP_TRUNCATED', `The file ends mid-line (line ${lastLine.line}): the last message is cut.`, lastLine.line);
  }
  if (last.type === 'FFM' && !last.lines.some((l) => l.text === 'LAST' || l.text === 'CONT')) {
    throw new ImportRefused('IMP_TRUNCATED', 'The last flight manifest (FFM) has no LAST or CONT line: it is cut.', lastLine?.line ?? 0);
  }
  return messages;
}

function completeLastLine(type: ImpMessage['type'], text: string): boolean {
  if (type === 'FWB') return /^(ISU|OSI|REF|OCI|NFY|SPH)\//.test(text) || /^\/.+/.test(text);
  if (type === 'FFM') return text === 'LAST' || text === 'CONT';
  return /^(HBS|TXT|HTS|SHP|CNE|NAM|ADR|LOC|OCI)\/.+/.test(text) || /^\/[A-Z]{2}/.test(text);
}

const awbNumber = (n: string) => (n.includes('-') ? n : `${n.slice(0, 3)}-${n.slice(3)}`);

/** Reads NAM/ADR/LOC and the "/CC/postcode" line that follow a SHP or CNE tag. */
function partyBlock(lines: { text: string; line: number }[], start: number, role: ParsedParty['role']): { party: ParsedParty | null; next: number } {
  const p: ParsedParty = { role, name: '', address: '', city: '', postcode: '', country: '' };
  let i = start;
  for (; i < lines.length; i++) {
    const t = lines[i]!.text;
    const m = /^(?:SHP\/|CNE\/)?(NAM|ADR|LOC)\/(.*)$/.exec(t);
    if (m) {
      if (m[1] === 'NAM') p.name = [p.name, m[2]].filter(Boolean).join(' ');
      else if (m[1] === 'ADR') p.address = [p.address, m[2]].filter(Boolean).join(' ');
      else p.city = m[2]!;
      continue;
    }
    const c = /^\/([A-Z]{2})(?:\/(.*))?$/.exec(t);
    if (c) {
      p.country = c[1]!;
      p.postcode = c[2] ?? '';
      continue;
    }
    break;
  }
  return { party: p.name ? p : null, next: i };
}

export function mapFwb(m: ImpMessage, log: IssueLog): ImpRecord | null {
  const first = m.lines[0];
  const awb = first ? AWB_LINE.exec(first.text) : null;
  if (!first || !awb) {
    log.reject(first?.line ?? 0, 'IMP_BAD_AWB_LINE', 'The air waybill line (number, origin, destination, pieces, weight) is missing or malformed.');
    return null;
  }
  const sh = emptyShipment('air', 'AWB', awbNumber(awb[1]!));
  sh.placeLoading = awb[2]!;
  sh.placeDischarge = awb[3]!;
  sh.placeDelivery = awb[3]!;
  sh.packages = Number(awb[4]);
  sh.grossWeightKg = Number(awb[5]);
  sh.volumeM3 = awb[6] ? Number(awb[6]) : null;
  let flight: ParsedFlight | null = null;
  let flightDay = '';
  for (let i = 1; i < m.lines.length; i++) {
    const { text, line } = m.lines[i]!;
    const tag = text.split('/')[0];
    const f = text.split('/');
    if (tag === 'FLT' && f[1]) {
      flight = { carrierCode: f[1].slice(0, 2), flightNumber: f[1], flightDate: '' };
      flightDay = f[2] ?? '';
    } else if (tag === 'SHP' || tag === 'CNE') {
      const block = partyBlock(m.lines, text.length > 4 ? i : i + 1, tag === 'SHP' ? 'shipper' : 'consignee');
      if (block.party) sh.parties.push(block.party);
      i = block.next - 1;
    } else if (tag === 'CVD') {
      sh.currency = f[1] || null;
      sh.freightTerms = f[3] === 'PP' ? 'PREPAID' : f[3] === 'CC' ? 'COLLECT' : null;
      sh.declaredValue = f[5] && /^[\d.]+$/.test(f[5]) ? Number(f[5]) : null;
    } else if (/^\/(?:\d+\/)?NG\//.test(text) || /^NG\//.test(text)) {
      sh.goodsDescription = text.replace(/^\/?(?:\d+\/)?NG\//, '');
    } else if (/^\/(?:\d+\/)?NH\//.test(text)) {
      sh.hsCodes.push(text.replace(/^\/(?:\d+\/)?NH\//, ''));
    } else if (tag === 'ISU') {
      const d = /^(\d{2})([A-Z]{3})(\d{2})$/.exec(f[1] ?? '');
      if (d && MONTHS[d[2]!]) sh.departureDate = `20${d[3]}-${MONTHS[d[2]!]}-${d[1]}`;
      if (!sh.placeReceipt) sh.placeReceipt = f[2] ?? null;
    } else if (!text.startsWith('/') && !/^[A-Z]{3}\//.test(text)) {
      log.warn(line, 'IMP_CONTINUATION_WITHOUT_SLASH', 'A continuation line lacks its leading slash; read as a continuation.');
      if (!sh.goodsDescription) continue;
      sh.goodsDescription = `${sh.goodsDescription} ${text}`;
    }
  }
  if (flight && sh.departureDate) {
    // FLT gives the day only; the month and year come from the issue date (the flight is on or after it).
    const [y, mo] = sh.departureDate.split('-');
    flight.flightDate = `${y}-${mo}-${flightDay.padStart(2, '0')}`;
    if (flight.flightDate < sh.departureDate) flight.flightDate = sh.departureDate;
  }
  return { shipment: sh, flight: flight && flight.flightDate ? flight : null, line: first.line };
}

export function mapFhl(m: ImpMessage, log: IssueLog): ImpRecord[] {
  const mbi = m.lines.find((l) => l.text.startsWith('MBI/'));
  const master = mbi ? AWB_LINE.exec(mbi.text.slice(4)) : null;
  if (!mbi || !master) {
    log.reject(m.lines[0]?.line ?? 0, 'IMP_BAD_MASTER_LINE', 'The house manifest has no valid master air waybill line (MBI).');
    return [];
  }
  const out: ImpRecord[] = [];
  let current: ImpRecord | null = null;
  for (let i = 0; i < m.lines.length; i++) {
    const { text, line } = m.lines[i]!;
    const f = text.split('/');
    if (f[0] === 'HBS') {
      const places = f[2] ?? '';
      current = { shipment: emptyShipment('air', 'AWB', f[1] ?? ''), flight: null, line };
      Object.assign(current.shipment, {
        masterDocNumber: awbNumber(master[1]!),
        isHouse: true,
        placeLoading: places.slice(0, 3) || null,
        placeDischarge: places.slice(3, 6) || null,
        placeReceipt: places.slice(0, 3) || null,
        packages: Number(f[3]) || null,
        grossWeightKg: Number((f[4] ?? '').replace(/^K/, '')) || null,
        goodsDescription: f[6] ?? '',
      });
      if (!current.shipment.docNumber) log.reject(line, 'IMP_HOUSE_WITHOUT_NUMBER', 'A house waybill (HBS) without its number was not imported.');
      else out.push(current);
    } else if (current && f[0] === 'TXT') current.shipment.goodsDescription = f.slice(1).join('/');
    else if (current && f[0] === 'HTS') current.shipment.hsCodes.push(f[1] ?? '');
    else if (current && (f[0] === 'SHP' || f[0] === 'CNE')) {
      const block = partyBlock(m.lines, i + 1, f[0] === 'SHP' ? 'shipper' : 'consignee');
      if (block.party) current.shipment.parties.push(block.party);
      i = block.next - 1;
    }
  }
  return out;
}

export function mapFfm(m: ImpMessage, log: IssueLog, year: string): ImpRecord[] {
  const head = /^1\/([A-Z0-9]{2}\d+[A-Z]?)\/(\d{2})([A-Z]{3})\/([A-Z]{3})/.exec(m.lines[0]?.text ?? '');
  if (!head || !MONTHS[head[3]!]) {
    log.reject(m.lines[0]?.line ?? 0, 'IMP_BAD_FLIGHT_LINE', 'The flight manifest has no valid flight line.');
    return [];
  }
  const flight: ParsedFlight = { carrierCode: head[1]!.slice(0, 2), flightNumber: head[1]!, flightDate: `${year}-${MONTHS[head[3]!]}-${head[2]}` };
  const out: ImpRecord[] = [];
  for (const { text, line } of m.lines.slice(1)) {
    const awb = AWB_LINE.exec(text);
    if (!awb) continue;
    const sh = emptyShipment('air', 'AWB', awbNumber(awb[1]!));
    Object.assign(sh, {
      placeLoading: awb[2],
      placeDischarge: awb[3],
      placeDelivery: awb[3],
      packages: Number(awb[4]),
      grossWeightKg: Number(awb[5]),
      goodsDescription: awb[7] ?? '',
    });
    out.push({ shipment: sh, flight, line });
  }
  return out;
}
