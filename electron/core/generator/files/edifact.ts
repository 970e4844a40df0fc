// The scenario as the UN/EDIFACT messages an analyst receives: CUSCAR (cargo report per vessel call),
// IFTMIN (instruction per bill of lading), BAPLIE (bay plan per call), COARRI (discharge report per
// call), CODECO (gate-out at the port), IFTSTA (status events per container), PAXLST (API per flight)
// and PNRGOV (PNR per flight). Text is folded to the UNOC character set, as most senders do.
import { asciiFold } from '../../../../shared/domain/names.ts';
import { edi101, edi102, edi201, edi203, segment as seg } from '../../formats/edifact-writer.ts';
import type { GenConveyance, GenFlight, GenMovement, GenParty, GenShipment } from '../model.ts';

export type Lookup = { party(key: string): GenParty; conveyance(key: string): GenConveyance | undefined };

const up = (s: string) => asciiFold(s).toUpperCase();
const QUAL: Record<string, string> = { shipper: 'CZ', consignee: 'CN', notify: 'N1', forwarder: 'FW', carrier: 'CA', agent: 'AG' };

function nad(role: string, p: GenParty): string {
  return seg('NAD', QUAL[role] ?? 'ZZZ', null, null, up(p.name).slice(0, 70), up(p.address).slice(0, 35), up(p.city).slice(0, 35), null, p.postcode, p.country);
}

function vesselTdt(c: GenConveyance, voyage: string): string {
  if (c.mode !== 'sea') return seg('TDT', 20, voyage, 1);
  return seg('TDT', 20, voyage, 1, null, [c.carrierCode, 172, 20], null, null, [c.imo, 146, 11, up(c.vesselName), c.flag]);
}

const evCode: Record<string, string> = {
  gate_out_empty: 'EE',
  gate_in_full: 'I',
  loaded: 'AE',
  discharged: 'UV',
  transshipped: 'TS',
  gate_out_full: 'OA',
  gate_in_empty: 'RD',
  status: 'ZZ',
};

export function cuscar(m: GenMovement, lookup: Lookup, reference: string): string[] {
  const body: string[] = [seg('BGM', 785, reference, 9), seg('DTM', [137, edi203(m.arrivalAt), 203]), seg('RFF', ['VON', m.shipments[0]?.voyage ?? ''])];
  body.push(vesselTdt(m.conveyance, m.shipments[0]?.voyage ?? ''), seg('LOC', 60, [m.place, 139, 6]), seg('DTM', [132, edi203(m.arrivalAt), 203]));
  for (const s of m.shipments) {
    for (const c of s.containers) {
      body.push(seg('EQD', 'CN', c.number, [c.sizeType, 102, 5], null, 3, 5), seg('MEA', 'AAE', 'T', ['KGM', c.tareKg]));
      for (const seal of c.seals.slice(-1)) body.push(seg('SEL', seal, 'CA'));
    }
  }
  m.shipments.forEach((s, i) => {
    body.push(seg('CNI', i + 1, [s.docNumber, 'BOL']), seg('LOC', 9, [s.placeLoading, 139, 6]), seg('LOC', 11, [s.placeDischarge, 139, 6]));
    for (const t of s.placesTransshipment) body.push(seg('LOC', 13, [t, 139, 6]));
    if (s.placeDelivery !== s.placeDischarge) body.push(seg('LOC', 7, [s.placeDelivery, 139, 6]));
    for (const p of s.parties) if (p.role !== 'carrier') body.push(nad(p.role, lookup.party(p.partyKey)));
    body.push(seg('GID', 1, [s.packages, s.packageType]), seg('FTX', 'AAA', null, null, up(s.goodsDescription)));
    for (const hs of s.hsCodes) body.push(seg('PIA', 5, [hs, 'HS']));
    body.push(seg('MEA', 'AAE', 'G', ['KGM', s.grossWeightKg]), seg('MEA', 'AAE', 'AAW', ['MTQ', s.volumeM3]));
    const per = Math.max(1, Math.round(s.packages / Math.max(1, s.containers.length)));
    for (const c of s.containers) body.push(seg('SGP', c.number, per));
  });
  body.push(seg('CNT', [11, m.shipments.length]));
  return body;
}

