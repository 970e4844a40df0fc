// The scenario's air cargo as IATA Cargo-IMP messages: FWB (air waybill), FHL (house manifest of a
// consolidation) and FFM (flight manifest). Line-based, upper case, slash-separated.
import { asciiFold } from '../../../../shared/domain/names.ts';
import type { GenMovement, GenParty, GenShipment } from '../model.ts';
import type { Lookup } from './edifact.ts';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
/** Cargo-IMP text: upper case letters, digits, space and a few marks; 35 characters a field unless stated. */
const txt = (s: string, max = 35) =>
  asciiFold(s)
    .toUpperCase()
    .replace(/[^A-Z0-9 .,-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
const day = (iso: string) => `${iso.slice(8, 10)}${MONTHS[Number(iso.slice(5, 7)) - 1]}`;
const kg = (n: number) => `K${n.toFixed(1)}`;

function partyLines(tag: string, p: GenParty): string[] {
  return [tag, `NAM/${txt(p.name)}`, `ADR/${txt(p.address)}`, `LOC/${txt(p.city, 17)}`, `/${p.country}${p.postcode ? `/${txt(p.postcode, 9)}` : ''}`];
}

function awbLine(s: GenShipment): string {
  return `${s.docNumber}${s.placeLoading}${s.placeDischarge}/T${s.packages}${kg(s.grossWeightKg)}`;
}

export function fwb(s: GenShipment, lookup: Lookup): string {
  const flight = lookup.conveyance(s.conveyanceKey);
  const party = (role: string) => s.parties.find((p) => p.role === role);
  const shipper = party('shipper');
  const consignee = party('consignee');
  const lines = ['FWB/16', `${awbLine(s)}MC${s.volumeM3.toFixed(2)}`];
  if (flight?.mode === 'air') lines.push(`FLT/${flight.flightNumber}/${flight.flightDate.slice(8, 10)}`, `RTG/${s.placeDischarge}${flight.carrierCode}`);
  if (shipper) lines.push(...partyLines('SHP', lookup.party(shipper.partyKey)));
  if (consignee) lines.push(...partyLines('CNE', lookup.party(consignee.partyKey)));
  const pp = s.freightTerms === 'PREPAID' ? 'PP' : 'CC';
  lines.push(`CVD/${s.currency}//${pp}/NVD/${s.declaredValue}/XXX`);
  const rate = 2.4;
  lines.push(`RTD/1/P${s.packages}/${kg(s.grossWeightKg)}/CQ/W${s.grossWeightKg.toFixed(1)}/R${rate.toFixed(2)}/T${(rate * s.grossWeightKg).toFixed(2)}`);
  lines.push(`/NG/${txt(s.goodsDescription, 20)}`, `/2/NV/MC${s.volumeM3.toFixed(2)}`);
  if (s.hsCodes[0]) lines.push(`/3/NH/${s.hsCodes[0]}`);
  lines.push(`ISU/${day(s.departureDate)}${s.departureDate.slice(2, 4)}/${s.placeLoading}`);
  return lines.join('\n') + '\n';
}

export function fhl(master: GenShipment, houses: GenShipment[], lookup: Lookup): string {
  const lines = ['FHL/4', `MBI/${awbLine(master)}`];
  for (const h of houses) {
    lines.push(`HBS/${h.docNumber}/${h.placeReceipt}${h.placeDischarge}/${h.packages}/${kg(h.grossWeightKg)}//${txt(h.goodsDescription, 15)}`);
    lines.push(`TXT/${txt(h.goodsDescription, 65)}`);
    if (h.hsCodes[0]) lines.push(`HTS/${h.hsCodes[0]}`);
    const shp = h.parties.find((p) => p.role === 'shipper');
    const cne = h.parties.find((p) => p.role === 'consignee');
    if (shp) lines.push(...partyLines('SHP', lookup.party(shp.partyKey)));
    if (cne) lines.push(...partyLines('CNE', lookup.party(cne.partyKey)));
  }
  return lines.join('\n') + '\n';
}

export function ffm(m: GenMovement): string {
  const c = m.conveyance;
  if (c.mode !== 'air') return '';
  const lines = ['FFM/8', `1/${c.flightNumber}/${day(c.flightDate)}/${c.origin}`, c.destination];
  for (const s of m.shipments) if (!s.isHouse) lines.push(`${awbLine(s)}/${txt(s.goodsDescription, 15)}`);
  lines.push('LAST');
  return lines.join('\n') + '\n';
}
