// What the record grids need: quick-search indexes (FTS5 over text normalised by `pc_norm`, so that
// Cyrillic and Latin spellings meet), indexes for every column a grid offers to sort, exact row counts
// kept by triggers, and saved views.
import type { Migration } from './index.ts';

/** The text of a row that its quick search reads (`new.` is the row; other uses replace the prefix). */
export const SHIPMENT_SEARCH_TEXT = `pc_norm(new.doc_number || ' ' || coalesce(new.master_doc_number, '') || ' ' || coalesce(new.goods_description, '') || ' ' ||
  coalesce(new.place_loading, '') || ' ' || coalesce(new.place_discharge, '') || ' ' || coalesce(new.place_delivery, '') || ' ' || coalesce(new.voyage, ''))`;
export const PARTY_SEARCH_TEXT = `new.name_norm || ' ' || pc_norm(coalesce(new.address, '') || ' ' || coalesce(new.city, ''))`;
export const PASSENGER_SEARCH_TEXT = `new.name_norm || ' ' || pc_norm(coalesce(new.doc_number, ''))`;

function searchIndex(table: string, text: string, updateOf: string): string {
  return `
CREATE VIRTUAL TABLE ${table}_search USING fts5(text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER ${table}_search_insert AFTER INSERT ON ${table} BEGIN
  INSERT INTO ${table}_search (rowid, text) VALUES (new.id, ${text});
END;
CREATE TRIGGER ${table}_search_delete AFTER DELETE ON ${table} BEGIN
  DELETE FROM ${table}_search WHERE rowid = old.id;
END;
CREATE TRIGGER ${table}_search_update AFTER UPDATE OF ${updateOf} ON ${table} BEGIN
  DELETE FROM ${table}_search WHERE rowid = old.id;
  INSERT INTO ${table}_search (rowid, text) VALUES (new.id, ${text});
END;
INSERT INTO ${table}_search (rowid, text) SELECT id, ${text.replaceAll('new.', '')} FROM ${table};`;
}

export function rowCounter(table: string): string {
  return `
INSERT INTO row_count (tbl, n) SELECT '${table}', count(*) FROM ${table};
CREATE TRIGGER ${table}_count_insert AFTER INSERT ON ${table} BEGIN UPDATE row_count SET n = n + 1 WHERE tbl = '${table}'; END;
CREATE TRIGGER ${table}_count_delete AFTER DELETE ON ${table} BEGIN UPDATE row_count SET n = n - 1 WHERE tbl = '${table}'; END;`;
}

export const m007Grids: Migration = {
  version: 7,
  name: 'grids',
  up(db) {
    db.exec(`
${searchIndex('shipment', SHIPMENT_SEARCH_TEXT, 'doc_number, master_doc_number, goods_description, place_loading, place_discharge, place_delivery, voyage')}
${searchIndex('party', PARTY_SEARCH_TEXT, 'name_norm, address, city')}
${searchIndex('passenger', PASSENGER_SEARCH_TEXT, 'name_norm, doc_number')}

CREATE INDEX shipment_weight ON shipment(gross_weight_kg);
CREATE INDEX shipment_loading ON shipment(place_loading);
CREATE INDEX shipment_discharge ON shipment(place_discharge);
CREATE INDEX party_country ON party(country);
CREATE INDEX passenger_surname ON passenger(surname);

-- Exact row counts of the big tables, kept by triggers: an unfiltered grid's total without a scan.
CREATE TABLE row_count (tbl TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
${['shipment', 'container', 'party', 'passenger'].map(rowCounter).join('\n')}

CREATE TABLE grid_view (
  id INTEGER PRIMARY KEY,
  grid TEXT NOT NULL,
  name TEXT NOT NULL,
  is_default INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (grid, name)
);
`);
  },
};