export function iftmin(s: GenShipment, lookup: Lookup): string[] {
  const vessel = lookup.conveyance(s.conveyanceKey);
  const body = [
    seg('BGM', 340, s.docNumber, 9),
    seg('DTM', [137, edi102(s.bookingDate), 102]),
    seg('TSR', '30'),
    seg('FTX', 'AAA', null, null, up(s.goodsDescription)),
  ];
  body.push(seg('CNT', [7, s.grossWeightKg, 'KGM']), seg('CNT', [11, s.packages]), seg('RFF', ['BN', s.docNumber]), seg('RFF', ['BM', s.docNumber]));
  body.push(
    seg('TDT', 20, s.voyage, 1, null, vessel?.mode === 'sea' ? [vessel.carrierCode, 172, 20] : null),
    seg('LOC', 88, [s.placeReceipt, 139, 6]),
    seg('LOC', 9, [s.placeLoading, 139, 6]),
    seg('DTM', [133, edi102(s.departureDate), 102]),
  );
  body.push(seg('LOC', 11, [s.placeDischarge, 139, 6]), seg('LOC', 7, [s.placeDelivery, 139, 6]));
  body.push(seg('CUX', [2, s.currency, 9]), seg('MOA', [44, s.declaredValue, s.currency]), seg('CPI', [s.freightTerms === 'PREPAID' ? 'P' : 'C']));
  for (const p of s.parties) if (p.role !== 'carrier') body.push(nad(p.role, lookup.party(p.partyKey)));
  body.push(seg('GID', 1, [s.packages, s.packageType]), seg('FTX', 'AAA', null, null, up(s.goodsDescription)));
  for (const hs of s.hsCodes) body.push(seg('PIA', 5, [hs, 'HS']));
  body.push(seg('MEA', 'WT', 'AAB', ['KGM', s.grossWeightKg]));
  for (const c of s.containers) body.push(seg('SGP', c.number));
  for (const c of s.containers) body.push(seg('EQD', 'CN', c.number, [c.sizeType, 102, 5], 2, null, 5), seg('SEL', c.seals[0], 'SH'));
  return body;
}

export function baplie(m: GenMovement, reference: string): string[] {
  const body = [seg('BGM', null, reference, 9), seg('DTM', [137, edi201(m.arrivalAt), 201]), vesselTdt(m.conveyance, m.shipments[0]?.voyage ?? '')];
  body.push(
    seg('LOC', 5, [m.shipments[0]?.placesTransshipment[0] ?? m.shipments[0]?.placeLoading ?? '', 139, 6]),
    seg('LOC', 61, [m.place, 139, 6]),
    seg('DTM', [178, edi201(m.arrivalAt), 201]),
  );
  let cell = 0;
  for (const s of m.shipments) {
    for (const c of s.containers) {
      cell++;
      const bay = String(1 + ((cell * 2) % 40)).padStart(3, '0');
      const row = String(cell % 12).padStart(2, '0');
      const tier = String(2 + 2 * (cell % 5) + (cell % 3 === 0 ? 80 : 0)).padStart(2, '0');
      const gross = Math.round(c.tareKg + s.grossWeightKg / s.containers.length);
      body.push(
        seg('LOC', 147, [`${bay}${row}${tier}`, null, 5]),
        seg('MEA', 'WT', null, ['KGM', gross]),
        seg('LOC', 9, [s.placesTransshipment[0] ?? s.placeLoading, 139, 6]),
        seg('LOC', 11, [s.placeDischarge, 139, 6]),
      );
      body.push(
        seg('RFF', ['BM', 1]),
        seg('EQD', 'CN', c.number, c.sizeType, null, null, 5),
        seg('NAD', 'CA', [m.conveyance.mode === 'sea' ? m.conveyance.carrierCode : '', 172, 20]),
      );
    }
  }
  return body;
}

