// IFTMIN (instruction message): one booking / shipping instruction per message — the bill of lading,
// places and dates, value and freight terms, parties, goods, measures and equipment with seals.
import type { IssueLog } from '../report.ts';
import { emptyShipment, type ParsedContainer, type ParsedParty, type ParsedShipment } from '../store.ts';
import { ediDate } from './cuscar.ts';
import { nadParty, type EdiMessage, type EdiSegment } from './tokenizer.ts';

const ROLE: Record<string, ParsedParty['role']> = { CZ: 'shipper', CN: 'consignee', N1: 'notify', FW: 'forwarder', CA: 'carrier' };
const el = (s: EdiSegment, i: number, c = 0) => (s.elements[i]?.[c] ?? '').trim();
const num = (t: string) => (t === '' || !Number.isFinite(Number(t)) ? null : Number(t));

export function mapIftmin(msg: EdiMessage, log: IssueLog): { shipment: ParsedShipment; segment: number } | null {
  const sh: ParsedShipment = emptyShipment('sea', 'BL', '');
  const containers = new Map<string, ParsedContainer>();
  let inGoods = false;
  let last: ParsedContainer | null = null;
  for (const s of msg.segments) {
    switch (s.tag) {
      case 'BGM':
        sh.docNumber ||= el(s, 1);
        break;
      case 'RFF':
        if (el(s, 0, 0) === 'BM') sh.docNumber = el(s, 0, 1) || sh.docNumber;
        break;
      case 'TDT':
        sh.voyage = el(s, 1) || null;
        break;
      case 'LOC': {
        const place = el(s, 1) || null;
        const q = el(s, 0);
        if (q === '88') sh.placeReceipt = place;
        else if (q === '9') sh.placeLoading = place;
        else if (q === '11') sh.placeDischarge = place;
        else if (q === '7') sh.placeDelivery = place;
        else if (q === '13' && place) sh.placesTransshipment.push(place);
        break;
      }
      case 'DTM':
        if (el(s, 0, 0) === '133') sh.departureDate = ediDate(el(s, 0, 1), el(s, 0, 2));
        break;
      case 'MOA':
        if (el(s, 0, 0) === '44') {
          sh.declaredValue = num(el(s, 0, 1));
          sh.currency = el(s, 0, 2) || sh.currency;
        }
        break;
      case 'CUX':
        sh.currency ||= el(s, 0, 1) || null;
        break;
      case 'CPI':
        sh.freightTerms = el(s, 0, 0) === 'P' ? 'PREPAID' : el(s, 0, 0) === 'C' ? 'COLLECT' : null;
        break;
      case 'NAD': {
        const role = ROLE[el(s, 0)];
        const party = role ? nadParty(s, role) : null;
        if (party) sh.parties.push(party);
        break;
      }
      case 'GID':
        inGoods = true;
        sh.packages = num(el(s, 1, 0));
        sh.packageType = el(s, 1, 1) || null;
        break;
      case 'FTX':
        if (inGoods && el(s, 0) === 'AAA') sh.goodsDescription = (s.elements[3] ?? []).filter(Boolean).join(' ');
        else if (!sh.goodsDescription && el(s, 0) === 'AAA') sh.goodsDescription = (s.elements[3] ?? []).filter(Boolean).join(' ');
        break;
      case 'PIA':
        if (el(s, 1)) sh.hsCodes.push(el(s, 1));
        break;
      case 'MEA':
        if (el(s, 0) === 'WT' || el(s, 0) === 'AAE') {
          if (el(s, 1) === 'AAB' || el(s, 1) === 'G') sh.grossWeightKg = num(el(s, 2, 1));
          if (el(s, 1) === 'AAW') sh.volumeM3 = num(el(s, 2, 1));
        }
        break;
      case 'SGP': {
        const n = el(s, 0).toUpperCase();
        if (n && !containers.has(n)) containers.set(n, { number: n, sizeType: '', seals: [] });
        break;
      }
      case 'EQD': {
        if (el(s, 0) !== 'CN') break;
        const n = el(s, 1).toUpperCase();
        last = containers.get(n) ?? { number: n, sizeType: '', seals: [] };
        last.sizeType = el(s, 2, 0);
        containers.set(n, last);
        break;
      }
      case 'SEL':
        if (last && el(s, 0)) last.seals.push(el(s, 0));
        break;
    }
  }
  sh.containers = [...containers.values()];
  if (!sh.docNumber) {
    log.reject(msg.segments[0]!.index, 'EDI_MISSING_DOCUMENT_NUMBER', `Instruction ${msg.ref} names no bill of lading; it was not imported.`, 'BGM');
    return null;
  }
  return { shipment: sh, segment: msg.segments[0]!.index };
}
