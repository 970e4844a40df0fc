// What a package carries (content.json) and how it meets a workspace: collected from local records for
// export (records travel in the importers' own parsed form, with package-local refs instead of row ids),
// compared with local records for the preview (new, same, conflict), and merged on the analyst's choice
// through the importers' store, as one import whose source names the package and its sender. A merged
// record never overwrites a local one: a conflicting shipment or passenger comes in as the partner's
// version beside the local one, a party or container with other values as its own row. Notes travel
// without @-mentions of the sender's rows; charts travel with their record nodes renamed to the package's
// refs, and come back named after the recipient's own rows.
import { z } from 'zod';
import { CaseSeizureSchema, TLP } from '../../../shared/domain/cases.ts';
import { MATCH_CATEGORIES, MessageSchema, type MergeEntity, type PackageSelection, type PreviewRecord } from '../../../shared/domain/exchange.ts';
import { normalizeName } from '../../../shared/domain/names.ts';
import type { Db } from '../workspace/database.ts';
import { catchUp } from '../workspace/derived.ts';
import { ImportStore, type ParsedFlight, type ParsedParty, type ParsedPassenger, type ParsedShipment, type ParsedVessel } from '../ingest/store.ts';
import type { ParsedEvent } from '../ingest/edifact/events.ts';

const S = (n: number) => z.string().max(n);
const NS = (n: number) => z.string().max(n).nullable();
const PartySchema = z
  .object({
    role: z.enum(['shipper', 'consignee', 'notify', 'forwarder', 'carrier', 'agent']),
    name: S(500),
    address: S(1000),
    city: S(200),
    postcode: S(50),
    country: S(3),
  })
  .strict();
const VesselSchema = z.object({ imo: S(20), name: S(200), flag: S(3), carrierCode: S(10) }).strict();
const FlightSchema = z.object({ carrierCode: S(3), flightNumber: S(10), flightDate: S(10) }).strict();
const ShipmentSchema = z
  .object({
    mode: z.enum(['sea', 'air', 'road']),
    docType: z.enum(['BL', 'AWB', 'CMR']),
    docNumber: z.string().min(1).max(60),
    goodsDescription: S(4000),
    hsCodes: z.array(S(12)).max(100),
    packages: z.number().nullable(),
    packageType: NS(20),
    grossWeightKg: z.number().nullable(),
    volumeM3: z.number().nullable(),
    placeReceipt: NS(10),
    placeLoading: NS(10),
    placesTransshipment: z.array(S(10)).max(20),
    placeDischarge: NS(10),
    placeDelivery: NS(10),
    arrivalDate: NS(40),
    voyage: NS(40),
    departureDate: NS(40),
    declaredValue: z.number().nullable(),
    currency: NS(3),
    freightTerms: NS(20),
    masterDocNumber: NS(60),
    isHouse: z.boolean(),
    parties: z.array(PartySchema).max(50),
    containers: z.array(z.object({ number: S(20), sizeType: S(10), seals: z.array(S(40)).max(20) }).strict()).max(500),
  })
  .strict();
const EventSchema = z
  .object({
    kind: z.enum(['gate_out_empty', 'gate_in_full', 'loaded', 'discharged', 'transshipped', 'gate_out_full', 'gate_in_empty', 'status']),
    at: S(40),
    place: S(10),
    seal: NS(40),
    fullEmpty: z.enum(['F', 'E']).nullable(),
    statusText: NS(400),
  })
  .strict();
const PassengerSchema = z
  .object({
    surname: z.string().min(1).max(200),
    givenNames: S(200),
    birthDate: NS(10),
    sex: NS(2),
    nationality: NS(3),
    docType: NS(4),
    docNumber: NS(40),
    docCountry: NS(3),
    docExpiry: NS(10),
    crew: z.boolean(),
    origin: NS(10),
    destination: NS(10),
  })
  .strict();
const REF = z.string().regex(/^[a-z]\d{1,7}$/);

