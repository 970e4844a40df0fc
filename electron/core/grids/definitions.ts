// How each grid reads the database: its table, the SQL of every column, what a text filter compares
// (normalised names where the column is a name), and how its quick search finds rows.
import type { GridId } from '../../../shared/domain/grids.ts';
import { conveyanceLabel, flightLabel } from '../records/labels.ts';

export type ColumnSql = {
  /** The value shown (and sorted on, where the column is sortable: keep it an indexed column). */
  sql: string;
  /** What a text filter compares, given the filter's text normalised like names (normalizeName). */
  normalized?: string;
  /** What the column sorts on, when not `sql` (a name sorts by its normalised form, which is indexed). */
  sort?: string;
  /** The column is never NULL: paging may seek past the last row seen in either direction. */
  notNull?: boolean;
};

export type GridSql = {
  /** `FROM` clause; the grid's rows are `r`, their id `r.id`. */
  from: string;
  /** The table whose exact row count (row_count) is an unfiltered grid's total. */
  table: 'shipment' | 'container' | 'party' | 'passenger' | 'container_event' | 'conveyance' | 'booking';
  columns: Record<string, ColumnSql>;
  /** Ids of rows that a quick search finds: every term starts a word of the row's text (or of one of
   * its parties', for shipments). `fts` is the FTS5 query of the terms; `text` the search as typed. */
  search(q: { fts: string; text: string }): { sql: string; params: string[] };
};

// In a training workspace once the trainer revealed the answer key: the records a scheme hides behind.
const truth = (entity: string) => ({ sql: `EXISTS (SELECT 1 FROM training_truth t WHERE t.entity = '${entity}' AND t.ref = r.doc_number)`, notNull: true });
const review = (entity: string) => ({ sql: `EXISTS (SELECT 1 FROM review_mark m WHERE m.entity = '${entity}' AND m.entity_id = r.id)`, notNull: true });
const party = (role: string) =>
  `(SELECT p.name FROM shipment_party sp JOIN party p ON p.id = sp.party_id WHERE sp.shipment_id = r.id AND sp.role = '${role}' LIMIT 1)`;
// A party merged into another (entity resolution) is also found under the other's name.
const partyNorm = (role: string) =>
  `(SELECT group_concat(p.name_norm || coalesce(' ' || (SELECT c.name_norm FROM party_merge m JOIN party c ON c.id = m.into_id WHERE m.party_id = p.id), ''), ' ')
    FROM shipment_party sp JOIN party p ON p.id = sp.party_id WHERE sp.shipment_id = r.id AND sp.role = '${role}')`;

