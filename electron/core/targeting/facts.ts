// The facts a rule tests, read in batches of records by id: every field of FIELDS and every indicator of
// INDICATORS (as `indicator.<id>`). The reader keeps what many records share in memory (parties,
// conveyances, the history of parties and pairs, the normal bands by HS heading) and reads the rest with
// one statement per table per batch.
import { contactKey as sharedContactKey, normalizeName } from '../../../shared/domain/names.ts';
import { reference } from '../generator/reference.ts';
import type { Db } from '../workspace/database.ts';

export type Facts = Record<string, unknown>;
export type ScoredRecord = { id: number; label: string; office: string; date: string | null; facts: Facts };

/** The reference lists the indicators and rules read, by name, with their items as saved. */
export type ReferenceLists = Map<string, string[]>;

/** Bands: a value under `low` or over `high` times its heading's median is outside. */
export const BAND_LOW = 0.5;
export const BAND_HIGH = 2;
const NEW_DAYS = 30;
const DAY = 86_400_000;
const HOUR = 3_600_000;

const days = (a: string | null, b: string | null) => (a && b ? (Date.parse(a.slice(0, 10)) - Date.parse(b.slice(0, 10))) / DAY : null);
const hours = (a: string | null, b: string | null) => {
  if (!a || !b) return null;
  const x = Date.parse(a.length === 10 ? `${a}T00:00:00Z` : a);
  const y = Date.parse(b.length === 10 ? `${b}T00:00:00Z` : b);
  return Number.isFinite(x) && Number.isFinite(y) ? (x - y) / HOUR : null;
};
const parseJson = <T>(text: string | null, fallback: T): T => {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};
let airports: Map<string, string> | null = null;
/** The country of a place: a UN/LOCODE begins with it; an airport (IATA, three letters) is looked up. */
function countryOfPlace(code: string | null): string | null {
  if (!code) return null;
  if (/^[A-Z]{3}$/.test(code)) {
    airports ??= new Map(reference().airports.map((a) => [a.iata, a.country]));
    return airports.get(code) ?? null;
  }
  return /^[A-Z]{2}/.test(code) ? code.slice(0, 2) : null;
}

type Party = {
  name: string;
  country: string | null;
  address: string;
  emails: string[];
  registeredOn: string | null;
  firstDate: string | null;
  shipments: number;
  forwarder: boolean;
};

/** Brings the history the indicators need up to date with the shipments after `afterId` (0: all, from
 * scratch). Set-based, in the caller's transaction. The GROUP BY terms are written `+x` so that SQLite
 * reads only the new shipments by their id instead of walking a whole index for the grouping's order. */
export function updateHistory(db: Db, afterId: number): void {
  if (afterId === 0) db.exec('DELETE FROM target_party_seen; DELETE FROM target_pair_seen;');
  // A party merged into another (entity resolution) counts as that other one.
  db.prepare(
    `INSERT INTO target_party_seen (party_id, first_date, shipments, as_forwarder)
     SELECT coalesce(m.into_id, sp.party_id), min(s.arrival_date), count(DISTINCT sp.shipment_id), sum(sp.role = 'forwarder')
     FROM shipment_party sp JOIN shipment s ON s.id = sp.shipment_id LEFT JOIN party_merge m ON m.party_id = sp.party_id
     WHERE sp.shipment_id > ? GROUP BY +coalesce(m.into_id, sp.party_id)
     ON CONFLICT (party_id) DO UPDATE SET first_date = min(coalesce(first_date, excluded.first_date), coalesce(excluded.first_date, first_date)),
       shipments = shipments + excluded.shipments, as_forwarder = as_forwarder + excluded.as_forwarder`,
  ).run(afterId);
  db.prepare(
    `INSERT INTO target_pair_seen (shipper_id, consignee_id, first_date, shipments)
     SELECT coalesce(ma.into_id, a.party_id), coalesce(mb.into_id, b.party_id), min(s.arrival_date), count(*)
     FROM shipment_party a JOIN shipment_party b ON b.shipment_id = a.shipment_id AND b.role = 'consignee' JOIN shipment s ON s.id = a.shipment_id
       LEFT JOIN party_merge ma ON ma.party_id = a.party_id LEFT JOIN party_merge mb ON mb.party_id = b.party_id
     WHERE a.shipment_id > ? AND a.role = 'shipper' GROUP BY +coalesce(ma.into_id, a.party_id), +coalesce(mb.into_id, b.party_id)
     ON CONFLICT (shipper_id, consignee_id) DO UPDATE SET first_date = min(coalesce(first_date, excluded.first_date), coalesce(excluded.first_date, first_date)),
       shipments = shipments + excluded.shipments`,
  ).run(afterId);
}

