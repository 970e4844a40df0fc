// How each grid reads the database: its table, the SQL of every column, what a text filter compares
// (normalised names where the column is a name), and how its quick search finds rows.
import type { GridId } from '../../../shared/domain/grids.ts';

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
  table: 'shipment' | 'container' | 'party' | 'passenger';
  columns: Record<string, ColumnSql>;
  /** Ids of rows that a quick search finds: every term starts a word of the row's text (or of one of
   * its parties', for shipments). `fts` is the FTS5 query of the terms; `text` the search as typed. */
  search(q: { fts: string; text: string }): { sql: string; params: string[] };
};

const party = (role: string) =>
  `(SELECT p.name FROM shipment_party sp JOIN party p ON p.id = sp.party_id WHERE sp.shipment_id = r.id AND sp.role = '${role}' LIMIT 1)`;
const partyNorm = (role: string) =>
  `(SELECT group_concat(p.name_norm, ' ') FROM shipment_party sp JOIN party p ON p.id = sp.party_id WHERE sp.shipment_id = r.id AND sp.role = '${role}')`;

export const GRID_SQL: Record<GridId, GridSql> = {
  shipments: {
    from: 'shipment r',
    table: 'shipment',
    columns: {
      docNumber: { sql: 'r.doc_number', notNull: true },
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
        sql: `(SELECT coalesce(c.vessel_name, c.carrier_code || c.flight_number || ' ' || c.flight_date) FROM conveyance c WHERE c.id = r.conveyance_id)`,
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
      country: { sql: 'r.country' },
      city: { sql: 'r.city', normalized: 'pc_norm(r.city)' },
      address: { sql: 'r.address', normalized: 'pc_norm(r.address)' },
      shipments: { sql: '(SELECT count(*) FROM shipment_party sp WHERE sp.party_id = r.id)' },
    },
    search: ({ fts }) => ({ sql: 'SELECT rowid FROM party_search WHERE party_search MATCH ?', params: [fts] }),
  },
  passengers: {
    from: 'passenger r',
    table: 'passenger',
    columns: {
      surname: { sql: 'r.surname', normalized: 'pc_norm(r.surname)', notNull: true },
      givenNames: { sql: 'r.given_names', normalized: 'pc_norm(r.given_names)' },
      birthDate: { sql: 'r.birth_date' },
      nationality: { sql: 'r.nationality' },
      docNumber: { sql: 'r.doc_number' },
      docValid: { sql: 'r.doc_valid' },
      crew: { sql: 'r.is_crew', notNull: true },
      flight: {
        sql: `(SELECT c.carrier_code || c.flight_number || ' ' || c.flight_date FROM passenger_flight f JOIN conveyance c ON c.id = f.conveyance_id WHERE f.passenger_id = r.id LIMIT 1)`,
      },
      route: { sql: `(SELECT f.origin || '–' || f.destination FROM passenger_flight f WHERE f.passenger_id = r.id LIMIT 1)` },
    },
    search: ({ fts }) => ({ sql: 'SELECT rowid FROM passenger_search WHERE passenger_search MATCH ?', params: [fts] }),
  },
};
