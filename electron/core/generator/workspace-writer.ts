// Writes a generated scenario into a workspace: one import batch, one transaction, provenance on every
// row, identifiers validated (and flagged, never dropped) as an importer would.
import { createHash } from 'node:crypto';
import { validateAwbNumber, validateContainerNumber, validateImoNumber, validateMrz } from '../../../shared/domain/identifiers.ts';
import { normalizeName } from '../../../shared/domain/names.ts';
import { AppError } from '../../../shared/errors.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Db } from '../workspace/database.ts';
import { catchUp } from '../workspace/derived.ts';
import type { GenConveyance, ScenarioItem, ScenarioParams } from './model.ts';

export type WriteCounts = {
  parties: number;
  shipments: number;
  containers: number;
  events: number;
  conveyances: number;
  passengers: number;
  bookings: number;
  segments: number;
};

export type WriteHooks = { onProgress?: (counts: WriteCounts) => void; isCancelled?: () => boolean; actor?: string };

const json = (v: unknown) => JSON.stringify(v);
const flag = (valid: boolean) => (valid ? 1 : 0);

export function writeScenario(db: Db, params: ScenarioParams, items: Iterable<ScenarioItem>, hooks: WriteHooks = {}): WriteCounts & { importId: number } {
  const counts: WriteCounts = { parties: 0, shipments: 0, containers: 0, events: 0, conveyances: 0, passengers: 0, bookings: 0, segments: 0 };
  const source = `generator seed=${params.seed}`;
  const s = {
    batch: db.prepare(`INSERT INTO import_batch (source_file, format, sha256, started_at, status) VALUES (?, 'scenario', ?, ?, 'running')`),
    finish: db.prepare(`UPDATE import_batch SET status = 'done', finished_at = ?, row_count = ? WHERE id = ?`),
    party: db.prepare(
      `INSERT INTO party (kind, name, name_norm, address, city, postcode, country, phones, emails, identifiers, import_id, source_line, source_ref) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    ),
    conveyance: db.prepare(
      `INSERT INTO conveyance (mode, imo, imo_valid, vessel_name, flag, carrier_code, flight_number, flight_date, plates, import_id, source_ref) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
    ),
    shipment:
      db.prepare(`INSERT INTO shipment (mode, doc_type, doc_number, doc_valid, master_doc_number, is_house, goods_description, hs_codes, packages, package_type,
      gross_weight_kg, volume_m3, declared_value, currency, freight_terms, place_receipt, place_loading, places_transshipment, place_discharge, place_delivery,
      booking_date, departure_date, arrival_date, conveyance_id, voyage, flags, import_id, source_line, source_ref) VALUES (${Array(29).fill('?').join(',')})`),
    shipmentParty: db.prepare(`INSERT OR IGNORE INTO shipment_party (shipment_id, party_id, role) VALUES (?,?,?)`),
    container: db.prepare(`INSERT INTO container (number, number_valid, size_type, import_id, source_ref) VALUES (?,?,?,?,?)
      ON CONFLICT(number) DO UPDATE SET size_type = excluded.size_type RETURNING id`),
    shipmentContainer: db.prepare(`INSERT OR IGNORE INTO shipment_container (shipment_id, container_id, seals, full_empty) VALUES (?,?,?, 'F')`),
    event: db.prepare(
      `INSERT INTO container_event (container_id, kind, at, place, conveyance_id, seal, full_empty, import_id, source_ref) VALUES (?,?,?,?,?,?,?,?,?)`,
    ),
    passenger:
      db.prepare(`INSERT INTO passenger (surname, given_names, name_norm, birth_date, sex, nationality, doc_type, doc_number, doc_country, doc_expiry, doc_valid, import_id, source_ref)
      VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`),
    booking: db.prepare(
      `INSERT INTO booking (record_locator, carrier_code, booking_date, ticketing_date, agency, payment_form, contacts, baggage, import_id, source_ref) VALUES (?,?,?,?,?,?,?,?,?,?)`,
    ),
    bookingPassenger: db.prepare(`INSERT OR IGNORE INTO booking_passenger (booking_id, passenger_id) VALUES (?,?)`),
    passengerFlight: db.prepare(`INSERT OR IGNORE INTO passenger_flight (passenger_id, conveyance_id, origin, destination) VALUES (?,?,?,?)`),
    segment: db.prepare(
      `INSERT INTO itinerary_segment (booking_id, seq, carrier_code, flight_number, origin, destination, departure_at, arrival_at, conveyance_id) VALUES (?,?,?,?,?,?,?,?,?)`,
    ),
  };
  const partyIds = new Map<string, number | bigint>();
  const conveyanceIds = new Map<string, number | bigint>();
  let importId = 0;
  let line = 0;

  const conveyanceId = (c: GenConveyance | undefined, key: string | null): number | bigint | null => {
    if (!key) return null;
    const known = conveyanceIds.get(key);
    if (known !== undefined || !c) return known ?? null;
    let r;
    if (c.mode === 'sea')
      r = s.conveyance.run(
        'sea',
        c.imo,
        flag(validateImoNumber(c.imo).valid),
        c.vesselName,
        c.flag,
        c.carrierCode,
        null,
        null,
        null,
        importId,
        `${source} vessel ${c.key}`,
      );
    else if (c.mode === 'air')
      r = s.conveyance.run('air', null, null, null, null, c.carrierCode, c.flightNumber, c.flightDate, null, importId, `${source} flight ${c.key}`);
    else r = s.conveyance.run('road', null, null, null, null, null, null, null, c.plates, importId, `${source} truck ${c.key}`);
    conveyanceIds.set(key, r.lastInsertRowid);
    counts.conveyances++;
    return r.lastInsertRowid;
  };

  const write = db.transaction(() => {
    importId = Number(s.batch.run(source, createHash('sha256').update(json(params)).digest('hex'), new Date().toISOString()).lastInsertRowid);
    let sinceProgress = 0;
    for (const item of items) {
      line++;
      if (item.type === 'conveyance') {
        conveyanceId(item.conveyance, item.conveyance.key);
      } else if (item.type === 'party') {
        const p = item.party;
        const r = s.party.run(
          p.kind,
          p.name,
          normalizeName(p.name),
          p.address,
          p.city,
          p.postcode,
          p.country,
          json(p.phones),
          json(p.emails),
          json(p.identifiers),
          importId,
          line,
          `${source} party ${p.key}`,
        );
        partyIds.set(p.key, r.lastInsertRowid);
        counts.parties++;
      } else if (item.type === 'movement') {
        const m = item.movement;
        const ref = `${source} arrival ${m.conveyance.key} ${m.arrivalAt}`;
        const mainConveyance = conveyanceId(m.conveyance, m.conveyance.key);
        for (const sh of m.shipments) {
          const docValid = sh.docType === 'AWB' && !sh.isHouse ? flag(validateAwbNumber(sh.docNumber).valid) : null;
          const shipmentId = s.shipment.run(
            sh.mode,
            sh.docType,
            sh.docNumber,
            docValid,
            sh.masterDocNumber,
            sh.isHouse ? 1 : 0,
            sh.goodsDescription,
            json(sh.hsCodes),
            sh.packages,
            sh.packageType,
            sh.grossWeightKg,
            sh.volumeM3,
            sh.declaredValue,
            sh.currency,
            sh.freightTerms,
            sh.placeReceipt,
            sh.placeLoading,
            json(sh.placesTransshipment),
            sh.placeDischarge,
            sh.placeDelivery,
            sh.bookingDate,
            sh.departureDate,
            sh.arrivalDate,
            mainConveyance,
            sh.voyage,
            '[]',
            importId,
            line,
            ref,
          ).lastInsertRowid;
          counts.shipments++;
          for (const p of sh.parties) s.shipmentParty.run(shipmentId, partyIds.get(p.partyKey)!, p.role);
          for (const c of sh.containers) {
            const { id } = s.container.get(c.number, flag(validateContainerNumber(c.number).valid), c.sizeType, importId, ref) as { id: number };
            counts.containers++;
            s.shipmentContainer.run(shipmentId, id, json(c.seals));
            for (const e of c.events) {
              const conv = e.conveyanceKey === m.conveyance.key ? mainConveyance : conveyanceId(undefined, e.conveyanceKey);
              s.event.run(id, e.kind, e.at, e.place, conv, e.seal, e.fullEmpty, importId, ref);
              counts.events++;
            }
          }
        }
        sinceProgress += m.shipments.length;
      } else {
        const f = item.flight;
        const flightId = conveyanceId(f.conveyance, f.conveyance.key);
        const ref = `${source} flight ${f.conveyance.key}`;
        for (const b of f.bookings) {
          const bookingId = s.booking.run(
            b.recordLocator,
            b.carrierCode,
            b.bookingDate,
            b.ticketingDate,
            b.agency,
            b.paymentForm,
            json(b.contacts),
            json(b.baggage),
            importId,
            ref,
          ).lastInsertRowid;
          counts.bookings++;
          for (const p of b.passengers) {
            const id = s.passenger.run(
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
              flag(validateMrz(p.mrz).valid),
              importId,
              ref,
            ).lastInsertRowid;
            s.bookingPassenger.run(bookingId, id);
            s.passengerFlight.run(id, flightId, f.conveyance.origin, f.conveyance.destination);
            counts.passengers++;
          }
          b.segments.forEach((g, i) => {
            const conv = g.flightNumber === f.conveyance.flightNumber && g.destination === f.conveyance.destination ? flightId : null;
            s.segment.run(bookingId, i + 1, g.carrierCode, g.flightNumber, g.origin, g.destination, g.departureAt, g.arrivalAt, conv);
            counts.segments++;
          });
        }
        sinceProgress += f.bookings.length;
      }
      if (sinceProgress >= 2000) {
        sinceProgress = 0;
        if (hooks.isCancelled?.()) throw new AppError('JOB_CANCELLED', 'Cancelled.');
        hooks.onProgress?.(counts);
      }
    }
    s.finish.run(new Date().toISOString(), counts.shipments + counts.passengers, importId);
    catchUp(db);
    appendAudit(db, {
      actor: hooks.actor ?? 'system',
      action: 'import.scenario',
      entity: 'import_batch',
      entityId: String(importId),
      details: { source, ...counts },
    });
  });

  write.immediate();
  hooks.onProgress?.(counts);
  return { ...counts, importId };
}