export const ContentSchema = z
  .object({
    message: MessageSchema,
    shipments: z
      .array(z.object({ ref: REF, shipment: ShipmentSchema, vessel: VesselSchema.nullable(), flight: FlightSchema.nullable() }).strict())
      .max(200_000),
    parties: z.array(z.object({ ref: REF, party: PartySchema }).strict()).max(200_000),
    containers: z.array(z.object({ ref: REF, number: S(20), sizeType: S(10), events: z.array(EventSchema).max(10_000) }).strict()).max(200_000),
    passengers: z.array(z.object({ ref: REF, passenger: PassengerSchema, flight: FlightSchema }).strict()).max(200_000),
    case: z
      .object({
        title: S(300),
        summary: S(20_000),
        tlp: z.enum(TLP),
        tags: z.array(S(60)).max(50),
        notes: z.array(z.object({ ref: REF, text: S(1024 * 1024), body: z.unknown(), author: S(200), at: S(40) }).strict()).max(10_000),
        /** Record refs the case links to. */
        links: z.array(REF).max(200_000),
      })
      .strict()
      .nullable(),
    attachments: z
      .array(
        z
          .object({ ref: REF, path: z.string().max(40), name: S(300), mediaType: S(200), size: z.number().int().min(0), sha256: S(64), description: S(4000) })
          .strict(),
      )
      .max(10_000),
    seizures: z
      .array(
        z
          .object({ ref: REF, seizure: CaseSeizureSchema.omit({ involved: true, photos: true, entity: true, entityId: true }), entityRef: REF.nullable() })
          .strict(),
      )
      .max(1_000),
    charts: z.array(z.object({ ref: REF, name: S(300), description: S(4000), content: z.record(z.string(), z.unknown()) }).strict()).max(100),
    /** Hashed matching: keyed hashes of identifiers, no identifier itself. */
    match: z
      .object({ categories: z.array(z.enum(MATCH_CATEGORIES)).min(1).max(5), hashes: z.array(z.string().regex(/^[0-9a-f]{64}$/)).max(5_000_000) })
      .strict()
      .nullable(),
  })
  .strict();
export type PackageContent = z.infer<typeof ContentSchema>;

type Row = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const strOrNull = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));
const list = (v: unknown): string[] => {
  try {
    const a = JSON.parse(str(v) || '[]') as unknown;
    return Array.isArray(a) ? a.map(String) : [];
  } catch {
    return [];
  }
};

