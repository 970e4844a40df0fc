// Passenger flights into the region with API data (names, documents with valid MRZ) and PNR data
// (record locator, dates, agency, form of payment, contacts, co-travellers, baggage, itinerary).
import { mrzCheckDigit } from '../../../shared/domain/identifiers.ts';
import type { GenBooking, GenConveyance, GenFlight, GenPassenger, GenSegment } from './model.ts';
import { asciiFold, email, personName, phone } from './names.ts';
import { reference } from './reference.ts';
import type { Rng } from './rng.ts';
import { DAY, HOUR, isoDay, isoMinute } from './time.ts';

const ROUTES: Record<string, [string, string, number][]> = {
  // destination → [origin, carrier, weight]
  SJJ: [
    ['IST', 'TK', 5],
    ['SAW', 'PC', 3],
    ['VIE', 'OS', 3],
    ['FRA', 'LH', 2],
    ['ZRH', 'LX', 2],
    ['DXB', 'FZ', 2],
    ['DOH', 'QR', 1],
    ['BEG', 'JU', 2],
    ['MUC', 'LH', 2],
  ],
  SKP: [
    ['IST', 'TK', 5],
    ['SAW', 'PC', 2],
    ['VIE', 'OS', 2],
    ['ZRH', 'LX', 1],
    ['DXB', 'FZ', 1],
    ['BEG', 'JU', 1],
    ['MUC', 'LH', 1],
  ],
  BEG: [
    ['IST', 'TK', 4],
    ['FRA', 'LH', 3],
    ['VIE', 'OS', 2],
    ['ZRH', 'LX', 2],
    ['DOH', 'QR', 2],
    ['DXB', 'FZ', 1],
    ['AMS', 'KL', 2],
    ['CDG', 'AF', 2],
    ['FCO', 'JU', 2],
    ['ATH', 'JU', 1],
  ],
  TGD: [
    ['IST', 'TK', 2],
    ['BEG', 'JU', 3],
    ['VIE', 'OS', 1],
  ],
  TIA: [
    ['IST', 'TK', 3],
    ['FCO', 'JU', 1],
    ['VIE', 'OS', 1],
  ],
  PRN: [
    ['IST', 'TK', 3],
    ['ZRH', 'LX', 2],
    ['VIE', 'OS', 1],
  ],
  ZAG: [
    ['FRA', 'LH', 3],
    ['IST', 'TK', 2],
    ['AMS', 'KL', 1],
  ],
};
const NATIONALITIES: Record<string, [string, number][]> = {
  SJJ: [
    ['BA', 10],
    ['TR', 2],
    ['DE', 1],
    ['AT', 1],
    ['HR', 1],
    ['AE', 1],
    ['RS', 1],
  ],
  SKP: [
    ['MK', 10],
    ['AL', 2],
    ['TR', 2],
    ['DE', 1],
    ['CH', 1],
  ],
  BEG: [
    ['RS', 10],
    ['DE', 1],
    ['TR', 1],
    ['CN', 1],
    ['ME', 1],
    ['BA', 1],
    ['GB', 1],
  ],
};
const SOURCE_ROUTES: [string, string, string][] = [
  // [source airport, hub, carrier of the first leg]
  ['GRU', 'IST', 'TK'],
  ['BOG', 'MAD', 'IB'],
  ['GRU', 'LIS', 'TP'],
  ['BOG', 'IST', 'TK'],
  ['GRU', 'ADD', 'ET'],
];
const AGENCIES = [
  'Airline website',
  'Airline call centre',
  'Balkan Travel d.o.o.',
  'Sky Tours',
  'Euro Turist',
  'Globtour',
  'Fly Express Agency',
  'Online travel agency',
];
const LOCATOR_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function recordLocator(i: number): string {
  let v = Math.imul(i + 1, 0x9e3779b1) >>> 2;
  let s = '';
  for (let k = 0; k < 6; k++) {
    s += LOCATOR_ALPHABET[v & 31];
    v >>>= 5;
  }
  return s;
}

function mrzName(surname: string, given: string, width: number): string {
  const clean = (t: string) =>
    asciiFold(t)
      .toUpperCase()
      .replace(/[^A-Z ]/g, '')
      .trim()
      .replace(/\s+/g, '<');
  return `${clean(surname)}<<${clean(given)}`.padEnd(width, '<').slice(0, width);
}

const yymmdd = (day: string) => day.slice(2, 4) + day.slice(5, 7) + day.slice(8, 10);