/** The normal weight per package and value per kg of each HS heading, as medians over a sample of up
 * to 50,000 shipments spread evenly over the table (headings with 30 or more in the sample). */
export function updateBands(db: Db): void {
  // Two statements: min() and max() together would scan the table.
  const r = {
    lo: db.prepare('SELECT min(id) FROM shipment').pluck().get() as number | null,
    hi: db.prepare('SELECT max(id) FROM shipment').pluck().get() as number | null,
  };
  db.exec('DELETE FROM target_band');
  if (r.lo === null || r.hi === null) return;
  const step = Math.max(1, Math.floor((r.hi - r.lo + 1) / 50_000));
  const rows = db
    .prepare(
      `WITH RECURSIVE k(id) AS (SELECT ? UNION ALL SELECT id + ? FROM k WHERE id + ? <= ?)
       SELECT s.hs_codes, s.packages, s.gross_weight_kg, s.declared_value FROM k JOIN shipment s ON s.id = k.id`,
    )
    .raw()
    .all(r.lo, step, step, r.hi) as [string, number | null, number | null, number | null][];
  const kg = new Map<string, number[]>();
  const val = new Map<string, number[]>();
  for (const [hs, packages, weight, value] of rows) {
    const heads = new Set(parseJson<string[]>(hs, []).map((c) => String(c).slice(0, 4)));
    for (const h of heads) {
      if (weight && packages) (kg.get(h) ?? kg.set(h, []).get(h)!).push(weight / packages);
      if (weight && value) (val.get(h) ?? val.set(h, []).get(h)!).push(value / weight);
    }
  }
  const median = (xs: number[] | undefined) => {
    if (!xs || xs.length < 30) return null;
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)]!;
  };
  const insert = db.prepare('INSERT INTO target_band (hs4, kg_per_package, value_per_kg, n) VALUES (?, ?, ?, ?)');
  for (const h of new Set([...kg.keys(), ...val.keys()])) {
    const a = median(kg.get(h));
    const b = median(val.get(h));
    if (a !== null || b !== null) insert.run(h, a, b, Math.max(kg.get(h)?.length ?? 0, val.get(h)?.length ?? 0));
  }
}

/** Reads shipments' facts. `events`: read container events too (seal changes, dwell at hubs). */
export class ShipmentFacts {
  private readonly db: Db;
  private readonly events: boolean;
  private parties = new Map<number, Party>();
  /** Parties merged into another (entity resolution): their facts are the other's. */
  private readonly mergedInto = new Map<number, number>();
  /** By shipper id, then consignee id. */
  private pairs = new Map<number, Map<number, { firstDate: string | null; shipments: number }>>();
  private conveyances = new Map<number, { imo: string | null; imoValid: number | null; name: string | null; flag: string | null }>();
  private bands = new Map<string, { kg: number | null; value: number | null }>();
  private commodityChapters: [string, string[]][] = [];
  /** Addresses of the parties that act as forwarders (normalised), with one such party. */
  private forwarderAddresses = new Map<string, number>();
  private freemail: Set<string>;
  private readonly forwarderWords: Set<string>;
  private readonly highOrigins: Set<string>;
  private readonly hubs: Set<string>;
  /** Vague goods terms, normalised: as a list (start or end of a description) and a set (all of it). */
  private readonly vague: string[];
  private readonly vagueSet: Set<string>;

