// Link analysis (issue 7): the contacts of parties and bookings as keys to join on (who shares an
// address, a phone, an e-mail or a payment card), candidate duplicate parties and the merges an analyst accepted, and
// saved charts. Contacts are derived like the search indexes: written by the writers above each table's
// watermark (workspace/derived.ts), kept by triggers below it.
import type { Migration } from './index.ts';

/** The contacts of the party rows with @lo < id <= @hi, as INSERT … SELECT (shared with derived.ts). */
export const PARTY_CONTACTS = `
INSERT INTO graph_contact (kind, value, owner, owner_id, shown)
SELECT 'address', pc_contact('address', coalesce(p.address, '') || ' ' || coalesce(p.city, '')), 'party', p.id, trim(coalesce(p.address, '') || ' ' || coalesce(p.city, ''))
  FROM party p WHERE p.id > @lo AND p.id <= @hi AND pc_contact('address', coalesce(p.address, '') || ' ' || coalesce(p.city, '')) IS NOT NULL
UNION ALL
SELECT 'phone', pc_contact('phone', j.value), 'party', p.id, j.value FROM party p, json_each(p.phones) j WHERE p.id > @lo AND p.id <= @hi AND pc_contact('phone', j.value) IS NOT NULL
UNION ALL
SELECT 'email', pc_contact('email', j.value), 'party', p.id, j.value FROM party p, json_each(p.emails) j WHERE p.id > @lo AND p.id <= @hi AND pc_contact('email', j.value) IS NOT NULL`;

/** The contacts of the booking rows with @lo < id <= @hi: a PNR's phones and e-mails, and the card or
 * account its payment names (a form of payment with no number, such as cash, links nothing). */
export const BOOKING_CONTACTS = `
INSERT INTO graph_contact (kind, value, owner, owner_id, shown)
SELECT k.kind, pc_contact(k.kind, k.raw), 'booking', k.id, k.raw FROM (
  SELECT b.id AS id, CASE WHEN instr(json_extract(j.value, '$.value'), '@') > 0 THEN 'email' ELSE 'phone' END AS kind, json_extract(j.value, '$.value') AS raw
  FROM booking b, json_each(b.contacts) j WHERE b.id > @lo AND b.id <= @hi
  UNION ALL
  SELECT b.id, 'payment', b.payment_form FROM booking b WHERE b.id > @lo AND b.id <= @hi AND b.payment_form IS NOT NULL
) k WHERE pc_contact(k.kind, k.raw) IS NOT NULL`;

const upto = (table: string) => `(SELECT upto FROM row_count WHERE tbl = '${table}')`;

export const m014Graph: Migration = {
  version: 14,
  name: 'graph',
  up(db) {
    db.exec(`
CREATE TABLE graph_contact (
  kind TEXT NOT NULL CHECK (kind IN ('address', 'phone', 'email', 'payment')),
  value TEXT NOT NULL,
  owner TEXT NOT NULL CHECK (owner IN ('party', 'booking')),
  owner_id INTEGER NOT NULL,
  shown TEXT NOT NULL
);
CREATE INDEX graph_contact_value ON graph_contact(kind, value);
CREATE INDEX graph_contact_owner ON graph_contact(owner, owner_id);

CREATE TRIGGER party_contact_delete AFTER DELETE ON party WHEN old.id <= ${upto('party')} BEGIN
  DELETE FROM graph_contact WHERE owner = 'party' AND owner_id = old.id;
END;
CREATE TRIGGER booking_contact_delete AFTER DELETE ON booking WHEN old.id <= ${upto('booking')} BEGIN
  DELETE FROM graph_contact WHERE owner = 'booking' AND owner_id = old.id;
END;

-- Candidate duplicates among parties (a < b), as entity resolution scored them, and the analyst's decision.
CREATE TABLE party_match (
  id INTEGER PRIMARY KEY,
  a INTEGER NOT NULL REFERENCES party(id) ON DELETE CASCADE,
  b INTEGER NOT NULL REFERENCES party(id) ON DELETE CASCADE,
  score REAL NOT NULL,
  reasons TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected')),
  decided_by TEXT,
  decided_at TEXT,
  found_at TEXT NOT NULL,
  UNIQUE (a, b)
);
CREATE INDEX party_match_b ON party_match(b);
CREATE INDEX party_match_queue ON party_match(status, score);

-- Accepted merges: a party seen as another (its own row and values stay as they were). Undoing a merge
-- deletes its row. into_id is always a party that is not itself merged.
CREATE TABLE party_merge (
  party_id INTEGER PRIMARY KEY REFERENCES party(id) ON DELETE CASCADE,
  into_id INTEGER NOT NULL REFERENCES party(id) ON DELETE CASCADE,
  match_id INTEGER REFERENCES party_match(id) ON DELETE SET NULL,
  merged_by TEXT NOT NULL,
  merged_at TEXT NOT NULL
);
CREATE INDEX party_merge_into ON party_merge(into_id);

-- Saved link charts: the nodes and links shown, their positions and styles, the filters (JSON).
CREATE TABLE graph_chart (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  content TEXT NOT NULL,
  nodes INTEGER NOT NULL,
  edges INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`);
    // The contacts of the rows already indexed; rows above the watermarks are added by the next writer.
    const top = (table: string) => (db.prepare('SELECT upto FROM row_count WHERE tbl = ?').get(table) as { upto: number }).upto;
    db.prepare(PARTY_CONTACTS).run({ lo: 0, hi: top('party') });
    db.prepare(BOOKING_CONTACTS).run({ lo: 0, hi: top('booking') });
  },
};
