// The search indexes and row counts are brought up to date by the writers at the end of each
// transaction (workspace/derived.ts) instead of by a trigger on every insert; a watermark per table
// says up to which id they are. Deletes and edits below the watermark stay with triggers.
import type { Migration } from './index.ts';
import { PARTY_SEARCH_TEXT, PASSENGER_SEARCH_TEXT, SHIPMENT_SEARCH_TEXT } from './007-grids.ts';

const SEARCHED: [string, string, string][] = [
  ['shipment', SHIPMENT_SEARCH_TEXT, 'doc_number, master_doc_number, goods_description, place_loading, place_discharge, place_delivery, voyage'],
  ['party', PARTY_SEARCH_TEXT, 'name_norm, address, city'],
  ['passenger', PASSENGER_SEARCH_TEXT, 'name_norm, doc_number'],
];
const COUNTED = ['shipment', 'container', 'party', 'passenger', 'container_event', 'conveyance', 'booking'];
const upto = (table: string) => `(SELECT upto FROM row_count WHERE tbl = '${table}')`;

export const m009DerivedByWriters: Migration = {
  version: 9,
  name: 'derived-by-writers',
  up(db) {
    db.exec(`
ALTER TABLE row_count ADD COLUMN upto INTEGER NOT NULL DEFAULT 0;
${COUNTED.map(
  (t) => `
UPDATE row_count SET upto = (SELECT coalesce(max(id), 0) FROM ${t}) WHERE tbl = '${t}';
DROP TRIGGER ${t}_count_insert;
DROP TRIGGER ${t}_count_delete;
CREATE TRIGGER ${t}_count_delete AFTER DELETE ON ${t} WHEN old.id <= ${upto(t)} BEGIN UPDATE row_count SET n = n - 1 WHERE tbl = '${t}'; END;`,
).join('\n')}
${SEARCHED.map(
  ([t, text, updateOf]) => `
DROP TRIGGER ${t}_search_insert;
DROP TRIGGER ${t}_search_update;
CREATE TRIGGER ${t}_search_update AFTER UPDATE OF ${updateOf} ON ${t} WHEN old.id <= ${upto(t)} BEGIN
  DELETE FROM ${t}_search WHERE rowid = old.id;
  INSERT INTO ${t}_search (rowid, text) VALUES (new.id, ${text});
END;`,
).join('\n')}
`);
  },
};
