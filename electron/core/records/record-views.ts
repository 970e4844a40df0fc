// Reads one record for its view: a shipment with everything linked to it, a container's timeline with
// its anomalies flagged, a party with its history, lanes, counterparties and look-alikes.
import {
  TIMELINE_RULES,
  flightDesignator,
  type ContainerRecord,
  type PartyRecord,
  type PassengerRecord,
  type PartyRef,
  type ShipmentRecord,
  type TimelineFlag,
} from '../../../shared/domain/records.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Db } from '../workspace/database.ts';
import { placeCoordinates } from './places.ts';
import { conveyanceLabel } from './labels.ts';

const notFound = (what: string) => new AppError('RECORD_NOT_FOUND', `There is no such ${what} in this workspace.`);
const list = (json: string | null): string[] => (json ? (JSON.parse(json) as string[]) : []);

export function shipmentRecord(db: Db, id: number): ShipmentRecord {
  const s = db
    .prepare(
      `SELECT s.*, b.source_file, ${conveyanceLabel('c', true)} AS conveyance_name
       FROM shipment s LEFT JOIN import_batch b ON b.id = s.import_id LEFT JOIN conveyance c ON c.id = s.conveyance_id WHERE s.id = ?`,
    )
    .get(id) as Record<string, string | number | null> | undefined;
  if (!s) throw notFound('shipment');
  const str = (k: string) => (s[k] === null || s[k] === undefined ? null : String(s[k]));
  const num = (k: string) => (s[k] === null || s[k] === undefined ? null : Number(s[k]));
  const route: ShipmentRecord['route'] = [];
  const at = (role: ShipmentRecord['route'][number]['role'], place: string | null) =>
    place && route.push({ role, place, ...placeCoordinates(place, String(s['mode'])) });
  at('receipt', str('place_receipt'));
  at('loading', str('place_loading'));
  for (const p of list(str('places_transshipment'))) at('transshipment', p);
  at('discharge', str('place_discharge'));
  at('delivery', str('place_delivery'));
  return {
    id,
    mode: String(s['mode']),
    docType: String(s['doc_type']),
    docNumber: String(s['doc_number']),
    docValid: num('doc_valid'),
    masterDocNumber: str('master_doc_number'),
    isHouse: s['is_house'] === 1,
    version: Number(s['version']),
    versions: db
      .prepare('SELECT id, version, source_ref AS source FROM shipment WHERE doc_number = ? AND doc_type = ? ORDER BY version, id')
      .all(s['doc_number'], s['doc_type']) as ShipmentRecord['versions'],
    goodsDescription: str('goods_description'),
    hsCodes: list(str('hs_codes')),
    packages: num('packages'),
    packageType: str('package_type'),
    grossWeightKg: num('gross_weight_kg'),
    volumeM3: num('volume_m3'),
    declaredValue: num('declared_value'),
    currency: str('currency'),
    freightTerms: str('freight_terms'),
    route,
    departureDate: str('departure_date'),
    arrivalDate: str('arrival_date'),
    conveyance: str('conveyance_name'),
    voyage: str('voyage'),
    parties: db
      .prepare(
        `SELECT p.id, p.name, p.country, sp.role FROM shipment_party sp JOIN party p ON p.id = sp.party_id WHERE sp.shipment_id = ?
         ORDER BY CASE sp.role WHEN 'shipper' THEN 1 WHEN 'consignee' THEN 2 WHEN 'notify' THEN 3 WHEN 'forwarder' THEN 4 ELSE 5 END, p.name`,
      )
      .all(id) as PartyRef[],
    containers: (
      db
        .prepare(
          `SELECT k.id, k.number, k.number_valid, k.size_type, sc.seals FROM shipment_container sc JOIN container k ON k.id = sc.container_id
           WHERE sc.shipment_id = ? ORDER BY k.number`,
        )
        .all(id) as { id: number; number: string; number_valid: number; size_type: string | null; seals: string }[]
    ).map((c) => ({ id: c.id, number: c.number, numberValid: c.number_valid === 1, sizeType: c.size_type, seals: list(c.seals) })),
    source: { file: str('source_file'), importId: num('import_id'), line: num('source_line'), ref: str('source_ref') },
  };
}