/** Reads the selected records (and those a case links to) into package form. Refs are assigned here. */
export function collectRecords(db: Db, sel: PackageSelection, linked: { shipment: number[]; party: number[]; container: number[]; passenger: number[] }) {
  const ids = {
    shipment: [...new Set([...sel.shipments, ...linked.shipment])],
    party: [...new Set([...sel.parties, ...linked.party])],
    container: [...new Set([...sel.containers, ...linked.container])],
    passenger: [...new Set([...sel.passengers, ...linked.passenger])],
  };
  const refOf = new Map<string, string>();
  const shipments: PackageContent['shipments'] = [];
  const parties: PackageContent['parties'] = [];
  const containers: PackageContent['containers'] = [];
  const passengers: PackageContent['passengers'] = [];
  const shipmentRow = db.prepare('SELECT * FROM shipment WHERE id = ?');
  const partiesOf = db.prepare('SELECT sp.role, p.* FROM shipment_party sp JOIN party p ON p.id = sp.party_id WHERE sp.shipment_id = ? ORDER BY sp.role, p.id');
  const containersOf = db.prepare(
    'SELECT c.number, c.size_type, sc.seals FROM shipment_container sc JOIN container c ON c.id = sc.container_id WHERE sc.shipment_id = ?',
  );
  const conveyance = db.prepare('SELECT * FROM conveyance WHERE id = ?');
  const vesselOf = (c: Row | undefined): ParsedVessel | null =>
    c && c['mode'] === 'sea' ? { imo: str(c['imo']), name: str(c['vessel_name']), flag: str(c['flag']), carrierCode: str(c['carrier_code']) } : null;
  const flightOf = (c: Row | undefined): ParsedFlight | null =>
    c && c['mode'] === 'air' && c['flight_number']
      ? { carrierCode: str(c['carrier_code']), flightNumber: str(c['flight_number']), flightDate: str(c['flight_date']) }
      : null;
  const partyOf = (p: Row, role: ParsedParty['role']): ParsedParty => ({
    role,
    name: str(p['name']),
    address: str(p['address']),
    city: str(p['city']),
    postcode: str(p['postcode']),
    country: str(p['country']),
  });
  for (const id of ids.shipment) {
    const s = shipmentRow.get(id) as Row | undefined;
    if (!s) continue;
    const conv = s['conveyance_id'] ? (conveyance.get(s['conveyance_id']) as Row | undefined) : undefined;
    const ref = `s${shipments.length + 1}`;
    refOf.set(`shipment:${id}`, ref);
    shipments.push({
      ref,
      shipment: {
        mode: s['mode'] as ParsedShipment['mode'],
        docType: s['doc_type'] as ParsedShipment['docType'],
        docNumber: str(s['doc_number']),
        goodsDescription: str(s['goods_description']),
        hsCodes: list(s['hs_codes']),
        packages: (s['packages'] as number | null) ?? null,
        packageType: strOrNull(s['package_type']),
        grossWeightKg: (s['gross_weight_kg'] as number | null) ?? null,
        volumeM3: (s['volume_m3'] as number | null) ?? null,
        placeReceipt: strOrNull(s['place_receipt']),
        placeLoading: strOrNull(s['place_loading']),
        placesTransshipment: list(s['places_transshipment']),
        placeDischarge: strOrNull(s['place_discharge']),
        placeDelivery: strOrNull(s['place_delivery']),
        arrivalDate: strOrNull(s['arrival_date']),
        voyage: strOrNull(s['voyage']),
        departureDate: strOrNull(s['departure_date']),
        declaredValue: (s['declared_value'] as number | null) ?? null,
        currency: strOrNull(s['currency']),
        freightTerms: strOrNull(s['freight_terms']),
        masterDocNumber: strOrNull(s['master_doc_number']),
        isHouse: Boolean(s['is_house']),
        parties: (partiesOf.all(id) as Row[]).map((p) => partyOf(p, p['role'] as ParsedParty['role'])),
        containers: (containersOf.all(id) as Row[]).map((c) => ({ number: str(c['number']), sizeType: str(c['size_type']), seals: list(c['seals']) })),
      },
      vessel: vesselOf(conv),
      flight: flightOf(conv),
    });
  }
  const partyRow = db.prepare('SELECT * FROM party WHERE id = ?');
  for (const id of ids.party) {
    const p = partyRow.get(id) as Row | undefined;
    if (!p) continue;
    const ref = `p${parties.length + 1}`;
    refOf.set(`party:${id}`, ref);
    parties.push({ ref, party: partyOf(p, 'shipper') });
  }
  const containerRow = db.prepare('SELECT * FROM container WHERE id = ?');
  const eventsOf = db.prepare('SELECT * FROM container_event WHERE container_id = ? ORDER BY at, id LIMIT 10000');
  for (const id of ids.container) {
    const c = containerRow.get(id) as Row | undefined;
    if (!c) continue;
    const ref = `c${containers.length + 1}`;
    refOf.set(`container:${id}`, ref);
    containers.push({
      ref,
      number: str(c['number']),
      sizeType: str(c['size_type']),
      events: (eventsOf.all(id) as Row[]).map((e) => ({
        kind: e['kind'] as ParsedEvent['kind'],
        at: str(e['at']),
        place: str(e['place']),
        seal: strOrNull(e['seal']),
        fullEmpty: (strOrNull(e['full_empty']) as 'F' | 'E' | null) ?? null,
        statusText: strOrNull(e['status_text']),
      })),
    });
  }
  const passengerRow = db.prepare('SELECT * FROM passenger WHERE id = ?');
  const flightsOf = db.prepare(
    'SELECT f.origin, f.destination, c.* FROM passenger_flight f JOIN conveyance c ON c.id = f.conveyance_id WHERE f.passenger_id = ? LIMIT 1',
  );
  for (const id of ids.passenger) {
    const p = passengerRow.get(id) as Row | undefined;
    const f = flightsOf.get(id) as Row | undefined;
    const flight = flightOf(f);
    if (!p || !flight) continue;
    const ref = `t${passengers.length + 1}`;
    refOf.set(`passenger:${id}`, ref);
    passengers.push({
      ref,
      passenger: {
        surname: str(p['surname']),
        givenNames: str(p['given_names']),
        birthDate: strOrNull(p['birth_date']),
        sex: strOrNull(p['sex']),
        nationality: strOrNull(p['nationality']),
        docType: strOrNull(p['doc_type']),
        docNumber: strOrNull(p['doc_number']),
        docCountry: strOrNull(p['doc_country']),
        docExpiry: strOrNull(p['doc_expiry']),
        crew: Boolean(p['is_crew']),
        origin: strOrNull(f?.['origin']),
        destination: strOrNull(f?.['destination']),
      },
      flight,
    });
  }
  return { shipments, parties, containers, passengers, refOf };
}