export const GRID_SQL: Record<GridId, GridSql> = {
  shipments: {
    from: 'shipment r',
    table: 'shipment',
    columns: {
      docNumber: { sql: 'r.doc_number', notNull: true },
      review: review('shipment'),
      truth: truth('shipment'),
      docValid: { sql: 'r.doc_valid' },
      mode: { sql: 'r.mode', notNull: true },
      docType: { sql: 'r.doc_type', notNull: true },
      version: { sql: 'r.version' },
      shipper: { sql: party('shipper'), normalized: partyNorm('shipper') },
      consignee: { sql: party('consignee'), normalized: partyNorm('consignee') },
      goodsDescription: { sql: 'r.goods_description', normalized: 'pc_norm(r.goods_description)' },
      hsCodes: { sql: `(SELECT group_concat(value, ' ') FROM json_each(r.hs_codes))` },
      packages: { sql: 'r.packages' },
      grossWeightKg: { sql: 'r.gross_weight_kg' },
      placeLoading: { sql: 'r.place_loading' },
      placeDischarge: { sql: 'r.place_discharge' },
      arrivalDate: { sql: 'r.arrival_date' },
      conveyance: {
        sql: `(SELECT ${conveyanceLabel('c', true)} FROM conveyance c WHERE c.id = r.conveyance_id)`,
      },
      containers: {
        sql: `(SELECT group_concat(k.number, ' ') FROM shipment_container sc JOIN container k ON k.id = sc.container_id WHERE sc.shipment_id = r.id)`,
      },
      source: { sql: 'r.source_ref' },
    },
    // The shipment's own text, its parties' names and addresses, and its containers' numbers.
    search: ({ fts, text }) => ({
      sql: `SELECT rowid FROM shipment_search WHERE shipment_search MATCH ?
        UNION SELECT sp.shipment_id FROM shipment_party sp WHERE sp.party_id IN (SELECT rowid FROM party_search WHERE party_search MATCH ?)
        UNION SELECT sc.shipment_id FROM shipment_container sc JOIN container k ON k.id = sc.container_id WHERE k.number = ?`,
      params: [fts, fts, text.toUpperCase()],
    }),
  },
  containers: {
    from: 'container r',
    table: 'container',
    columns: {
      number: { sql: 'r.number', notNull: true },
      review: review('container'),
      numberValid: { sql: 'r.number_valid' },
      sizeType: { sql: 'r.size_type' },
      shipments: { sql: '(SELECT count(*) FROM shipment_container sc WHERE sc.container_id = r.id)' },
      events: { sql: '(SELECT count(*) FROM container_event e WHERE e.container_id = r.id)' },
      lastEvent: {
        sql: `(SELECT e.at || ' ' || e.kind || ' ' || coalesce(e.place, '') FROM container_event e WHERE e.container_id = r.id ORDER BY e.at DESC LIMIT 1)`,
      },
    },
    // Container numbers: by their beginning (owner code, then digits).
    search: ({ text }) => ({
      sql: `SELECT id FROM container WHERE number >= ? AND number < ? || 'ZZZZZZZZZZZ'`,
      params: [text.toUpperCase(), text.toUpperCase()],
    }),
  },
  parties: {
    from: 'party r',
    table: 'party',
    columns: {
      name: { sql: 'r.name', normalized: 'r.name_norm', sort: 'r.name_norm', notNull: true },
      review: review('party'),
      country: { sql: 'r.country' },
      city: { sql: 'r.city', normalized: 'pc_norm(r.city)' },
      address: { sql: 'r.address', normalized: 'pc_norm(r.address)' },
      shipments: { sql: '(SELECT count(*) FROM shipment_party sp WHERE sp.party_id = r.id)' },
      mergedInto: {
        sql: '(SELECT c.name FROM party_merge m JOIN party c ON c.id = m.into_id WHERE m.party_id = r.id)',
        normalized: '(SELECT c.name_norm FROM party_merge m JOIN party c ON c.id = m.into_id WHERE m.party_id = r.id)',
      },
    },
    search: ({ fts }) => ({ sql: 'SELECT rowid FROM party_search WHERE party_search MATCH ?', params: [fts] }),
  },
  events: {
    from: 'container_event r',
    table: 'container_event',
    columns: {
      at: { sql: 'r.at', notNull: true },
      containerId: { sql: 'r.container_id', notNull: true },
      container: { sql: '(SELECT k.number FROM container k WHERE k.id = r.container_id)' },
      kind: { sql: 'r.kind', notNull: true },
      place: { sql: 'r.place' },
      conveyance: { sql: `(SELECT ${conveyanceLabel('c')} FROM conveyance c WHERE c.id = r.conveyance_id)` },
      seal: { sql: 'r.seal' },
      fullEmpty: { sql: 'r.full_empty' },
      status: { sql: 'r.status_text' },
      source: { sql: 'r.source_ref' },
    },
    // Events of the containers whose number begins with the search.
    search: ({ text }) => ({
      sql: `SELECT e.id FROM container k JOIN container_event e ON e.container_id = k.id WHERE k.number >= ? AND k.number < ? || 'ZZZZZZZZZZZ'`,
      params: [text.toUpperCase(), text.toUpperCase()],
    }),
  },
  conveyances: {
    from: 'conveyance r',
    table: 'conveyance',
    columns: {
      mode: { sql: 'r.mode', notNull: true },
      name: { sql: 'r.vessel_name', normalized: 'pc_norm(r.vessel_name)' },
      imo: { sql: 'r.imo' },
      imoValid: { sql: 'r.imo_valid' },
      flag: { sql: 'r.flag' },
      carrier: { sql: 'r.carrier_code' },
      flightNumber: { sql: 'r.flight_number' },
      flightDate: { sql: 'r.flight_date' },
      shipments: { sql: '(SELECT count(*) FROM shipment s WHERE s.conveyance_id = r.id)' },
      travellers: { sql: '(SELECT count(*) FROM passenger_flight f WHERE f.conveyance_id = r.id)' },
    },
    // A small table: vessel names, IMO numbers and flight numbers by their words.
    search: ({ text }) => ({
      sql: `SELECT id FROM conveyance WHERE ' ' || pc_norm(coalesce(vessel_name, '') || ' ' || coalesce(imo, '') || ' ' || coalesce(flight_number, ''))
        LIKE '% ' || pc_norm(?) || '%'`,
      params: [text],
    }),
  },
  bookings: {
    from: 'booking r',
    table: 'booking',
    columns: {
      recordLocator: { sql: 'r.record_locator', notNull: true },
      carrier: { sql: 'r.carrier_code' },
      bookingDate: { sql: 'r.booking_date' },
      ticketingDate: { sql: 'r.ticketing_date' },
      agency: { sql: 'r.agency', normalized: 'pc_norm(r.agency)' },
      paymentForm: { sql: 'r.payment_form' },
      travellers: { sql: '(SELECT count(*) FROM booking_passenger bp WHERE bp.booking_id = r.id)' },
      itinerary: {
        sql: `(SELECT group_concat(g.origin || '–' || g.destination, ' ') FROM (SELECT origin, destination FROM itinerary_segment WHERE booking_id = r.id ORDER BY seq) g)`,
      },
    },
    // Record locators by their beginning, and the names of the travellers on the booking.
    search: ({ fts, text }) => ({
      sql: `SELECT id FROM booking WHERE record_locator >= ? AND record_locator < ? || 'ZZZZZZ'
        UNION SELECT bp.booking_id FROM booking_passenger bp WHERE bp.passenger_id IN (SELECT rowid FROM passenger_search WHERE passenger_search MATCH ?)`,
      params: [text.toUpperCase(), text.toUpperCase(), fts],
    }),
  },
  passengers: {
    from: 'passenger r',
    table: 'passenger',
    columns: {
      surname: { sql: 'r.surname', normalized: 'pc_norm(r.surname)', notNull: true },
      review: review('passenger'),
      givenNames: { sql: 'r.given_names', normalized: 'pc_norm(r.given_names)' },
      birthDate: { sql: 'r.birth_date' },
      nationality: { sql: 'r.nationality' },
      docNumber: { sql: 'r.doc_number' },
      docValid: { sql: 'r.doc_valid' },
      crew: { sql: 'r.is_crew', notNull: true },
      flight: {
        sql: `(SELECT ${flightLabel('c')} || ' ' || c.flight_date FROM passenger_flight f JOIN conveyance c ON c.id = f.conveyance_id WHERE f.passenger_id = r.id LIMIT 1)`,
      },
      route: { sql: `(SELECT f.origin || '–' || f.destination FROM passenger_flight f WHERE f.passenger_id = r.id LIMIT 1)` },
      truth: truth('passenger'),
    },
    search: ({ fts }) => ({ sql: 'SELECT rowid FROM passenger_search WHERE passenger_search MATCH ?', params: [fts] }),
  },
};
