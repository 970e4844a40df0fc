// Writes parsed records into the workspace within one import's transaction: parties stored once and
// linked by role, conveyances and containers by their natural keys, identifiers validated and flagged,
// documents versioned (the same content again is skipped; different content is a new version).
import { createHash } from 'node:crypto';
import { validateAwbNumber, validateContainerNumber, validateImoNumber, validateMrz } from '../../../shared/domain/identifiers.ts';
import { normalizeName } from '../../../shared/domain/names.ts';
import type { Db } from '../workspace/database.ts';
import type { ParsedEvent } from './edifact/events.ts';
import type { ParsedBooking } from './edifact/pnrgov.ts';

export type ParsedParty = {
  role: 'shipper' | 'consignee' | 'notify' | 'forwarder' | 'carrier' | 'agent';
  name: string;
  address: string;
  city: string;
  postcode: string;
  country: string;
};
export type ParsedContainer = { number: string; sizeType: string; seals: string[] };
export type ParsedShipment = {
  mode: 'sea' | 'air' | 'road';
  docType: 'BL' | 'AWB' | 'CMR';
  docNumber: string;
  goodsDescription: string;
  hsCodes: string[];
  packages: number | null;
  packageType: string | null;
  grossWeightKg: number | null;
  volumeM3: number | null;
  placeReceipt: string | null;
  placeLoading: string | null;
  placesTransshipment: string[];
  placeDischarge: string | null;
  placeDelivery: string | null;
  arrivalDate: string | null;
  voyage: string | null;
  /** Known from booking messages (IFTMIN), not from cargo reports. */
  departureDate?: string | null;
  declaredValue?: number | null;
  currency?: string | null;
  freightTerms?: string | null;
  /** House waybills name their master. */
  masterDocNumber?: string | null;
  isHouse?: boolean;
  parties: ParsedParty[];
  containers: ParsedContainer[];
};
export type ParsedVessel = { imo: string; name: string; flag: string; carrierCode: string };
export type ParsedFlight = { carrierCode: string; flightNumber: string; flightDate: string };
export type ParsedPassenger = {
  surname: string;
  givenNames: string;
  birthDate: string | null;
  sex: string | null;
  nationality: string | null;
  docType: string | null;
  docNumber: string | null;
  docCountry: string | null;
  docExpiry: string | null;
  crew: boolean;
  origin: string | null;
  destination: string | null;
};

export type StoreOutcome = 'inserted' | 'version' | 'skipped';

/** A shipment with only its identity filled in, for the mappers to complete. */
export function emptyShipment(mode: ParsedShipment['mode'], docType: ParsedShipment['docType'], docNumber: string): ParsedShipment {
  return {
    mode,
    docType,
    docNumber,
    goodsDescription: '',
    hsCodes: [],
    packages: null,
    packageType: null,
    grossWeightKg: null,
    volumeM3: null,
    placeReceipt: null,
    placeLoading: null,
    placesTransshipment: [],
    placeDischarge: null,
    placeDelivery: null,
    arrivalDate: null,
    voyage: null,
    departureDate: null,
    declaredValue: null,
    currency: null,
    freightTerms: null,
    masterDocNumber: null,
    isHouse: false,
    parties: [],
    containers: [],
  };
}

// Parsed records are built by our own mappers with a fixed key order, so plain JSON is canonical here.
const hash = (v: unknown) => createHash('sha1').update(JSON.stringify(v)).digest('base64');

export class ImportStore {
  private readonly db: Db;
  private readonly importId: number;
  private readonly partyCache = new Map<string, number | bigint>();
  private readonly conveyanceCache = new Map<string, number | bigint>();
  private readonly s;