export function coarri(m: GenMovement, reference: string): string[] {
  const body = [
    seg('BGM', 119, reference, 9),
    seg('DTM', [137, edi203(m.arrivalAt), 203]),
    vesselTdt(m.conveyance, m.shipments[0]?.voyage ?? ''),
    seg('LOC', 11, [m.place, 139, 6]),
  ];
  for (const s of m.shipments) {
    for (const c of s.containers) {
      const ev = c.events.find((e) => e.kind === 'discharged' && e.place === m.place);
      if (!ev) continue;
      body.push(seg('EQD', 'CN', c.number, [c.sizeType, 102, 5], null, 3, 5), seg('RFF', ['BM', s.docNumber]), seg('DTM', [203, edi203(ev.at), 203]));
      if (ev.seal) body.push(seg('SEL', ev.seal, 'CA'));
    }
  }
  return body;
}

/** CODECO: one gate-out report per vessel call's containers, as the terminal sends them. */
export function codeco(m: GenMovement, reference: string): string[] {
  const body = [seg('BGM', 36, reference, 9), seg('DTM', [137, edi203(m.arrivalAt), 203]), seg('NAD', 'MS', ['TERMINAL', 160, 87])];
  for (const s of m.shipments) {
    for (const c of s.containers) {
      const ev = c.events.find((e) => e.kind === 'gate_out_full');
      if (!ev) continue;
      body.push(
        seg('EQD', 'CN', c.number, [c.sizeType, 102, 5], null, 3, 5),
        seg('RFF', ['BM', s.docNumber]),
        seg('DTM', [7, edi203(ev.at), 203]),
        seg('LOC', 165, [ev.place, 139, 6]),
      );
      if (ev.seal) body.push(seg('SEL', ev.seal, 'CA'));
      body.push(seg('TDT', 1, null, 3));
    }
  }
  body.push(seg('CNT', [16, body.filter((x) => x.startsWith('EQD')).length]));
  return body;
}

/** IFTSTA: every track-and-trace event of each container of a bill of lading. */
export function iftsta(s: GenShipment, lookup: Lookup, reference: string): string[] {
  const body = [
    seg('BGM', 23, reference, 9),
    seg('DTM', [137, edi203(s.containers[0]?.events.at(-1)?.at ?? `${s.arrivalDate}T00:00Z`), 203]),
    seg('CNI', 1, s.docNumber),
  ];
  for (const c of s.containers) {
    for (const e of c.events) {
      const v = e.conveyanceKey ? lookup.conveyance(e.conveyanceKey) : undefined;
      body.push(
        seg('STS', 1, evCode[e.kind] ?? 'ZZ'),
        seg('RFF', ['BM', s.docNumber]),
        seg('DTM', [334, edi203(e.at), 203]),
        seg('LOC', 175, [e.place, 139, 6]),
      );
      if (v?.mode === 'sea') body.push(seg('TDT', 20, e.voyage, 1, null, null, null, null, [v.imo, 146, 11, up(v.vesselName)]));
      body.push(seg('EQD', 'CN', c.number, [c.sizeType, 102, 5], null, null, e.fullEmpty === 'F' ? 5 : 4));
      if (e.seal) body.push(seg('SEL', e.seal, 'CA'));
    }
  }
  return body;
}