const HOUR = 3_600_000;

/** Flags each event of a timeline (sorted by time) against the one before it. */
export function flagTimeline(events: { at: string; kind: string; place: string | null; seal: string | null }[], expectedPlaces: Set<string>): TimelineFlag[][] {
  return events.map((e, i) => {
    const flags: TimelineFlag[] = [];
    const prev = events[i - 1];
    if (prev) {
      const hours = (Date.parse(e.at) - Date.parse(prev.at)) / HOUR;
      if (hours > TIMELINE_RULES.gapDays * 24) flags.push('gap');
      // Dwell: from discharge (or gate-in) at a place to the next move out of the same place.
      const dwellStart = prev.kind === 'discharged' || prev.kind === 'gate_in_full';
      if (dwellStart && prev.place === e.place) {
        if (hours > TIMELINE_RULES.longDwellDays * 24) flags.push('longDwell');
        else if ((e.kind === 'loaded' || e.kind === 'gate_out_full') && hours < TIMELINE_RULES.shortDwellHours) flags.push('shortDwell');
      }
      const lastSeal = [...events.slice(0, i)].reverse().find((x) => x.seal)?.seal;
      if (e.seal && lastSeal && e.seal !== lastSeal) flags.push('sealChanged');
    }
    if (e.kind === 'transshipped' && e.place && expectedPlaces.size > 0 && !expectedPlaces.has(e.place)) flags.push('unexpectedTransshipment');
    return flags;
  });
}

export function containerRecord(db: Db, id: number): ContainerRecord {
  const c = db.prepare('SELECT id, number, number_valid, size_type FROM container WHERE id = ?').get(id) as
    { id: number; number: string; number_valid: number; size_type: string | null } | undefined;
  if (!c) throw notFound('container');
  const shipments = db
    .prepare(
      `SELECT s.id, s.doc_number AS docNumber, s.place_loading AS placeLoading, s.place_discharge AS placeDischarge, s.places_transshipment AS ts
       FROM shipment_container sc JOIN shipment s ON s.id = sc.shipment_id WHERE sc.container_id = ? ORDER BY s.arrival_date, s.id`,
    )
    .all(id) as (ContainerRecord['shipments'][number] & { ts: string })[];
  const expected = new Set(shipments.flatMap((s) => list(s.ts)));
  const events = db
    .prepare(
      `SELECT e.id, e.at, e.kind, e.place, e.seal, ${conveyanceLabel('v')} AS conveyance
       FROM container_event e LEFT JOIN conveyance v ON v.id = e.conveyance_id WHERE e.container_id = ? ORDER BY e.at, e.id`,
    )
    .all(id) as Omit<ContainerRecord['events'][number], 'flags'>[];
  const flags = flagTimeline(events, expected);
  return {
    id: c.id,
    number: c.number,
    numberValid: c.number_valid === 1,
    sizeType: c.size_type,
    shipments: shipments.map(({ ts: _ts, ...s }) => s),
    events: events.map((e, i) => ({ ...e, flags: flags[i]! })),
  };
}