  constructor(db: Db, lists: ReferenceLists, opts: { events: boolean }) {
    this.db = db;
    this.events = opts.events;
    this.forwarderWords = new Set((lists.get('Forwarder name words') ?? []).map((w) => normalizeName(w)));
    this.highOrigins = new Set((lists.get('High-risk origins') ?? []).map((c) => c.toUpperCase()));
    this.hubs = new Set((lists.get('High-risk hubs') ?? []).map((c) => c.toUpperCase()));
    this.vague = (lists.get('Vague goods terms') ?? []).map((t) => normalizeName(t));
    this.vagueSet = new Set(this.vague);
    // The addresses of the parties that act as forwarders (few); other parties are read as batches need them.
    for (const [id, address] of db
      .prepare('SELECT p.id, p.address FROM target_party_seen h JOIN party p ON p.id = h.party_id WHERE h.as_forwarder > 0 AND p.address IS NOT NULL')
      .raw()
      .iterate() as Iterable<[number, string]>) {
      const norm = normalizeName(address);
      if (norm) this.forwarderAddresses.set(norm, id);
    }
    this.freemail = new Set((lists.get('Free-mail domains') ?? []).map((d) => d.toLowerCase()));
    for (const [id, into] of db.prepare('SELECT party_id, into_id FROM party_merge').raw().iterate() as Iterable<[number, number]>)
      this.mergedInto.set(id, into);
    for (const [id, imo, imoValid, name, flag] of db.prepare('SELECT id, imo, imo_valid, vessel_name, flag FROM conveyance').raw().iterate() as Iterable<
      [number, string | null, number | null, string | null, string | null]
    >) {
      this.conveyances.set(id, { imo, imoValid, name, flag });
    }
    for (const [h, kg, value] of db.prepare('SELECT hs4, kg_per_package, value_per_kg FROM target_band').raw().iterate() as Iterable<
      [string, number | null, number | null]
    >) {
      this.bands.set(h, { kg, value });
    }
    // "keyword: 08, 0803" — a description naming the keyword should carry an HS code under one of them.
    for (const line of lists.get('Commodity HS chapters') ?? []) {
      const [word, chapters] = line.split(':');
      if (word && chapters) {
        this.commodityChapters.push([
          normalizeName(word),
          chapters
            .split(',')
            .map((c) => c.trim())
            .filter(Boolean),
        ]);
      }
    }
  }

