// CUSCAR (customs cargo report): the vessel call, its equipment, and one consignment per CNI group with
// its places, parties, goods, measures and containers.
import type { IssueLog } from '../report.ts';
import { emptyShipment, type ParsedContainer, type ParsedParty, type ParsedShipment, type ParsedVessel } from '../store.ts';
import { nadParty, type EdiMessage, type EdiSegment } from './tokenizer.ts';

export type CuscarResult = { vessel: ParsedVessel | null; consignments: { shipment: ParsedShipment; segment: number }[] };

const ROLE: Record<string, ParsedParty['role']> = { CZ: 'shipper', CN: 'consignee', N1: 'notify', NI: 'notify', FW: 'forwarder', CA: 'carrier', AG: 'agent' };

const el = (s: EdiSegment, i: number, c = 0) => (s.elements[i]?.[c] ?? '').trim();

/** An EDIFACT date/time by its format code (102 CCYYMMDD, 203 CCYYMMDDHHMM, 201 YYMMDDHHMM) as YYYY-MM-DD. */
export function ediDate(value: string, format: string): string | null {
  const v = value.trim();
  if ((format === '102' || format === '203') && /^\d{8}/.test(v)) return `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`;
  if ((format === '201' || format === '101' || format === '') && /^\d{6}/.test(v)) return `20${v.slice(0, 2)}-${v.slice(2, 4)}-${v.slice(4, 6)}`;
  return null;
}

function number(text: string): number | null {
  if (text === '') return null;
  const n = Number(text.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

export function mapCuscar(msg: EdiMessage, log: IssueLog): CuscarResult {
  let vessel: ParsedVessel | null = null;
  let voyage: string | null = null;
  let arrivalDate: string | null = null;
  let inTransport = false;
  const equipment = new Map<string, ParsedContainer>();
  let lastEquipment: ParsedContainer | null = null;
  const consignments: CuscarResult['consignments'] = [];
  let current: { shipment: ParsedShipment; segment: number } | null = null;

  const close = () => {
    if (!current) return;
    if (!current.shipment.docNumber)
      log.reject(current.segment, 'EDI_MISSING_DOCUMENT_NUMBER', 'A consignment (CNI) has no transport document number; it was not imported.', 'CNI');
    else consignments.push(current);
    current = null;
  };

  for (const s of msg.segments) {
    switch (s.tag) {
      case 'TDT':
        if (el(s, 0) === '20' && !current) {
          voyage = el(s, 1) || null;
          vessel = { imo: el(s, 7, 0), name: el(s, 7, 3), flag: el(s, 7, 4), carrierCode: el(s, 4, 0) };
          inTransport = true;
        }
        break;
      case 'LOC':
        if (!current) break;
        switch (el(s, 0)) {
          case '9':
            current.shipment.placeLoading = el(s, 1) || null;
            break;
          case '11':
            current.shipment.placeDischarge = el(s, 1) || null;
            break;
          case '13':
            current.shipment.placesTransshipment.push(el(s, 1));
            break;
          case '7':
            current.shipment.placeDelivery = el(s, 1) || null;
            break;
          case '88':
            current.shipment.placeReceipt = el(s, 1) || null;
        }
        break;
      case 'DTM':
        if (!current && inTransport && el(s, 0, 0) === '132') arrivalDate = ediDate(el(s, 0, 1), el(s, 0, 2));
        break;
      case 'EQD': {
        if (el(s, 0) !== 'CN' || current) break;
        lastEquipment = { number: el(s, 1).replace(/\s/g, '').toUpperCase(), sizeType: el(s, 2, 0), seals: [] };
        equipment.set(lastEquipment.number, lastEquipment);
        break;
      }
      case 'SEL':
        if (!current && lastEquipment && el(s, 0)) lastEquipment.seals.push(el(s, 0));
        break;
      case 'CNI':
        close();
        current = {
          segment: s.index,
          shipment: { ...emptyShipment('sea', 'BL', el(s, 1, 0)), arrivalDate, voyage },
        };
        break;
      case 'NAD': {
        const role = ROLE[el(s, 0)];
        if (!current || !role) break;
        const party = nadParty(s, role);
        if (party) current.shipment.parties.push(party);
        else log.warn(s.index, 'EDI_PARTY_WITHOUT_NAME', `A ${role} without a name was skipped.`, 'NAD');
        break;
      }
      case 'GID':
        if (current) {
          current.shipment.packages = number(el(s, 1, 0));
          current.shipment.packageType = el(s, 1, 1) || null;
        }
        break;
      case 'FTX':
        if (current && (el(s, 0) === 'AAA' || el(s, 0) === 'AAI'))
          current.shipment.goodsDescription = [current.shipment.goodsDescription, ...(s.elements[3] ?? [])].filter(Boolean).join(' ');
        break;
      case 'PIA':
        if (current && el(s, 1)) current.shipment.hsCodes.push(el(s, 1));
        break;
      case 'MEA':
        if (!current || el(s, 0) !== 'AAE') break;
        if (el(s, 1) === 'G' || el(s, 1) === 'AAB') current.shipment.grossWeightKg = number(el(s, 2, 1));
        else if (el(s, 1) === 'AAW') current.shipment.volumeM3 = number(el(s, 2, 1));
        break;
      case 'SGP': {
        if (!current) break;
        const number_ = el(s, 0).replace(/\s/g, '').toUpperCase();
        const known = equipment.get(number_);
        if (!known) log.warn(s.index, 'EDI_UNKNOWN_EQUIPMENT', `Container ${number_} is not declared in an EQD segment.`, 'SGP');
        if (!current.shipment.containers.some((c) => c.number === number_))
          current.shipment.containers.push(known ?? { number: number_, sizeType: '', seals: [] });
        break;
      }
    }
  }
  close();
  return { vessel, consignments };
}