export function partyRecord(db: Db, id: number): PartyRecord {
  const p = db.prepare('SELECT id, name, address, city, postcode, country FROM party WHERE id = ?').get(id) as
    Omit<PartyRecord, 'roles' | 'firstSeen' | 'lastSeen' | 'lanes' | 'volume' | 'counterparties' | 'sameAddress' | 'shipments'> | undefined;
  if (!p) throw notFound('party');
  const seen = db
    .prepare(
      'SELECT min(s.arrival_date) AS first, max(s.arrival_date) AS last FROM shipment_party sp JOIN shipment s ON s.id = sp.shipment_id WHERE sp.party_id = ?',
    )
    .get(id) as { first: string | null; last: string | null };
  return {
    ...p,
    roles: db
      .prepare('SELECT role, count(*) AS count FROM shipment_party WHERE party_id = ? GROUP BY role ORDER BY count DESC')
      .all(id) as PartyRecord['roles'],
    firstSeen: seen.first,
    lastSeen: seen.last,
    lanes: db
      .prepare(
        `SELECT s.place_loading AS "from", s.place_discharge AS "to", count(*) AS count FROM shipment_party sp JOIN shipment s ON s.id = sp.shipment_id
         WHERE sp.party_id = ? GROUP BY 1, 2 ORDER BY count DESC LIMIT 20`,
      )
      .all(id) as PartyRecord['lanes'],
    volume: db
      .prepare(
        `SELECT substr(s.arrival_date, 1, 7) AS month, count(*) AS count FROM shipment_party sp JOIN shipment s ON s.id = sp.shipment_id
         WHERE sp.party_id = ? AND s.arrival_date IS NOT NULL GROUP BY 1 ORDER BY 1`,
      )
      .all(id) as PartyRecord['volume'],
    counterparties: db
      .prepare(
        `SELECT o.id, o.name, o.country, op.role, count(*) AS count FROM shipment_party sp
         JOIN shipment_party op ON op.shipment_id = sp.shipment_id AND op.party_id <> sp.party_id JOIN party o ON o.id = op.party_id
         WHERE sp.party_id = ? GROUP BY o.id, op.role ORDER BY count DESC LIMIT 50`,
      )
      .all(id) as PartyRecord['counterparties'],
    sameAddress: p.address
      ? (db
          .prepare(
            `SELECT id, name, country FROM party WHERE id <> ? AND pc_norm(address) = pc_norm(?) AND coalesce(country, '') = coalesce(?, '') AND address <> ''
             AND id IN (SELECT rowid FROM party_search WHERE party_search MATCH ?) LIMIT 50`,
          )
          .all(id, p.address, p.country, addressQuery(p.address)) as PartyRecord['sameAddress'])
      : [],
    shipments: db
      .prepare(
        `SELECT s.id, s.doc_number AS docNumber, sp.role, s.arrival_date AS arrivalDate, s.place_loading AS placeLoading, s.place_discharge AS placeDischarge
         FROM shipment_party sp JOIN shipment s ON s.id = sp.shipment_id WHERE sp.party_id = ? ORDER BY s.arrival_date DESC, s.id DESC LIMIT 500`,
      )
      .all(id) as PartyRecord['shipments'],
  };
}

/** An FTS query that narrows the look-alike search to parties whose indexed text has the address's words. */
function addressQuery(address: string): string {
  const words = address
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1)
    .slice(0, 6);
  return words.length ? words.map((w) => `"${w}"`).join(' ') : '""';
}

/** At most this many co-travellers and same-document records are listed. */
const PASSENGER_LIST_LIMIT = 200;