export function passport(rng: Rng, key: string, nationality: string, now: number, sex?: 'M' | 'F'): GenPassenger {
  const country = reference().countries.find((c) => c.a2 === nationality) ?? reference().countries[0]!;
  const name = personName(rng, nationality);
  const birthDate = isoDay(now - rng.int(18, 75) * 365 * DAY - rng.int(0, 364) * DAY);
  const docExpiry = isoDay(now + rng.int(60, 3600) * DAY);
  const docNumber = `${rng.letters(1)}${rng.digits(7)}`;
  const s = sex ?? (rng.chance(0.5) ? 'M' : 'F');
  const docField = docNumber.padEnd(9, '<');
  const birth = yymmdd(birthDate);
  const expiry = yymmdd(docExpiry);
  const personal = '<'.repeat(14);
  const line2head = `${docField}${mrzCheckDigit(docField)}${country.a3}${birth}${mrzCheckDigit(birth)}${s}${expiry}${mrzCheckDigit(expiry)}${personal}<`;
  const composite = line2head.slice(0, 10) + line2head.slice(13, 20) + line2head.slice(21, 43);
  const line1 = `P<${country.a3}${mrzName(name.surname, name.given, 39)}`;
  return {
    key,
    surname: name.surname,
    givenNames: name.given,
    birthDate,
    sex: s,
    nationality: country.a3,
    docType: 'P',
    docNumber,
    docCountry: country.a3,
    docExpiry,
    mrz: `${line1}\n${line2head}${mrzCheckDigit(composite)}`,
  };
}

export type FlightPlan = { destination: string; arrivalAt: number; seats: number };

export type PassengerContext = {
  rng: Rng;
  counters: { booking: number; passenger: number };
  /** Courier passengers still to place, and the passenger slots left in the scenario. */
  couriers: { quota: number; slotsLeft: number; organiserPhone: string | null };
  record(record: { docNumber: string; recordLocator: string; flight: string }): void;
};

export function passengerFlight(ctx: PassengerContext, plan: FlightPlan): GenFlight {
  const { rng } = ctx;
  const [origin, carrier] = rng.weighted((ROUTES[plan.destination] ?? ROUTES['SJJ']!).map(([o, c, w]) => [[o, c] as const, w] as const));
  const flightNumber = `${carrier}${String(1000 + ((origin.charCodeAt(0) * 7 + plan.destination.charCodeAt(1) * 13) % 8000)).slice(0, 4)}`;
  const departureAt = plan.arrivalAt - rng.int(90, 240) * 60_000;
  const flightDate = isoDay(departureAt);
  const conveyance: GenConveyance & { mode: 'air' } = {
    key: `F${flightNumber}${flightDate}`,
    mode: 'air',
    carrierCode: carrier,
    flightNumber,
    flightDate,
    origin,
    destination: plan.destination,
  };
  const segment: GenSegment = {
    carrierCode: carrier,
    flightNumber,
    origin,
    destination: plan.destination,
    departureAt: isoMinute(departureAt),
    arrivalAt: isoMinute(plan.arrivalAt),
  };
  const bookings: GenBooking[] = [];
  let seated = 0;
  const nationalities = NATIONALITIES[plan.destination] ?? NATIONALITIES['SJJ']!;
  while (seated < plan.seats) {
    const left = plan.seats - seated;
    const { quota, slotsLeft } = ctx.couriers;
    // Courier groups land at random, and any still unplaced are put on the last flights: exact count.
    const courier = quota > 0 && (slotsLeft <= quota || rng.float() < (quota / Math.max(1, slotsLeft)) * 0.55);
    const courierGroup: [number, number][] = [
      [1, 3],
      [2, 4],
      [3, 3],
    ];
    const partySize: [number, number][] = [
      [1, 60],
      [2, 25],
      [3, 8],
      [4, 5],
      [5, 2],
    ];
    // Ordinary bookings never take the seats the remaining couriers need.
    const size = courier ? Math.min(left, quota, rng.weighted(courierGroup)) : Math.min(left, slotsLeft - quota, rng.weighted(partySize));
    const booking = courier ? courierBooking(ctx, segment, departureAt, size) : ordinaryBooking(ctx, segment, departureAt, size, nationalities);
    if (courier) ctx.couriers.quota -= size;
    ctx.couriers.slotsLeft -= size;
    bookings.push(booking);
    seated += size;
  }
  return { conveyance, departureAt: isoMinute(departureAt), arrivalAt: isoMinute(plan.arrivalAt), bookings };
}

function newBooking(ctx: PassengerContext, carrier: string, bookedAt: number, paymentForm: GenBooking['paymentForm'], agency: string): GenBooking {
  const { rng } = ctx;
  return {
    recordLocator: recordLocator(ctx.counters.booking++),
    carrierCode: carrier,
    bookingDate: isoMinute(bookedAt),
    ticketingDate: isoMinute(bookedAt + rng.int(0, 48) * HOUR),
    agency,
    paymentForm,
    contacts: [],
    baggage: [],
    passengers: [],
    segments: [],
  };
}

