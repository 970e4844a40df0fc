// Domain schema v1 (DESIGN.md, "Domain model"): parties, shipments with party roles, containers and their
// events, conveyances, passengers, bookings and itinerary segments. Every imported row keeps its
// provenance: the import batch, and the line or segment it came from.
import type { Migration } from './index.ts';

const PROVENANCE = `
  import_id INTEGER REFERENCES import_batch(id),
  source_line INTEGER,
  source_ref TEXT`;

export const m001DomainV1: Migration = {
  version: 1,
  name: 'domain-v1',
  up(db) {
    db.exec(`
CREATE TABLE import_batch (
  id INTEGER PRIMARY KEY,
  source_file TEXT NOT NULL,
  format TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'cancelled')),
  row_count INTEGER NOT NULL DEFAULT 0,
  rejected_count INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE party (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('company', 'person', 'unknown')),
  name TEXT NOT NULL,
  name_norm TEXT NOT NULL,
  address TEXT,
  city TEXT,
  postcode TEXT,
  country TEXT,
  phones TEXT NOT NULL DEFAULT '[]',
  emails TEXT NOT NULL DEFAULT '[]',
  identifiers TEXT NOT NULL DEFAULT '{}',
  ${PROVENANCE}
);
CREATE INDEX party_name_norm ON party(name_norm);

CREATE TABLE conveyance (
  id INTEGER PRIMARY KEY,
  mode TEXT NOT NULL CHECK (mode IN ('sea', 'air', 'road')),
  imo TEXT,
  imo_valid INTEGER,
  vessel_name TEXT,
  flag TEXT,
  carrier_code TEXT,
  flight_number TEXT,
  flight_date TEXT,
  plates TEXT,
  ${PROVENANCE}
);
CREATE INDEX conveyance_imo ON conveyance(imo) WHERE imo IS NOT NULL;
CREATE INDEX conveyance_flight ON conveyance(carrier_code, flight_number, flight_date) WHERE flight_number IS NOT NULL;

CREATE TABLE shipment (
  id INTEGER PRIMARY KEY,
  mode TEXT NOT NULL CHECK (mode IN ('sea', 'air', 'road')),
  doc_type TEXT NOT NULL CHECK (doc_type IN ('BL', 'AWB', 'CMR', 'OTHER')),
  doc_number TEXT NOT NULL,
  doc_valid INTEGER,
  master_doc_number TEXT,
  is_house INTEGER NOT NULL DEFAULT 0,
  goods_description TEXT,
  hs_codes TEXT NOT NULL DEFAULT '[]',
  packages INTEGER,
  package_type TEXT,
  gross_weight_kg REAL,
  volume_m3 REAL,
  declared_value REAL,
  currency TEXT,
  freight_terms TEXT,
  place_receipt TEXT,
  place_loading TEXT,
  places_transshipment TEXT NOT NULL DEFAULT '[]',
  place_discharge TEXT,
  place_delivery TEXT,
  booking_date TEXT,
  departure_date TEXT,
  arrival_date TEXT,
  conveyance_id INTEGER REFERENCES conveyance(id),
  voyage TEXT,
  flags TEXT NOT NULL DEFAULT '[]',
  ${PROVENANCE}
);
CREATE INDEX shipment_doc_number ON shipment(doc_number);
CREATE INDEX shipment_master ON shipment(master_doc_number) WHERE master_doc_number IS NOT NULL;
CREATE INDEX shipment_arrival ON shipment(arrival_date, id);
CREATE INDEX shipment_conveyance ON shipment(conveyance_id);
CREATE INDEX shipment_import ON shipment(import_id);

CREATE TABLE shipment_party (
  shipment_id INTEGER NOT NULL REFERENCES shipment(id) ON DELETE CASCADE,
  party_id INTEGER NOT NULL REFERENCES party(id),
  role TEXT NOT NULL CHECK (role IN ('shipper', 'consignee', 'notify', 'forwarder', 'carrier', 'agent')),
  PRIMARY KEY (shipment_id, role, party_id)
) WITHOUT ROWID;
CREATE INDEX shipment_party_party ON shipment_party(party_id, role);

CREATE TABLE container (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  number_valid INTEGER NOT NULL,
  size_type TEXT,
  ${PROVENANCE}
);

CREATE TABLE shipment_container (
  shipment_id INTEGER NOT NULL REFERENCES shipment(id) ON DELETE CASCADE,
  container_id INTEGER NOT NULL REFERENCES container(id),
  seals TEXT NOT NULL DEFAULT '[]',
  full_empty TEXT,
  PRIMARY KEY (shipment_id, container_id)
) WITHOUT ROWID;
CREATE INDEX shipment_container_container ON shipment_container(container_id);

CREATE TABLE container_event (
  id INTEGER PRIMARY KEY,
  container_id INTEGER NOT NULL REFERENCES container(id),
  kind TEXT NOT NULL CHECK (kind IN ('gate_out_empty', 'gate_in_full', 'loaded', 'discharged', 'transshipped', 'gate_out_full', 'gate_in_empty', 'status')),
  at TEXT NOT NULL,
  place TEXT,
  conveyance_id INTEGER REFERENCES conveyance(id),
  seal TEXT,
  full_empty TEXT,
  status_text TEXT,
  ${PROVENANCE}
);
CREATE INDEX container_event_timeline ON container_event(container_id, at);

CREATE TABLE passenger (
  id INTEGER PRIMARY KEY,
  surname TEXT NOT NULL,
  given_names TEXT,
  name_norm TEXT NOT NULL,
  birth_date TEXT,
  sex TEXT,
  nationality TEXT,
  doc_type TEXT,
  doc_number TEXT,
  doc_country TEXT,
  doc_expiry TEXT,
  doc_valid INTEGER,
  ${PROVENANCE}
);
CREATE INDEX passenger_name_norm ON passenger(name_norm, birth_date);
CREATE INDEX passenger_document ON passenger(doc_number, doc_country);

CREATE TABLE booking (
  id INTEGER PRIMARY KEY,
  record_locator TEXT NOT NULL,
  carrier_code TEXT,
  booking_date TEXT,
  ticketing_date TEXT,
  agency TEXT,
  payment_form TEXT,
  contacts TEXT NOT NULL DEFAULT '[]',
  baggage TEXT NOT NULL DEFAULT '[]',
  ${PROVENANCE}
);
CREATE INDEX booking_record_locator ON booking(record_locator);

CREATE TABLE booking_passenger (
  booking_id INTEGER NOT NULL REFERENCES booking(id) ON DELETE CASCADE,
  passenger_id INTEGER NOT NULL REFERENCES passenger(id),
  PRIMARY KEY (booking_id, passenger_id)
) WITHOUT ROWID;
CREATE INDEX booking_passenger_passenger ON booking_passenger(passenger_id);

CREATE TABLE itinerary_segment (
  id INTEGER PRIMARY KEY,
  booking_id INTEGER NOT NULL REFERENCES booking(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  carrier_code TEXT,
  flight_number TEXT,
  origin TEXT NOT NULL,
  destination TEXT NOT NULL,
  departure_at TEXT,
  arrival_at TEXT,
  conveyance_id INTEGER REFERENCES conveyance(id),
  UNIQUE (booking_id, seq)
);
CREATE INDEX itinerary_segment_flight ON itinerary_segment(carrier_code, flight_number, departure_at);
`);
  },
};