  constructor(db: Db, importId: number) {
    this.db = db;
    this.importId = importId;
    this.s = {
      partyByName: db.prepare('SELECT id, country, address, city FROM party WHERE name_norm = ?'),
      party: db.prepare(
        `INSERT INTO party (kind, name, name_norm, address, city, postcode, country, import_id, source_line, source_ref) VALUES ('company', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      vesselByImo: db.prepare(`SELECT id FROM conveyance WHERE imo = ? AND mode = 'sea'`),
      vessel: db.prepare(
        `INSERT INTO conveyance (mode, imo, imo_valid, vessel_name, flag, carrier_code, import_id, source_ref) VALUES ('sea', ?, ?, ?, ?, ?, ?, ?)`,
      ),
      flightByKey: db.prepare(`SELECT id FROM conveyance WHERE carrier_code = ? AND flight_number = ? AND flight_date = ? AND mode = 'air'`),
      flight: db.prepare(`INSERT INTO conveyance (mode, carrier_code, flight_number, flight_date, import_id, source_ref) VALUES ('air', ?, ?, ?, ?, ?)`),
      shipmentVersions: db.prepare(`SELECT id, version, content_hash, place_loading, arrival_date FROM shipment WHERE doc_number = ? AND doc_type = ?`),
      shipment:
        db.prepare(`INSERT INTO shipment (mode, doc_type, doc_number, goods_description, hs_codes, packages, package_type, gross_weight_kg, volume_m3, place_receipt,
        place_loading, places_transshipment, place_discharge, place_delivery, arrival_date, departure_date, declared_value, currency, freight_terms, conveyance_id, voyage,
        version, content_hash, import_id, source_line, source_ref, master_doc_number, is_house, doc_valid) VALUES (${Array(29).fill('?').join(',')})`),
      shipmentParty: db.prepare(`INSERT OR IGNORE INTO shipment_party (shipment_id, party_id, role) VALUES (?,?,?)`),
      container: db.prepare(`INSERT INTO container (number, number_valid, size_type, import_id, source_ref) VALUES (?,?,?,?,?)
        ON CONFLICT(number) DO UPDATE SET size_type = coalesce(excluded.size_type, size_type) RETURNING id`),
      shipmentContainer: db.prepare(`INSERT OR IGNORE INTO shipment_container (shipment_id, container_id, seals, full_empty) VALUES (?,?,?, 'F')`),
      passengerVersions: db.prepare(
        `SELECT p.id, p.content_hash FROM passenger p JOIN passenger_flight f ON f.passenger_id = p.id WHERE p.doc_number = ? AND f.conveyance_id = ?`,
      ),
      passenger:
        db.prepare(`INSERT INTO passenger (surname, given_names, name_norm, birth_date, sex, nationality, doc_type, doc_number, doc_country, doc_expiry, doc_valid, is_crew, content_hash, import_id, source_line, source_ref)
        VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`),
      passengerFlight: db.prepare(`INSERT OR IGNORE INTO passenger_flight (passenger_id, conveyance_id, origin, destination) VALUES (?,?,?,?)`),
      sameEvent: db.prepare(`SELECT 1 FROM container_event WHERE container_id = ? AND at = ? AND kind = ? AND place = ?`),
      event: db.prepare(
        `INSERT INTO container_event (container_id, kind, at, place, conveyance_id, seal, full_empty, status_text, import_id, source_line, source_ref) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
      ),
      latestShipment: db.prepare(`SELECT id FROM shipment WHERE doc_number = ? ORDER BY version DESC LIMIT 1`),
      sameBooking: db.prepare(`SELECT id FROM booking WHERE record_locator = ? AND carrier_code IS ? AND booking_date IS ?`),
      booking: db.prepare(
        `INSERT INTO booking (record_locator, carrier_code, booking_date, ticketing_date, agency, payment_form, contacts, baggage, import_id, source_line, source_ref) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
      ),
      passengerOnFlight: db.prepare(
        `SELECT p.id FROM passenger p JOIN passenger_flight f ON f.passenger_id = p.id WHERE f.conveyance_id = ? AND p.doc_number = ? AND p.doc_country IS ?`,
      ),
      bookingPassenger: db.prepare(`INSERT OR IGNORE INTO booking_passenger (booking_id, passenger_id) VALUES (?,?)`),
      segment: db.prepare(
        `INSERT INTO itinerary_segment (booking_id, seq, carrier_code, flight_number, origin, destination, departure_at, arrival_at, conveyance_id) VALUES (?,?,?,?,?,?,?,?,?)`,
      ),
    };
  }

  party(p: ParsedParty, line: number, ref: string): number | bigint {
    // Most rows repeat a party exactly as spelled before: found by its spelling, no normalising needed.
    const spelled = `${p.name}\u0000${p.country}\u0000${p.address}\u0000${p.city}`;
    const known = this.partyCache.get(spelled);
    if (known !== undefined) return known;
    const norm = normalizeName(p.name);
    const key = `${norm}|${p.country}|${normalizeName(p.address)}|${normalizeName(p.city)}`;
    const cached = this.partyCache.get(key);
    if (cached !== undefined) {
      this.partyCache.set(spelled, cached);
      return cached;
    }
    const same = (this.s.partyByName.all(norm) as { id: number; country: string | null; address: string | null; city: string | null }[]).find(
      (r) =>
        (r.country ?? '') === p.country && normalizeName(r.address ?? '') === normalizeName(p.address) && normalizeName(r.city ?? '') === normalizeName(p.city),
    );
    const id = same?.id ?? this.s.party.run(p.name, norm, p.address, p.city, p.postcode, p.country, this.importId, line, ref).lastInsertRowid;
    this.partyCache.set(key, id);
    this.partyCache.set(spelled, id);
    return id;
  }

  vessel(v: ParsedVessel, ref: string): number | bigint {
    const key = `sea|${v.imo}|${v.name}`;
    const cached = this.conveyanceCache.get(key);
    if (cached !== undefined) return cached;
    const found = v.imo ? (this.s.vesselByImo.get(v.imo) as { id: number } | undefined) : undefined;
    const id =
      found?.id ??
      this.s.vessel.run(v.imo || null, v.imo ? (validateImoNumber(v.imo).valid ? 1 : 0) : null, v.name, v.flag, v.carrierCode, this.importId, ref)
        .lastInsertRowid;
    this.conveyanceCache.set(key, id);
    return id;
  }

  flight(f: ParsedFlight, ref: string): number | bigint {
    const key = `air|${f.carrierCode}|${f.flightNumber}|${f.flightDate}`;
    const cached = this.conveyanceCache.get(key);
    if (cached !== undefined) return cached;
    const found = this.s.flightByKey.get(f.carrierCode, f.flightNumber, f.flightDate) as { id: number } | undefined;
    const id = found?.id ?? this.s.flight.run(f.carrierCode, f.flightNumber, f.flightDate, this.importId, ref).lastInsertRowid;
    this.conveyanceCache.set(key, id);
    return id;
  }

  shipment(sh: ParsedShipment, conveyanceId: number | bigint | null, line: number, ref: string): StoreOutcome {
    const contentHash = hash(sh);
    const same = (
      this.s.shipmentVersions.all(sh.docNumber, sh.docType) as {
        id: number;
        version: number;
        content_hash: string | null;
        place_loading: string | null;
        arrival_date: string | null;
      }[]
    ).filter(
      // The same number from the same port is the same shipment, unless both messages give different
      // arrivals (numbers are reused over the years): then it is another one.
      (r) => r.place_loading === sh.placeLoading && (r.arrival_date === null || sh.arrivalDate === null || r.arrival_date === sh.arrivalDate),
    );
    if (same.some((r) => r.content_hash === contentHash)) return 'skipped';
    const version = same.reduce((m, r) => Math.max(m, r.version), 0) + 1;
    const id = this.s.shipment.run(
      sh.mode,
      sh.docType,
      sh.docNumber,
      sh.goodsDescription,
      JSON.stringify(sh.hsCodes),
      sh.packages,
      sh.packageType,
      sh.grossWeightKg,
      sh.volumeM3,
      sh.placeReceipt,
      sh.placeLoading,
      JSON.stringify(sh.placesTransshipment),
      sh.placeDischarge,
      sh.placeDelivery,
      sh.arrivalDate,
      sh.departureDate ?? null,
      sh.declaredValue ?? null,
      sh.currency ?? null,
      sh.freightTerms ?? null,
      conveyanceId,
      sh.voyage,
      version,
      contentHash,
      this.importId,
      line,
      ref,
      sh.masterDocNumber ?? null,
      sh.isHouse ? 1 : 0,
      sh.docType === 'AWB' && !sh.isHouse ? (validateAwbNumber(sh.docNumber).valid ? 1 : 0) : null,
    ).lastInsertRowid;
    for (const p of sh.parties) this.s.shipmentParty.run(id, this.party(p, line, ref), p.role);
    for (const c of sh.containers) {
      const { id: containerId } = this.s.container.get(c.number, validateContainerNumber(c.number).valid ? 1 : 0, c.sizeType || null, this.importId, ref) as {
        id: number;
      };
      this.s.shipmentContainer.run(id, containerId, JSON.stringify(c.seals));
    }
    return version === 1 ? 'inserted' : 'version';
  }

  /** A container event; the same event again is skipped. Links the container to its B/L when known. */
  event(e: ParsedEvent, line: number, ref: string): StoreOutcome {
    const { id: containerId } = this.s.container.get(
      e.container,
      validateContainerNumber(e.container).valid ? 1 : 0,
      e.sizeType || null,
      this.importId,
      ref,
    ) as { id: number };
    if (e.docNumber) {
      const shipment = this.s.latestShipment.get(e.docNumber) as { id: number } | undefined;
      if (shipment) this.s.shipmentContainer.run(shipment.id, containerId, JSON.stringify(e.seal ? [e.seal] : []));
    }
    if (this.s.sameEvent.get(containerId, e.at, e.kind, e.place)) return 'skipped';
    const vesselId = e.vessel ? this.vessel(e.vessel, ref) : null;
    this.s.event.run(containerId, e.kind, e.at, e.place, vesselId, e.seal, e.fullEmpty, e.statusText, this.importId, line, ref);
    return 'inserted';
  }

  /** A reservation; the same one again (locator, carrier, booking date) is skipped. Travellers already known
   * from API data on this flight (same document) are linked, not duplicated. */
  booking(b: ParsedBooking, flightId: number | bigint, flight: ParsedFlight, line: number, ref: string): StoreOutcome {
    if (this.s.sameBooking.get(b.recordLocator, b.carrierCode, b.bookingDate)) return 'skipped';
    const bookingId = this.s.booking.run(
      b.recordLocator,
      b.carrierCode,
      b.bookingDate,
      b.ticketingDate,
      b.agency,
      b.paymentForm,
      JSON.stringify(b.contacts),
      JSON.stringify(b.baggage),
      this.importId,
      line,
      ref,
    ).lastInsertRowid;
    for (const p of b.passengers) {
      const known = p.docNumber ? (this.s.passengerOnFlight.get(flightId, p.docNumber, p.docCountry) as { id: number } | undefined) : undefined;
      let id: number | bigint;
      if (known) id = known.id;
      else {
        id = this.insertPassenger(p, flightId, null, hash(p), line, ref);
      }
      this.s.bookingPassenger.run(bookingId, id);
    }
    b.segments.forEach((g, i) => {
      const onThisFlight = g.flightNumber === flight.flightNumber && g.departureAt?.slice(0, 10) === flight.flightDate;
      this.s.segment.run(bookingId, i + 1, g.carrierCode, g.flightNumber, g.origin, g.destination, g.departureAt, g.arrivalAt, onThisFlight ? flightId : null);
    });
    return 'inserted';
  }

  private insertPassenger(
    p: ParsedPassenger,
    flightId: number | bigint,
    docValid: number | null,
    contentHash: string,
    line: number,
    ref: string,
  ): number | bigint {
    const id = this.s.passenger.run(
      p.surname,
      p.givenNames,
      normalizeName(`${p.surname} ${p.givenNames}`),
      p.birthDate,
      p.sex,
      p.nationality,
      p.docType,
      p.docNumber,
      p.docCountry,
      p.docExpiry,
      docValid,
      p.crew ? 1 : 0,
      contentHash,
      this.importId,
      line,
      ref,
    ).lastInsertRowid;
    this.s.passengerFlight.run(id, flightId, p.origin, p.destination);
    return id;
  }

  passenger(p: ParsedPassenger, flightId: number | bigint, line: number, ref: string, mrz?: string): StoreOutcome {
    const contentHash = hash(p);
    const existing = p.docNumber ? (this.s.passengerVersions.all(p.docNumber, flightId) as { id: number; content_hash: string | null }[]) : [];
    if (existing.some((r) => r.content_hash === contentHash)) return 'skipped';
    const docValid = mrz ? (validateMrz(mrz).valid ? 1 : 0) : null;
    this.insertPassenger(p, flightId, docValid, contentHash, line, ref);
    return existing.length > 0 ? 'version' : 'inserted';
  }
}
