// Saved import specifications (as i2 Analyst's Notebook has them): a source's column mapping, chosen
// automatically when a file's headers match.
import type { Migration } from './index.ts';

export const m006ImportSpecs: Migration = {
  version: 6,
  name: 'import-specs',
  up(db) {
    db.exec(`
CREATE TABLE import_spec (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  signature TEXT NOT NULL,
  mapping TEXT NOT NULL,
  strict INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX import_spec_signature ON import_spec(signature);
`);
  },
};
