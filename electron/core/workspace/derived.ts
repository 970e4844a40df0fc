// What the database derives from the records: the quick-search indexes (FTS5), the exact row counts of
// the big tables, and the contacts link analysis joins on (graph_contact). Kept by the writers, not by insert triggers: a trigger makes every insert statement
// carry a statement journal and doubled the cost of an import. Each writer calls `catchUp` at the end
// of its transaction, which indexes and counts every row above the table's watermark in one statement;
// deletes and edits are rare (an undone import) and are kept by triggers below the watermark.
import { PARTY_SEARCH_TEXT, PASSENGER_SEARCH_TEXT, SHIPMENT_SEARCH_TEXT } from './migrations/007-grids.ts';
import { BOOKING_CONTACTS, PARTY_CONTACTS } from './migrations/014-graph.ts';
import { normalizeName } from '../../../shared/domain/names.ts';
import type { Db } from './database.ts';

const row = (text: string) => text.replaceAll('new.', '');

/** The tables with a derived count, the text their quick search reads and the statement that adds their
 * contacts for ids in (@lo, @hi] (if they have them). */
export const DERIVED: readonly { table: string; search?: string; contacts?: string }[] = [
  { table: 'shipment', search: row(SHIPMENT_SEARCH_TEXT) },
  { table: 'party', search: row(PARTY_SEARCH_TEXT), contacts: PARTY_CONTACTS },
  { table: 'passenger', search: row(PASSENGER_SEARCH_TEXT) },
  { table: 'container' },
  { table: 'container_event' },
  { table: 'conveyance' },
  { table: 'booking', contacts: BOOKING_CONTACTS },
];

/** Rows written since the last catch-up, per table (empty when everything is indexed and counted). */
export function pendingDerived(db: Db): { table: string; upto: number; max: number }[] {
  const pending = [];
  for (const { table } of DERIVED) {
    const { upto } = db.prepare('SELECT upto FROM row_count WHERE tbl = ?').get(table) as { upto: number };
    const { max } = db.prepare(`SELECT coalesce(max(id), 0) AS max FROM ${table}`).get() as { max: number };
    if (max > upto) pending.push({ table, upto, max });
  }
  return pending;
}

/** Indexes and counts the rows above each watermark. Call inside the writer's transaction. */
export function catchUp(db: Db): void {
  for (const { table, upto, max } of pendingDerived(db)) {
    const { search, contacts } = DERIVED.find((d) => d.table === table)!;
    if (contacts) db.prepare(contacts).run({ lo: upto, hi: max });
    if (search) db.prepare(`INSERT INTO ${table}_search (rowid, text) SELECT id, ${search} FROM ${table} WHERE id > ?`).run(upto);
    db.prepare(`UPDATE row_count SET n = n + (SELECT count(*) FROM ${table} WHERE id > ?), upto = ? WHERE tbl = ?`).run(upto, max, table);
  }
}

/** After rows are removed from the top of a table (an undone import), SQLite gives the next rows the
 * freed ids: every watermark above a table's new top comes down to it, so that those rows are indexed
 * and counted again. */
export function lowerDerivedWatermarks(db: Db): void {
  for (const { table } of DERIVED) {
    const top = (db.prepare(`SELECT max(id) AS m FROM ${table}`).get() as { m: number | null }).m ?? 0;
    db.prepare('UPDATE row_count SET upto = ? WHERE tbl = ? AND upto > ?').run(top, table, top);
  }
}

/** A search as typed, as an FTS5 query of the search indexes' words: each word normalised as the indexes
 * are (Cyrillic and Latin alike) and matched as a prefix; quoted, so no FTS5 syntax reaches the index. */
export function ftsQuery(text: string, maxWords = 12): string | null {
  const words = normalizeName(text).split(' ').filter(Boolean).slice(0, maxWords);
  return words.length ? words.map((w) => `"${w}"*`).join(' ') : null;
}