// --- Preview ----------------------------------------------------------------------------------------

const SHIPMENT_FIELDS: (keyof ParsedShipment)[] = [
  'goodsDescription',
  'packages',
  'grossWeightKg',
  'placeLoading',
  'placeDischarge',
  'arrivalDate',
  'declaredValue',
  'currency',
];
const SHIPMENT_COLUMNS: Record<string, string> = {
  goodsDescription: 'goods_description',
  packages: 'packages',
  grossWeightKg: 'gross_weight_kg',
  placeLoading: 'place_loading',
  placeDischarge: 'place_discharge',
  arrivalDate: 'arrival_date',
  declaredValue: 'declared_value',
  currency: 'currency',
};
const same = (a: unknown, b: unknown) => str(a).trim().toLowerCase() === str(b).trim().toLowerCase();

/** Every record of the package beside what this workspace holds: new, the same, or in conflict (with the fields that differ). */
export function previewRecords(db: Db, content: PackageContent, merged: Set<string>): PreviewRecord[] {
  const out: PreviewRecord[] = [];
  const rec = (
    ref: string,
    entity: MergeEntity,
    label: string,
    detail: string,
    localId: number | null,
    differences: PreviewRecord['differences'],
  ): PreviewRecord => ({
    ref,
    entity,
    label,
    detail,
    localId,
    differences,
    status: localId === null ? 'new' : differences.length > 0 ? 'conflict' : 'same',
    merged: merged.has(ref),
  });
  const latestShipment = db.prepare('SELECT * FROM shipment WHERE doc_number = ? AND doc_type = ? ORDER BY version DESC LIMIT 1');
  for (const s of content.shipments) {
    const local = latestShipment.get(s.shipment.docNumber, s.shipment.docType) as Row | undefined;
    const diffs = local
      ? SHIPMENT_FIELDS.filter((f) => !same(local[SHIPMENT_COLUMNS[f]!], s.shipment[f])).map((f) => ({
          field: f,
          local: str(local[SHIPMENT_COLUMNS[f]!]),
          partner: str(s.shipment[f]),
        }))
      : [];
    const sh = s.shipment;
    out.push(
      rec(
        s.ref,
        'shipment',
        `${sh.docType} ${sh.docNumber}`,
        [sh.placeLoading, sh.placeDischarge].filter(Boolean).join(' → ') + (sh.goodsDescription ? ` · ${sh.goodsDescription.slice(0, 80)}` : ''),
        local ? Number(local['id']) : null,
        diffs,
      ),
    );
  }
  const partyByName = db.prepare('SELECT * FROM party WHERE name_norm = ? ORDER BY id LIMIT 20');
  for (const p of content.parties) {
    const candidates = partyByName.all(normalizeName(p.party.name)) as Row[];
    const local = candidates.find((c) => same(c['country'], p.party.country)) ?? null;
    const diffs = local
      ? (['address', 'city', 'postcode'] as const)
          .filter((f) => !same(normalizeName(str(local[f])), normalizeName(p.party[f])))
          .map((f) => ({ field: f, local: str(local[f]), partner: p.party[f] }))
      : [];
    out.push(
      rec(p.ref, 'party', p.party.name, [p.party.address, p.party.city, p.party.country].filter(Boolean).join(', '), local ? Number(local['id']) : null, diffs),
    );
  }
  const containerByNumber = db.prepare('SELECT * FROM container WHERE number = ?');
  for (const c of content.containers) {
    const local = containerByNumber.get(c.number) as Row | undefined;
    const diffs =
      local && c.sizeType && !same(local['size_type'], c.sizeType) ? [{ field: 'sizeType', local: str(local['size_type']), partner: c.sizeType }] : [];
    out.push(rec(c.ref, 'container', c.number, `${c.sizeType} · ${c.events.length} event(s)`, local ? Number(local['id']) : null, diffs));
  }
  const passengerByDoc = db.prepare(
    `SELECT p.* FROM passenger p JOIN passenger_flight f ON f.passenger_id = p.id JOIN conveyance c ON c.id = f.conveyance_id
     WHERE p.doc_number = ? AND c.carrier_code = ? AND c.flight_number = ? AND c.flight_date = ? LIMIT 1`,
  );
  for (const t of content.passengers) {
    const p = t.passenger;
    const local = p.docNumber
      ? (passengerByDoc.get(p.docNumber, t.flight.carrierCode, t.flight.flightNumber, t.flight.flightDate) as Row | undefined)
      : undefined;
    const diffs = local
      ? (
          [
            ['surname', 'surname'],
            ['givenNames', 'given_names'],
            ['birthDate', 'birth_date'],
            ['nationality', 'nationality'],
          ] as const
        )
          .filter(([f, col]) => !same(local[col], p[f]))
          .map(([f, col]) => ({ field: f, local: str(local[col]), partner: str(p[f]) }))
      : [];
    out.push(
      rec(
        t.ref,
        'passenger',
        `${p.surname}, ${p.givenNames}`,
        `${p.docNumber ?? ''} · ${t.flight.carrierCode}${t.flight.flightNumber} ${t.flight.flightDate}`,
        local ? Number(local['id']) : null,
        diffs,
      ),
    );
  }
  return out;
}