  /** The facts of the shipments with from <= id < to. */
  read(from: number, to: number): ScoredRecord[] {
    const db = this.db;
    const rows = db
      .prepare(
        `SELECT id, mode, doc_type, doc_number, doc_valid, goods_description, hs_codes, packages, gross_weight_kg, declared_value, currency, freight_terms,
           place_receipt, place_loading, places_transshipment, place_discharge, place_delivery, booking_date, departure_date, arrival_date, conveyance_id
         FROM shipment WHERE id >= ? AND id < ? ORDER BY id`,
      )
      .all(from, to) as {
      id: number;
      mode: string;
      doc_type: string;
      doc_number: string;
      doc_valid: number | null;
      goods_description: string | null;
      hs_codes: string;
      packages: number | null;
      gross_weight_kg: number | null;
      declared_value: number | null;
      currency: string | null;
      freight_terms: string | null;
      place_receipt: string | null;
      place_loading: string | null;
      places_transshipment: string;
      place_discharge: string | null;
      place_delivery: string | null;
      booking_date: string | null;
      departure_date: string | null;
      arrival_date: string | null;
      conveyance_id: number | null;
    }[];
    if (rows.length === 0) return [];
    const roles = new Map<number, Record<string, number>>();
    const missing = new Set<number>();
    for (const [sid, role, own] of db
      .prepare('SELECT shipment_id, role, party_id FROM shipment_party WHERE shipment_id >= ? AND shipment_id < ?')
      .raw()
      .all(from, to) as [number, string, number][]) {
      const r = roles.get(sid) ?? roles.set(sid, {}).get(sid)!;
      const pid = this.mergedInto.get(own) ?? own;
      r[role] ??= pid;
      if (!this.parties.has(pid)) missing.add(pid);
    }
    this.loadParties([...missing]);
    this.loadPairs([...new Set([...roles.values()].map((r) => r['shipper']).filter((id): id is number => id !== undefined && !this.pairs.has(id)))]);
    type Box = { number: string; valid: number; type: string | null; seals: string[]; containerId: number };
    const boxes = new Map<number, Box[]>();
    for (const [sid, number, valid, type, seals, cid] of db
      .prepare(
        `SELECT sc.shipment_id, c.number, c.number_valid, c.size_type, sc.seals, c.id FROM shipment_container sc JOIN container c ON c.id = sc.container_id
         WHERE sc.shipment_id >= ? AND sc.shipment_id < ?`,
      )
      .raw()
      .all(from, to) as [number, string, number, string | null, string, number][]) {
      (boxes.get(sid) ?? boxes.set(sid, []).get(sid)!).push({ number, valid, type, seals: parseJson(seals, []), containerId: cid });
    }
    const timeline = this.events ? this.readEvents([...boxes.values()].flat().map((b) => b.containerId)) : null;

    const { highOrigins, hubs, vague, vagueSet } = this;
    const out: ScoredRecord[] = [];
    for (const s of rows) {
      const hs = parseJson<string[]>(s.hs_codes, []).map(String);
      const hs4 = [...new Set(hs.map((c) => c.slice(0, 4)))];
      const trans = parseJson<string[]>(s.places_transshipment, []).map(String);
      const goods = normalizeName(s.goods_description ?? '');
      const padded = ` ${goods} `;
      const route = [s.place_receipt, s.place_loading, ...trans, s.place_discharge, s.place_delivery].filter((p): p is string => !!p);
      const originPlace = s.place_receipt ?? s.place_loading;
      const originCountry = countryOfPlace(originPlace);
      const kgPerPackage = s.gross_weight_kg !== null && s.packages ? s.gross_weight_kg / s.packages : null;
      const valuePerKg = s.declared_value !== null && s.gross_weight_kg ? s.declared_value / s.gross_weight_kg : null;
      const bookingLeadDays = days(s.departure_date, s.booking_date);

      const r = roles.get(s.id);
      const shipperId = r?.['shipper'];
      const consigneeId = r?.['consignee'];
      const shipper = shipperId !== undefined ? this.parties.get(shipperId) : undefined;
      const consignee = consigneeId !== undefined ? this.parties.get(consigneeId) : undefined;
      const notify = r?.['notify'] !== undefined ? this.parties.get(r['notify']) : undefined;
      const forwarder = r?.['forwarder'] !== undefined ? this.parties.get(r['forwarder']) : undefined;
      const shipperAge = shipper ? days(s.arrival_date, shipper.firstDate) : null;
      const consigneeAge = consignee ? days(s.arrival_date, consignee.firstDate) : null;
      const pair = shipperId !== undefined && consigneeId !== undefined ? this.pairs.get(shipperId)?.get(consigneeId) : undefined;
      const bx = boxes.get(s.id) ?? [];
      const v = s.conveyance_id !== null ? this.conveyances.get(s.conveyance_id) : undefined;

      let weightOut = false;
      let valueOut = false;
      for (const h of hs4) {
        const band = this.bands.get(h);
        if (band?.kg && kgPerPackage !== null && (kgPerPackage < band.kg * BAND_LOW || kgPerPackage > band.kg * BAND_HIGH)) weightOut = true;
        if (band?.value && valuePerKg !== null && (valuePerKg < band.value * BAND_LOW || valuePerKg > band.value * BAND_HIGH)) valueOut = true;
      }
      const fwdAt = consignee?.address ? this.forwarderAddresses.get(consignee.address) : undefined;
      const registered = consignee?.registeredOn ? days(s.arrival_date, consignee.registeredOn) : null;
      const dwell: number[] = [];
      let sealChanged = false;
      if (timeline) {
        for (const b of bx) {
          const ev = timeline.get(b.containerId) ?? [];
          const seals = new Set(b.seals);
          for (const e of ev) if (e.seal) seals.add(e.seal);
          if (seals.size > 1) sealChanged = true;
          for (const hub of trans) {
            let first: { at: string } | undefined;
            let last: { at: string } | undefined;
            for (const e of ev) {
              if (e.place !== hub) continue;
              first ??= e;
              last = e;
            }
            if (first && last && first !== last) dwell.push(hours(last.at, first.at)!);
          }
        }
      }

      // One literal: every record's facts share one shape, which V8 keeps fast.
      const f: Facts = {
        mode: s.mode,
        docType: s.doc_type,
        docNumber: s.doc_number,
        docValid: s.doc_valid === null ? null : s.doc_valid === 1,
        goods,
        hs,
        hs4,
        packages: s.packages,
        grossWeightKg: s.gross_weight_kg,
        kgPerPackage,
        value: s.declared_value,
        currency: s.currency,
        valuePerKg,
        freightTerms: s.freight_terms,
        placeReceipt: s.place_receipt,
        placeLoading: s.place_loading,
        placeDischarge: s.place_discharge,
        placeDelivery: s.place_delivery,
        transshipments: trans,
        route,
        originCountry,
        routeCountries: [...new Set(route.map(countryOfPlace).filter(Boolean))],
        arrivalDate: s.arrival_date,
        bookingLeadDays,
        'shipper.name': shipper?.name ?? null,
        'shipper.country': shipper?.country ?? null,
        'shipper.ageDays': shipperAge,
        'consignee.name': consignee?.name ?? null,
        'consignee.country': consignee?.country ?? null,
        'consignee.address': consignee?.address ?? null,
        'consignee.emails': consignee?.emails ?? [],
        'consignee.ageDays': consigneeAge,
        'consignee.shipments': consignee?.shipments ?? null,
        'notify.name': notify?.name ?? null,
        'forwarder.name': forwarder?.name ?? null,
        'pair.shipments': pair?.shipments ?? null,
        containers: bx.map((b) => b.number),
        containerTypes: bx.map((b) => b.type).filter(Boolean),
        containerCount: bx.length,
        'vessel.imo': v?.imo ?? null,
        'vessel.name': v?.name ? normalizeName(v.name) : null,
        'vessel.flag': v?.flag ?? null,
        hubDwellHours: dwell,
        'indicator.first_pair':
          pair !== undefined && (pair.shipments === 1 || (pair.firstDate !== null && s.arrival_date !== null && s.arrival_date <= pair.firstDate)),
        'indicator.new_consignee': consigneeAge !== null && consigneeAge <= NEW_DAYS,
        'indicator.new_shipper': shipperAge !== null && shipperAge <= NEW_DAYS,
        'indicator.risk_origin': !!originPlace && (highOrigins.has(originPlace) || highOrigins.has(originCountry ?? '')),
        'indicator.risk_hub': trans.some((t) => hubs.has(t)),
        'indicator.vague_goods':
          goods.replace(/ /g, '').length < 3 || vagueSet.has(goods) || vague.some((t) => goods.startsWith(`${t} `) || goods.endsWith(` ${t}`)),
        'indicator.hs_mismatch':
          hs.length > 0 &&
          this.commodityChapters.some(([word, chapters]) => padded.includes(` ${word}`) && !hs.some((c) => chapters.some((ch) => c.startsWith(ch)))),
        'indicator.weight_band': weightOut,
        'indicator.value_band': valueOut,
        'indicator.cash_prepaid': /cash/i.test(s.freight_terms ?? ''),
        'indicator.forwarder_consignee': consignee?.forwarder ?? false,
        'indicator.forwarder_address': fwdAt !== undefined && fwdAt !== consigneeId && !consignee!.forwarder,
        'indicator.freemail_consignee': (consignee?.emails ?? []).some((e) => this.freemail.has(e.split('@')[1] ?? '')),
        'indicator.recently_registered': registered !== null && registered >= 0 && registered <= 90,
        'indicator.invalid_container': bx.some((b) => b.valid === 0),
        'indicator.invalid_imo': v?.imoValid === 0,
        'indicator.invalid_awb': s.doc_type === 'AWB' && s.doc_valid === 0,
        'indicator.short_notice_booking': bookingLeadDays !== null && bookingLeadDays <= 2,
        'indicator.seal_changed': sealChanged,
        'indicator.unusual_dwell': dwell.some((h) => h < 24 || h > 14 * 24),
      };
      out.push({ id: s.id, label: s.doc_number, office: s.place_discharge ?? '*', date: s.arrival_date, facts: f });
    }
    return out;
  }