export function passengerRecord(db: Db, id: number): PassengerRecord {
  const p = db
    .prepare(
      `SELECT p.id, p.surname, p.given_names, p.name_norm, p.birth_date, p.sex, p.nationality, p.is_crew, p.doc_type, p.doc_number, p.doc_country,
              p.doc_expiry, p.doc_valid, p.import_id, p.source_line, p.source_ref, b.source_file
       FROM passenger p LEFT JOIN import_batch b ON b.id = p.import_id WHERE p.id = ?`,
    )
    .get(id) as
    | {
        id: number;
        surname: string;
        given_names: string | null;
        name_norm: string;
        birth_date: string | null;
        sex: string | null;
        nationality: string | null;
        is_crew: number;
        doc_type: string | null;
        doc_number: string | null;
        doc_country: string | null;
        doc_expiry: string | null;
        doc_valid: number | null;
        import_id: number | null;
        source_line: number | null;
        source_ref: string | null;
        source_file: string | null;
      }
    | undefined;
  if (!p) throw notFound('passenger');
  const flightsOf = db.prepare(
    `SELECT c.id AS conveyanceId, c.carrier_code AS carrierCode, c.flight_number AS flightNumber, c.flight_date AS flightDate, f.origin, f.destination
     FROM passenger_flight f JOIN conveyance c ON c.id = f.conveyance_id WHERE f.passenger_id = ? ORDER BY c.flight_date, c.id`,
  );
  const segmentsOf = db.prepare(
    `SELECT seq, carrier_code AS carrierCode, flight_number AS flightNumber, origin, destination, departure_at AS departureAt, arrival_at AS arrivalAt
     FROM itinerary_segment WHERE booking_id = ? ORDER BY seq`,
  );
  const bookings = db
    .prepare(
      `SELECT b.id, b.record_locator AS recordLocator, b.carrier_code AS carrierCode, b.booking_date AS bookingDate, b.ticketing_date AS ticketingDate,
              b.agency, b.payment_form AS paymentForm, b.contacts, b.baggage
       FROM booking_passenger bp JOIN booking b ON b.id = bp.booking_id WHERE bp.passenger_id = ? ORDER BY b.booking_date, b.id`,
    )
    .all(id) as (Omit<PassengerRecord['bookings'][number], 'contacts' | 'baggage' | 'segments'> & { contacts: string; baggage: string })[];
  const coTravellers = db
    .prepare(
      `SELECT p.id, p.surname, p.given_names AS givenNames, p.birth_date AS birthDate, p.nationality, json_group_array(DISTINCT b.record_locator) AS locators
       FROM booking_passenger bp JOIN booking_passenger o ON o.booking_id = bp.booking_id AND o.passenger_id <> bp.passenger_id
       JOIN passenger p ON p.id = o.passenger_id JOIN booking b ON b.id = bp.booking_id
       WHERE bp.passenger_id = ? GROUP BY p.id ORDER BY p.surname, p.given_names, p.id LIMIT ${PASSENGER_LIST_LIMIT}`,
    )
    .all(id) as (Omit<PassengerRecord['coTravellers'][number], 'recordLocators'> & { locators: string })[];
  const sameDocument = p.doc_number
    ? (db
        .prepare(
          `SELECT id, surname, given_names AS givenNames, birth_date AS birthDate, nationality, doc_country AS docCountry,
                  name_norm = ? AND birth_date IS ? AS sameIdentity
           FROM passenger WHERE doc_number = ? AND id <> ? ORDER BY doc_country IS ? DESC, id LIMIT ${PASSENGER_LIST_LIMIT}`,
        )
        .all(p.name_norm, p.birth_date, p.doc_number, id, p.doc_country) as (Omit<PassengerRecord['sameDocument'][number], 'flight' | 'sameIdentity'> & {
        sameIdentity: number;
      })[])
    : [];
  const firstFlight = (passengerId: number): string | null => {
    const f = flightsOf.get(passengerId) as PassengerRecord['flights'][number] | undefined;
    return f ? [flightDesignator(f.carrierCode, f.flightNumber), f.flightDate].filter(Boolean).join(' ') || null : null;
  };
  return {
    id: p.id,
    surname: p.surname,
    givenNames: p.given_names,
    birthDate: p.birth_date,
    sex: p.sex,
    nationality: p.nationality,
    crew: p.is_crew === 1,
    docType: p.doc_type,
    docNumber: p.doc_number,
    docCountry: p.doc_country,
    docExpiry: p.doc_expiry,
    docValid: p.doc_valid,
    flights: flightsOf.all(id) as PassengerRecord['flights'],
    bookings: bookings.map((b) => ({
      ...b,
      contacts: JSON.parse(b.contacts) as PassengerRecord['bookings'][number]['contacts'],
      baggage: JSON.parse(b.baggage) as PassengerRecord['bookings'][number]['baggage'],
      segments: segmentsOf.all(b.id) as PassengerRecord['bookings'][number]['segments'],
    })),
    coTravellers: coTravellers.map(({ locators, ...c }) => ({ ...c, recordLocators: JSON.parse(locators) as string[] })),
    sameDocument: sameDocument.map((o) => ({ ...o, flight: firstFlight(o.id), sameIdentity: o.sameIdentity === 1 })),
    source: { file: p.source_file, importId: p.import_id, line: p.source_line, ref: p.source_ref },
  };
}