export function paxlst(f: GenFlight, reference: string): string[] {
  const c = f.conveyance;
  const pax = f.bookings.flatMap((b) => b.passengers.map((p) => ({ p, b })));
  const body = [
    seg('BGM', 745),
    seg('RFF', ['TN', reference]),
    seg('NAD', 'MS', null, null, `${c.carrierCode} API CONTACT`),
    seg('COM', ['+90 212 000 0000', 'TE']),
  ];
  body.push(
    seg('TDT', 20, c.flightNumber, null, null, [c.carrierCode]),
    seg('LOC', 125, c.origin),
    seg('DTM', [189, edi201(f.departureAt), 201]),
    seg('LOC', 87, c.destination),
    seg('DTM', [232, edi201(f.arrivalAt), 201]),
  );
  for (const { p, b } of pax) {
    body.push(seg('NAD', 'FL', null, null, [up(p.surname), up(p.givenNames)]), seg('ATT', 2, null, p.sex), seg('DTM', [329, edi101(p.birthDate)]));
    body.push(
      seg('LOC', 22, c.destination),
      seg('LOC', 178, c.origin),
      seg('LOC', 179, c.destination),
      seg('NAT', 2, p.nationality),
      seg('RFF', ['AVF', b.recordLocator]),
    );
    body.push(seg('DOC', [p.docType, 110, 111], p.docNumber), seg('DTM', [36, edi101(p.docExpiry)]), seg('LOC', 91, p.docCountry));
  }
  body.push(seg('CNT', [42, pax.length]));
  return body;
}

/** PNRGOV (IATA/UN, version 11.1): the flight, then each PNR with its travellers, payment, contacts and itinerary. */
export function pnrgov(f: GenFlight): string[] {
  const c = f.conveyance;
  const dt = (iso: string) => [iso.slice(8, 10) + iso.slice(5, 7) + iso.slice(2, 4), iso.slice(11, 13) + iso.slice(14, 16)];
  const [depDate, depTime] = dt(f.departureAt);
  const body = [
    seg('MSG', [null, 22]),
    seg('ORG', [c.carrierCode, c.origin]),
    seg('TVL', [depDate, depTime], c.origin, c.destination, c.carrierCode, c.flightNumber.replace(/^\D+/, '')),
    seg('EQN', f.bookings.length),
  ];
  for (const b of f.bookings) {
    const [bd, bt] = dt(b.bookingDate);
    const [td, tt] = dt(b.ticketingDate);
    body.push(
      seg('SRC'),
      seg('RCI', [b.carrierCode, b.recordLocator, null, bd, bt]),
      seg('DAT', [700, bd, bt], [710, td, tt]),
      seg('ORG', [b.carrierCode], null, null, null, null, null, up(b.agency).slice(0, 35)),
    );
    for (const contact of b.contacts) body.push(seg('IFT', [4, contact.type === 'phone' ? 'CTCM' : 'CTCE'], contact.value.toUpperCase()));
    b.passengers.forEach((p, i) => {
      body.push(seg('TIF', [up(p.surname), null, 1], [up(p.givenNames), 'A', String(i + 1)]));
      body.push(seg('FTI', [c.carrierCode, `${c.carrierCode}${String(1000000 + i)}`]));
      body.push(
        seg('SSR', [
          'DOCS',
          'HK',
          1,
          c.carrierCode,
          null,
          null,
          null,
          null,
          `/${p.docType}/${p.docCountry}/${p.docNumber}/${p.nationality}/${edi101(p.birthDate)}/${p.sex}/${edi101(p.docExpiry)}/${up(p.surname)}/${up(p.givenNames)}`,
        ]),
      );
      const bag = b.baggage[i];
      if (bag && bag.pieces > 0) body.push(seg('EBD', ['USD', 0, null, bag.pieces], null, [bag.weightKg, 'K']));
    });
    body.push(seg('FOP', [b.paymentForm, 3]));
    b.segments.forEach((s) => {
      const [sd, st] = dt(s.departureAt);
      const [ad, at] = dt(s.arrivalAt);
      body.push(
        seg('TVL', [sd, st, ad, at], s.origin, s.destination, s.carrierCode, s.flightNumber.replace(/^\D+/, '')),
        seg('RPI', b.passengers.length, 'HK'),
      );
    });
  }
  return body;
}