  /** The pairs of the shippers not read before (each shipper's consignees, with their history). */
  private loadPairs(shippers: number[]): void {
    for (const id of shippers) this.pairs.set(id, new Map());
    for (let i = 0; i < shippers.length; i += 500) {
      const chunk = shippers.slice(i, i + 500);
      for (const [s, c, firstDate, shipments] of this.db
        .prepare(`SELECT shipper_id, consignee_id, first_date, shipments FROM target_pair_seen WHERE shipper_id IN (${chunk.map(() => '?').join(',')})`)
        .raw()
        .all(...chunk) as [number, number, string | null, number][]) {
        this.pairs.get(s)!.set(c, { firstDate, shipments });
      }
    }
  }

  /** Parties (with their history) not read before. */
  private loadParties(ids: number[]): void {
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      for (const [id, name, country, address, emails, identifiers, firstDate, shipments, asForwarder] of this.db
        .prepare(
          `SELECT p.id, p.name_norm, p.country, p.address, p.emails, p.identifiers, h.first_date, coalesce(h.shipments, 0), coalesce(h.as_forwarder, 0)
           FROM party p LEFT JOIN target_party_seen h ON h.party_id = p.id WHERE p.id IN (${chunk.map(() => '?').join(',')})`,
        )
        .raw()
        .iterate(...chunk) as Iterable<[number, string, string | null, string | null, string, string, string | null, number, number]>) {
        const registeredOn = parseJson<Record<string, unknown>>(identifiers, {})['registeredOn'];
        this.parties.set(id, {
          name,
          country,
          address: normalizeName(address ?? ''),
          emails: parseJson<string[]>(emails, []).map((e) => e.toLowerCase()),
          registeredOn: typeof registeredOn === 'string' ? registeredOn : null,
          firstDate,
          shipments,
          forwarder: asForwarder > 0 || name.split(' ').some((w) => this.forwarderWords.has(w)),
        });
      }
    }
  }

  private readEvents(containerIds: number[]): Map<number, { at: string; place: string | null; seal: string | null }[]> {
    const byContainer = new Map<number, { at: string; place: string | null; seal: string | null }[]>();
    const ids = [...new Set(containerIds)];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      for (const [cid, at, place, seal] of this.db
        .prepare(
          `SELECT container_id, at, place, seal FROM container_event WHERE container_id IN (${chunk.map(() => '?').join(',')}) ORDER BY container_id, at`,
        )
        .raw()
        .all(...chunk) as [number, string, string | null, string | null][]) {
        (byContainer.get(cid) ?? byContainer.set(cid, []).get(cid)!).push({ at, place, seal });
      }
    }
    return byContainer;
  }
}