// --- Merge ------------------------------------------------------------------------------------------

/** Merges the chosen records as one import named after the package; returns the local id of each merged ref. */
export function mergeRecords(
  db: Db,
  content: PackageContent,
  refs: Set<string>,
  source: string,
  at: string,
): { importId: number | null; ids: Map<string, { entity: MergeEntity; id: number }> } {
  const ids = new Map<string, { entity: MergeEntity; id: number }>();
  if (refs.size === 0) return { importId: null, ids };
  const importId = Number(
    db.prepare(`INSERT INTO import_batch (source_file, format, sha256, started_at, status) VALUES (?, 'package', ?, ?, 'running')`).run(source, '', at)
      .lastInsertRowid,
  );
  const store = new ImportStore(db, importId);
  let count = 0;
  const latest = db.prepare('SELECT id FROM shipment WHERE doc_number = ? AND doc_type = ? ORDER BY version DESC LIMIT 1');
  content.shipments.forEach((s, i) => {
    if (!refs.has(s.ref)) return;
    const conveyanceId = s.vessel ? store.vessel(s.vessel, source) : s.flight ? store.flight(s.flight, source) : null;
    store.shipment(s.shipment as ParsedShipment, conveyanceId, i + 1, `${source} ${s.ref}`);
    const row = latest.get(s.shipment.docNumber, s.shipment.docType) as { id: number } | undefined;
    if (row) ids.set(s.ref, { entity: 'shipment', id: row.id });
    count++;
  });
  content.parties.forEach((p, i) => {
    if (!refs.has(p.ref)) return;
    ids.set(p.ref, { entity: 'party', id: Number(store.party(p.party, i + 1, `${source} ${p.ref}`)) });
    count++;
  });
  const containerId = db.prepare('SELECT id FROM container WHERE number = ?');
  content.containers.forEach((c, i) => {
    if (!refs.has(c.ref)) return;
    for (const e of c.events) {
      store.event(
        { ...e, container: c.number, sizeType: c.sizeType, docNumber: null, vessel: null, voyage: null, segment: i + 1 } as ParsedEvent,
        i + 1,
        `${source} ${c.ref}`,
      );
    }
    if (c.events.length === 0) {
      db.prepare(`INSERT INTO container (number, number_valid, size_type, import_id, source_ref) VALUES (?, NULL, ?, ?, ?) ON CONFLICT(number) DO NOTHING`).run(
        c.number,
        c.sizeType || null,
        importId,
        `${source} ${c.ref}`,
      );
    }
    const row = containerId.get(c.number) as { id: number } | undefined;
    if (row) ids.set(c.ref, { entity: 'container', id: row.id });
    count++;
  });
  const passengerOnFlight = db.prepare(
    `SELECT p.id FROM passenger p JOIN passenger_flight f ON f.passenger_id = p.id WHERE f.conveyance_id = ? AND p.doc_number IS ? AND p.surname = ? ORDER BY p.id DESC LIMIT 1`,
  );
  content.passengers.forEach((t, i) => {
    if (!refs.has(t.ref)) return;
    const flightId = store.flight(t.flight, source);
    store.passenger(t.passenger as ParsedPassenger, flightId, i + 1, `${source} ${t.ref}`);
    const row = passengerOnFlight.get(flightId, t.passenger.docNumber, t.passenger.surname) as { id: number } | undefined;
    if (row) ids.set(t.ref, { entity: 'passenger', id: row.id });
    count++;
  });
  catchUp(db);
  db.prepare(`UPDATE import_batch SET status = 'done', finished_at = ?, row_count = ?, rejected_count = 0 WHERE id = ?`).run(at, count, importId);
  return { importId, ids };
}

