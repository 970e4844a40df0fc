// Secure exchange (issue 9): this unit's identity and key pairs (secrets live only here, inside the
// encrypted database), the directory of partner units and their keys with the state of trust, every
// package sent or received (its signed manifest, and for a received one its verified content, staged
// until the analyst merges it), received attachments staged as encrypted files, and what each merge
// brought in. Cases merged from a package keep where they came from.
import type { Migration } from './index.ts';

export const m016Exchange: Migration = {
  version: 16,
  name: 'exchange',
  up(db) {
    db.exec(`
CREATE TABLE unit_identity (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  agency TEXT NOT NULL,
  country TEXT NOT NULL,
  unit_type TEXT NOT NULL,
  next_sequence INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE unit_key (
  id INTEGER PRIMARY KEY,
  fingerprint TEXT NOT NULL UNIQUE,
  signing_public TEXT NOT NULL,
  signing_secret TEXT NOT NULL,
  recipient TEXT NOT NULL,
  identity TEXT NOT NULL,
  created_at TEXT NOT NULL,
  retired_at TEXT,
  revoked_at TEXT
);
CREATE TABLE partner (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  agency TEXT NOT NULL,
  country TEXT NOT NULL,
  unit_type TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE partner_key (
  id INTEGER PRIMARY KEY,
  partner_id INTEGER NOT NULL REFERENCES partner(id) ON DELETE CASCADE,
  fingerprint TEXT NOT NULL UNIQUE,
  signing_public TEXT NOT NULL,
  recipient TEXT NOT NULL,
  card TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'trusted', 'retired', 'revoked')),
  imported_at TEXT NOT NULL,
  confirmed_at TEXT,
  confirmed_by TEXT,
  retired_at TEXT,
  revoked_at TEXT,
  revoke_reason TEXT
);
CREATE INDEX partner_key_partner ON partner_key(partner_id);
CREATE TABLE exchange_package (
  id INTEGER PRIMARY KEY,
  package_id TEXT NOT NULL UNIQUE,
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  handling TEXT NOT NULL,
  partner_id INTEGER REFERENCES partner(id) ON DELETE SET NULL,
  sender_fingerprint TEXT NOT NULL,
  sequence INTEGER NOT NULL,
  recipients TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  in_reply_to TEXT,
  status TEXT NOT NULL CHECK (status IN ('sent', 'received', 'merged', 'dismissed')),
  file_name TEXT,
  size INTEGER NOT NULL DEFAULT 0,
  file_sha256 TEXT,
  manifest TEXT NOT NULL,
  content TEXT,
  case_id INTEGER REFERENCES "case"(id) ON DELETE SET NULL,
  import_id INTEGER REFERENCES import_batch(id) ON DELETE SET NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  decided_at TEXT,
  decided_by TEXT
);
CREATE UNIQUE INDEX exchange_package_sequence ON exchange_package(sender_fingerprint, sequence) WHERE direction = 'in';
CREATE INDEX exchange_package_reply ON exchange_package(in_reply_to);
CREATE INDEX exchange_package_list ON exchange_package(direction, created_at);
CREATE TABLE exchange_attachment (
  id INTEGER PRIMARY KEY,
  package_row INTEGER NOT NULL REFERENCES exchange_package(id) ON DELETE CASCADE,
  ref TEXT NOT NULL,
  name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  file TEXT NOT NULL,
  UNIQUE (package_row, ref)
);
CREATE TABLE exchange_merged (
  package_row INTEGER NOT NULL REFERENCES exchange_package(id) ON DELETE CASCADE,
  ref TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id INTEGER,
  merged_at TEXT NOT NULL,
  merged_by TEXT NOT NULL,
  PRIMARY KEY (package_row, ref)
);
ALTER TABLE "case" ADD COLUMN origin TEXT;
`);
  },
};
