// Targeting (issue 6): versioned risk profiles, reference lists and watchlists, lane controls per office,
// hits with their explanation and the analyst's decision, inspection outcomes and seizures, and the
// history the indicators need (when each party and each shipper–consignee pair was first seen).
import { seedTargeting } from '../../targeting/store.ts';
import type { Migration } from './index.ts';

export const m011Targeting: Migration = {
  version: 11,
  name: 'targeting',
  up(db) {
    db.exec(`
CREATE TABLE target_profile (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  version INTEGER NOT NULL,
  enabled INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
-- Every saved version in full, with who saved it and what changed: the profile's history.
CREATE TABLE target_profile_version (
  profile_id INTEGER NOT NULL REFERENCES target_profile(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  definition TEXT NOT NULL,
  saved_at TEXT NOT NULL,
  saved_by TEXT NOT NULL,
  summary TEXT NOT NULL,
  PRIMARY KEY (profile_id, version)
) WITHOUT ROWID;

-- Named lists of values rules refer to: high-risk origins and hubs, source countries, vague terms…
CREATE TABLE target_list (
  name TEXT PRIMARY KEY,
  description TEXT NOT NULL,
  items TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE watchlist (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('party', 'address', 'phone', 'email', 'container', 'vessel', 'document')),
  threshold REAL NOT NULL CHECK (threshold > 0 AND threshold <= 1),
  description TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE watchlist_entry (
  id INTEGER PRIMARY KEY,
  watchlist_id INTEGER NOT NULL REFERENCES watchlist(id) ON DELETE CASCADE,
  value TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  added_by TEXT NOT NULL,
  added_at TEXT NOT NULL
);
CREATE INDEX watchlist_entry_list ON watchlist_entry(watchlist_id);

CREATE TABLE target_control (
  office TEXT PRIMARY KEY,
  red REAL NOT NULL,
  yellow REAL NOT NULL,
  blue REAL NOT NULL,
  random_rate REAL NOT NULL,
  expected TEXT NOT NULL
) WITHOUT ROWID;

-- One row per record that left the green lane (by score or at random). Open until a person decides.
CREATE TABLE target_hit (
  id INTEGER PRIMARY KEY,
  entity TEXT NOT NULL CHECK (entity IN ('shipment', 'passenger')),
  entity_id INTEGER NOT NULL,
  score REAL NOT NULL,
  lane TEXT NOT NULL CHECK (lane IN ('red', 'yellow', 'blue', 'green')),
  random INTEGER NOT NULL,
  explanation TEXT NOT NULL,
  rules TEXT NOT NULL,
  scored_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'decided')),
  decision TEXT CHECK (decision IN ('inspect', 'documents', 'dismiss')),
  reason TEXT,
  decided_by TEXT,
  decided_at TEXT,
  outcome TEXT CHECK (outcome IN ('negative', 'positive')),
  outcome_by TEXT,
  outcome_at TEXT,
  UNIQUE (entity, entity_id)
);
CREATE INDEX target_hit_queue ON target_hit(status, lane, score);

CREATE TABLE seizure (
  id INTEGER PRIMARY KEY,
  hit_id INTEGER REFERENCES target_hit(id) ON DELETE SET NULL,
  entity TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  entity_label TEXT NOT NULL,
  category TEXT NOT NULL,
  commodity TEXT NOT NULL,
  quantity REAL NOT NULL,
  unit TEXT NOT NULL,
  concealment TEXT NOT NULL,
  detection TEXT NOT NULL,
  place TEXT NOT NULL,
  date TEXT NOT NULL,
  notes TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX seizure_entity ON seizure(entity, entity_id);

-- How far scoring has gone (records above 'upto' are new) and with which profiles.
CREATE TABLE target_state (
  entity TEXT PRIMARY KEY,
  upto INTEGER NOT NULL,
  profiles TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE target_run (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('full', 'incremental')),
  scored INTEGER NOT NULL,
  hits INTEGER NOT NULL,
  lanes TEXT NOT NULL,
  ms REAL NOT NULL,
  actor TEXT NOT NULL
);

CREATE TABLE target_setting (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

-- History for the indicators, kept up to date by each scoring run.
CREATE TABLE target_party_seen (
  party_id INTEGER PRIMARY KEY,
  first_date TEXT,
  shipments INTEGER NOT NULL,
  as_forwarder INTEGER NOT NULL
);
CREATE TABLE target_pair_seen (
  shipper_id INTEGER NOT NULL,
  consignee_id INTEGER NOT NULL,
  first_date TEXT,
  shipments INTEGER NOT NULL,
  PRIMARY KEY (shipper_id, consignee_id)
) WITHOUT ROWID;
-- Normal weight per package and value per kg by HS heading, from this workspace's own shipments.
CREATE TABLE target_band (
  hs4 TEXT PRIMARY KEY,
  kg_per_package REAL,
  value_per_kg REAL,
  n INTEGER NOT NULL
) WITHOUT ROWID;

-- A hit goes with its record (an undone import); its seizures stay, with the record's label.
CREATE TRIGGER shipment_target_hit_delete AFTER DELETE ON shipment BEGIN DELETE FROM target_hit WHERE entity = 'shipment' AND entity_id = old.id; END;
CREATE TRIGGER passenger_target_hit_delete AFTER DELETE ON passenger BEGIN DELETE FROM target_hit WHERE entity = 'passenger' AND entity_id = old.id; END;
`);
    // The shipped lists, watchlists, lane controls and profiles (targeting/defaults.ts).
    seedTargeting(db);
  },
};