// --- Notes and charts in a package -----------------------------------------------------------------

/** A note's rich text for a partner: @-mentions name records by this workspace's row ids, which mean
 * nothing (or something else) elsewhere, so they travel as plain text with their label. */
export function withoutMentions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutMentions);
  if (!node || typeof node !== 'object') return node;
  const n = node as { type?: unknown; attrs?: { label?: unknown; id?: unknown }; content?: unknown };
  if (n.type === 'mention') return { type: 'text', text: `@${String(n.attrs?.label ?? n.attrs?.id ?? '')}` };
  return n.content === undefined ? n : { ...n, content: withoutMentions(n.content) };
}

/** A chart for a package: its record nodes renamed to the package's refs; nodes of local rows that do not travel are left out. */
export function chartForPackage(text: string, refOf: Map<string, string>): Record<string, unknown> {
  const chart = JSON.parse(text) as { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[]; positions?: Record<string, unknown> } & Record<
    string,
    unknown
  >;
  const rename = (id: string): string | null => {
    const ref = refOf.get(id);
    if (ref) return `ref:${ref}`;
    return /^(address|phone|email|place|document|payment):/.test(id) ? id : null;
  };
  return renameChart(chart, rename);
}

export function chartFromPackage(
  content: Record<string, unknown>,
  ids: Map<string, { entity: string; id: number }>,
): { nodes: unknown[]; edges: unknown[] } & Record<string, unknown> {
  const rename = (id: string): string | null => {
    const m = /^ref:(.+)$/.exec(id);
    if (!m) return /^(address|phone|email|place|document|payment):/.test(id) ? id : null;
    const local = ids.get(m[1]!);
    return local ? `${local.entity}:${local.id}` : null;
  };
  return renameChart(content as { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] }, rename);
}

function renameChart(
  chart: { nodes?: unknown; edges?: unknown; positions?: unknown } & Record<string, unknown>,
  rename: (id: string) => string | null,
): { nodes: unknown[]; edges: unknown[] } & Record<string, unknown> {
  const nodeId = (n: Record<string, unknown>) => String((n['data'] as { id?: string } | undefined)?.id ?? n['id'] ?? '');
  // A node's id and the record it opens follow the rename; a ref (in a package) opens nothing.
  const withId = (n: Record<string, unknown>, id: string) => {
    const m = /^(shipment|party|container|passenger):(\d+)$/.exec(id);
    const record = m ? { kind: m[1], id: Number(m[2]) } : null;
    const { merged: _merged, ...rest } = n;
    return rest['data'] ? { ...rest, data: { ...(rest['data'] as object), id, record } } : { ...rest, id, record };
  };
  const names = new Map<string, string>();
  const nodes = (Array.isArray(chart.nodes) ? (chart.nodes as Record<string, unknown>[]) : []).flatMap((n) => {
    const to = rename(nodeId(n));
    if (!to) return [];
    names.set(nodeId(n), to);
    return [withId(n, to)];
  });
  const edges = (Array.isArray(chart.edges) ? (chart.edges as Record<string, unknown>[]) : []).flatMap((e) => {
    const d = (e['data'] as Record<string, unknown> | undefined) ?? e;
    const s = names.get(String(d['source']));
    const t = names.get(String(d['target']));
    if (!s || !t) return [];
    const data = { ...d, source: s, target: t, id: `${String(d['type'] ?? 'edge')}:${s}:${t}` };
    return [e['data'] ? { ...e, data } : data];
  });
  const positions: Record<string, unknown> = {};
  for (const [k, v] of Object.entries((chart.positions as Record<string, unknown> | undefined) ?? {})) {
    const to = names.get(k);
    if (to) positions[to] = v;
  }
  return { ...chart, nodes, edges, positions, pinned: [], hidden: [], groups: [] };
}