function ordinaryBooking(ctx: PassengerContext, outbound: GenSegment, departureAt: number, size: number, nationalities: [string, number][]): GenBooking {
  const { rng } = ctx;
  const bookedAt = departureAt - rng.int(2, 90) * DAY - rng.int(0, 23) * HOUR;
  const b = newBooking(
    ctx,
    outbound.carrierCode,
    bookedAt,
    rng.weighted([
      ['CC', 72],
      ['IN', 10],
      ['MS', 14],
      ['CA', 4],
    ] as const),
    rng.pick(AGENCIES),
  );
  b.ticketingDate = isoMinute(Math.min(departureAt - 2 * HOUR, Date.parse(b.ticketingDate)));
  const nationality = rng.weighted(nationalities);
  for (let i = 0; i < size; i++)
    b.passengers.push(passport(rng, `A${ctx.counters.passenger++}`, i === 0 || rng.chance(0.3) ? nationality : rng.weighted(nationalities), departureAt));
  b.contacts.push(
    { type: 'phone', value: phone(rng, nationality) },
    { type: 'email', value: email(rng, `${b.passengers[0]!.givenNames}.${b.passengers[0]!.surname}`, nationality) },
  );
  for (const _p of b.passengers) b.baggage.push({ pieces: rng.int(0, 2), weightKg: rng.int(0, 2) === 0 ? 0 : rng.int(8, 23) });
  b.segments.push(outbound);
  if (rng.chance(0.7)) {
    const back = departureAt + rng.int(3, 21) * DAY;
    b.segments.push({
      carrierCode: outbound.carrierCode,
      flightNumber: outbound.flightNumber.replace(/\d$/, (d) => String((Number(d) + 1) % 10)),
      origin: outbound.destination,
      destination: outbound.origin,
      departureAt: isoMinute(back),
      arrivalAt: isoMinute(back + 2 * HOUR),
    });
  }
  return b;
}

function courierBooking(ctx: PassengerContext, outbound: GenSegment, departureAt: number, size: number): GenBooking {
  const { rng } = ctx;
  const [source, hub, firstCarrier] = rng.pick(SOURCE_ROUTES);
  const bookedAt = departureAt - rng.int(2, 20) * HOUR;
  const b = newBooking(ctx, outbound.carrierCode, bookedAt, 'CA', rng.pick(AGENCIES.slice(2)));
  const nationality = rng.pick(['BR', 'CO', 'RS', 'BA', 'ME', 'AL', 'MK']);
  for (let i = 0; i < size; i++) {
    const p = passport(rng, `A${ctx.counters.passenger++}`, i === 0 ? nationality : rng.pick([nationality, 'BR', 'CO']), departureAt);
    b.passengers.push(p);
    ctx.record({ docNumber: p.docNumber, recordLocator: b.recordLocator, flight: `${outbound.flightNumber}/${outbound.departureAt.slice(0, 10)}` });
  }
  // Separate bookings of one network often share the organiser's phone as their contact.
  if (!ctx.couriers.organiserPhone || rng.chance(0.3)) ctx.couriers.organiserPhone = phone(rng, rng.pick(['RS', 'BA', 'ME', 'AL']));
  b.contacts.push({ type: 'phone', value: rng.chance(0.6) ? ctx.couriers.organiserPhone : phone(rng, nationality) });
  for (const _p of b.passengers) b.baggage.push({ pieces: 1, weightKg: rng.int(15, 23) });
  const firstLegArrival = departureAt - rng.int(2, 6) * HOUR;
  b.segments.push({
    carrierCode: firstCarrier,
    flightNumber: `${firstCarrier}${rng.int(10, 999)}`,
    origin: source,
    destination: hub,
    departureAt: isoMinute(firstLegArrival - rng.int(9, 13) * HOUR),
    arrivalAt: isoMinute(firstLegArrival),
  });
  if (outbound.origin !== hub) {
    b.segments.push({
      carrierCode: firstCarrier,
      flightNumber: `${firstCarrier}${rng.int(1000, 1999)}`,
      origin: hub,
      destination: outbound.origin,
      departureAt: isoMinute(firstLegArrival + HOUR),
      arrivalAt: isoMinute(departureAt - HOUR),
    });
  }
  b.segments.push(outbound);
  if (rng.chance(0.4)) {
    const back = departureAt + rng.int(2, 4) * DAY;
    b.segments.push({
      carrierCode: outbound.carrierCode,
      flightNumber: outbound.flightNumber,
      origin: outbound.destination,
      destination: outbound.origin,
      departureAt: isoMinute(back),
      arrivalAt: isoMinute(back + 2 * HOUR),
    });
  }
  return b;
}