/** Reads passengers' facts: the passenger, the booking they are on, its itinerary and contacts. */
export class PassengerFacts {
  private readonly db: Db;
  private readonly sources: Set<string>;
  /** How many bookings give each contact (phone or e-mail), normalised. */
  private readonly contactBookings = new Map<string, number>();

  constructor(db: Db, lists: ReferenceLists) {
    this.db = db;
    this.sources = new Set((lists.get('Source countries') ?? []).map((c) => c.toUpperCase()));
    for (const [contacts] of db.prepare('SELECT contacts FROM booking').raw().iterate() as Iterable<[string]>) {
      for (const c of new Set(parseJson<{ value: string }[]>(contacts, []).map((x) => contactKey(x.value)))) {
        if (c) this.contactBookings.set(c, (this.contactBookings.get(c) ?? 0) + 1);
      }
    }
  }

  read(from: number, to: number): ScoredRecord[] {
    const db = this.db;
    const rows = db
      .prepare(
        `SELECT id, surname, given_names, name_norm, birth_date, nationality, doc_number, doc_valid, is_crew FROM passenger WHERE id >= ? AND id < ? ORDER BY id`,
      )
      .all(from, to) as {
      id: number;
      surname: string;
      given_names: string | null;
      name_norm: string;
      birth_date: string | null;
      nationality: string | null;
      doc_number: string | null;
      doc_valid: number | null;
      is_crew: number;
    }[];
    if (rows.length === 0) return [];
    type Booking = {
      id: number;
      bookingDate: string | null;
      agency: string | null;
      payment: string | null;
      contacts: { type: string; value: string }[];
      bags: number;
    };
    const bookingOf = new Map<number, Booking>();
    for (const [pid, id, bookingDate, agency, payment, contacts, baggage] of db
      .prepare(
        `SELECT bp.passenger_id, b.id, b.booking_date, b.agency, b.payment_form, b.contacts, b.baggage
         FROM booking_passenger bp JOIN booking b ON b.id = bp.booking_id WHERE bp.passenger_id >= ? AND bp.passenger_id < ?`,
      )
      .raw()
      .iterate(from, to) as Iterable<[number, number, string | null, string | null, string | null, string, string]>) {
      if (bookingOf.has(pid)) continue;
      const bags = parseJson<{ pieces?: number }[]>(baggage, []).reduce((n, b) => n + (Number(b.pieces) || 0), 0);
      bookingOf.set(pid, { id, bookingDate, agency, payment, contacts: parseJson(contacts, []), bags });
    }
    const bookingIds = [...new Set([...bookingOf.values()].map((b) => b.id))];
    type Segment = { origin: string; destination: string; dep: string | null; arr: string | null };
    const segments = new Map<number, Segment[]>();
    const travellers = new Map<number, number>();
    for (let i = 0; i < bookingIds.length; i += 500) {
      const chunk = bookingIds.slice(i, i + 500);
      const marks = chunk.map(() => '?').join(',');
      for (const [bid, origin, destination, dep, arr] of db
        .prepare(
          `SELECT booking_id, origin, destination, departure_at, arrival_at FROM itinerary_segment WHERE booking_id IN (${marks}) ORDER BY booking_id, seq`,
        )
        .raw()
        .iterate(...chunk) as Iterable<[number, string, string, string | null, string | null]>) {
        (segments.get(bid) ?? segments.set(bid, []).get(bid)!).push({ origin, destination, dep, arr });
      }
      for (const [bid, n] of db
        .prepare(`SELECT booking_id, count(*) FROM booking_passenger WHERE booking_id IN (${marks}) GROUP BY booking_id`)
        .raw()
        .iterate(...chunk) as Iterable<[number, number]>) {
        travellers.set(bid, n);
      }
    }
    const flights = new Map<number, { origin: string | null; destination: string | null; date: string | null }>();
    for (const [pid, origin, destination, date] of db
      .prepare(
        `SELECT f.passenger_id, f.origin, f.destination, c.flight_date FROM passenger_flight f JOIN conveyance c ON c.id = f.conveyance_id
         WHERE f.passenger_id >= ? AND f.passenger_id < ?`,
      )
      .raw()
      .iterate(from, to) as Iterable<[number, string | null, string | null, string | null]>) {
      if (!flights.has(pid)) flights.set(pid, { origin, destination, date });
    }

    const out: ScoredRecord[] = [];
    for (const p of rows) {
      const f: Facts = {};
      const b = bookingOf.get(p.id);
      const segs = b ? (segments.get(b.id) ?? []) : [];
      const flight = flights.get(p.id);
      const origin = segs[0]?.origin ?? flight?.origin ?? null;
      const destination = segs[0]?.destination ?? flight?.destination ?? null;
      const itinerary = segs.length ? [...new Set(segs.flatMap((s) => [s.origin, s.destination]))] : [origin, destination].filter((x): x is string => !!x);
      // The return: the first later segment back to where the trip began.
      const back = segs.findIndex((s, i) => i > 0 && s.destination === segs[0]!.origin);
      const outbound = back > 0 ? segs.slice(0, back) : segs;
      const stay = back > 0 ? hours(segs[back]!.dep, outbound.at(-1)!.arr) : null;
      const travelDate = segs[0]?.dep ?? flight?.date ?? null;
      f['surname'] = normalizeName(p.surname);
      f['name'] = p.name_norm;
      f['nationality'] = p.nationality;
      f['birthDate'] = p.birth_date;
      f['age'] = p.birth_date && travelDate ? Math.floor((days(travelDate, p.birth_date) ?? 0) / 365.25) : null;
      f['docNumber'] = p.doc_number;
      f['docValid'] = p.doc_valid === null ? null : p.doc_valid === 1;
      f['crew'] = p.is_crew === 1;
      f['origin'] = origin;
      f['destination'] = destination;
      f['itinerary'] = itinerary;
      f['itineraryCountries'] = [...new Set(itinerary.map(countryOfPlace).filter(Boolean))];
      f['paymentForm'] = b?.payment ?? null;
      f['bookingLeadHours'] = b ? hours(segs[0]?.dep ?? null, b.bookingDate) : null;
      f['stayDays'] = stay === null ? null : stay / 24;
      f['bags'] = b ? b.bags : null;
      f['tripHours'] = segs.length ? hours(outbound.at(-1)!.arr, segs[0]!.dep) : null;
      f['companions'] = b ? (travellers.get(b.id) ?? 1) - 1 : 0;
      f['agency'] = b?.agency ?? null;
      f['emails'] = b ? b.contacts.filter((c) => c.value.includes('@')).map((c) => c.value.toLowerCase()) : [];
      f['phones'] = b ? b.contacts.filter((c) => !c.value.includes('@')).map((c) => contactKey(c.value)) : [];

      f['indicator.one_way'] = segs.length > 0 && back < 0;
      f['indicator.cash_payment'] = !!b?.payment && /^(CA|CASH)/i.test(b.payment);
      f['indicator.late_booking'] = typeof f['bookingLeadHours'] === 'number' && (f['bookingLeadHours'] as number) <= 48;
      f['indicator.source_itinerary'] = (f['itineraryCountries'] as string[]).some((c) => this.sources.has(c));
      f['indicator.short_stay'] = typeof f['stayDays'] === 'number' && (f['stayDays'] as number) <= 3;
      f['indicator.no_bags_long_trip'] =
        b !== undefined &&
        b.bags === 0 &&
        ((typeof f['tripHours'] === 'number' && (f['tripHours'] as number) >= 6) || (typeof f['stayDays'] === 'number' && (f['stayDays'] as number) >= 5));
      f['indicator.companions_linked'] =
        (f['companions'] as number) > 0 || (b?.contacts ?? []).some((c) => (this.contactBookings.get(contactKey(c.value)) ?? 0) > 1);
      const label = `${p.surname}${p.given_names ? `, ${p.given_names}` : ''}`;
      out.push({ id: p.id, label, office: destination ?? '*', date: travelDate ? travelDate.slice(0, 10) : null, facts: f });
    }
    return out;
  }
}

/** A contact as compared (shared with link analysis): e-mail lower-cased, phone by its last nine digits. */
function contactKey(value: string): string {
  return sharedContactKey(value.includes('@') ? 'email' : 'phone', value) ?? '';
}

export type FactReader = { read(from: number, to: number): ScoredRecord[] };
