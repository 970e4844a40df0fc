// Cases (issue 8): the case with its human reference, linked records, notebook entries with their earlier
// versions and the records they mention, encrypted attachments (the files live in attachments/) with their
// chain of custody, and tasks. Seizures gain the fields a case records (route, persons, photos) and may
// stand without a shipment or passenger, so their table is rebuilt. Case text, notes and attachment names
// get script-insensitive full-text indexes (pc_norm, like the record grids' quick search).
import type { Migration } from './index.ts';

/** The indexed text of a case, a note and an attachment (`new.` is the row). */
export const CASE_SEARCH_TEXT = `pc_norm(new.reference || ' ' || new.title || ' ' || new.summary || ' ' || (SELECT coalesce(group_concat(value, ' '), '') FROM json_each(new.tags)))`;
export const NOTE_SEARCH_TEXT = `pc_norm(new.text)`;
export const ATTACHMENT_SEARCH_TEXT = `pc_norm(new.name || ' ' || new.description)`;

function searchIndex(table: string, quoted: string, text: string, updateOf: string): string {
  return `
CREATE VIRTUAL TABLE ${table}_search USING fts5(text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER ${table}_search_insert AFTER INSERT ON ${quoted} BEGIN
  INSERT INTO ${table}_search (rowid, text) VALUES (new.id, ${text});
END;
CREATE TRIGGER ${table}_search_delete AFTER DELETE ON ${quoted} BEGIN
  DELETE FROM ${table}_search WHERE rowid = old.id;
END;
CREATE TRIGGER ${table}_search_update AFTER UPDATE OF ${updateOf} ON ${quoted} BEGIN
  DELETE FROM ${table}_search WHERE rowid = old.id;
  INSERT INTO ${table}_search (rowid, text) VALUES (new.id, ${text});
END;`;
}

export const m015Cases: Migration = {
  version: 15,
  name: 'cases',
  up(db) {
    db.exec(`
CREATE TABLE "case" (
  id INTEGER PRIMARY KEY,
  reference TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'pending', 'closed')),
  owner TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT '[]',
  tlp TEXT NOT NULL CHECK (tlp IN ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
  grading TEXT NOT NULL CHECK (grading IN ('4x4', 'admiralty')),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX case_updated ON "case"(updated_at);
CREATE INDEX case_status ON "case"(status, updated_at);

-- Records linked to a case, each once; the label is the record's name when linked (kept if it goes).
CREATE TABLE case_link (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('shipment', 'container', 'party', 'passenger', 'booking', 'conveyance', 'hit', 'seizure', 'chart')),
  ref_id INTEGER NOT NULL,
  label TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  grade TEXT,
  added_by TEXT NOT NULL,
  added_at TEXT NOT NULL,
  UNIQUE (case_id, kind, ref_id)
);
CREATE INDEX case_link_record ON case_link(kind, ref_id);

-- Notebook entries: the current version here, every earlier one in case_note_version.
CREATE TABLE case_note (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
  body TEXT NOT NULL,
  text TEXT NOT NULL,
  grade TEXT,
  version INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX case_note_case ON case_note(case_id);
CREATE TABLE case_note_version (
  note_id INTEGER NOT NULL REFERENCES case_note(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  body TEXT NOT NULL,
  text TEXT NOT NULL,
  grade TEXT,
  edited_by TEXT NOT NULL,
  edited_at TEXT NOT NULL,
  PRIMARY KEY (note_id, version)
) WITHOUT ROWID;
-- The records a note's current version mentions ("shipment:12"): which notes speak of a record.
CREATE TABLE case_note_mention (
  note_id INTEGER NOT NULL REFERENCES case_note(id) ON DELETE CASCADE,
  ref TEXT NOT NULL,
  PRIMARY KEY (note_id, ref)
) WITHOUT ROWID;
CREATE INDEX case_note_mention_ref ON case_note_mention(ref);

-- Exhibits: the file (AES-256-GCM, random name) is in the workspace's attachments/ folder.
CREATE TABLE case_attachment (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  file TEXT NOT NULL UNIQUE,
  grade TEXT,
  description TEXT NOT NULL,
  added_by TEXT NOT NULL,
  added_at TEXT NOT NULL
);
CREATE INDEX case_attachment_case ON case_attachment(case_id);
CREATE TABLE case_custody (
  id INTEGER PRIMARY KEY,
  attachment_id INTEGER NOT NULL REFERENCES case_attachment(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('added', 'viewed', 'exported', 'transferred', 'note', 'removed')),
  detail TEXT NOT NULL
);
CREATE INDEX case_custody_attachment ON case_custody(attachment_id);

CREATE TABLE case_task (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  assignee TEXT NOT NULL,
  due TEXT,
  done INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX case_task_case ON case_task(case_id);

-- Seizures: the targeting columns as they were, entity now optional, and what a case records.
CREATE TABLE seizure_v15 (
  id INTEGER PRIMARY KEY,
  hit_id INTEGER REFERENCES target_hit(id) ON DELETE SET NULL,
  case_id INTEGER REFERENCES "case"(id) ON DELETE SET NULL,
  entity TEXT CHECK (entity IN ('shipment', 'passenger')),
  entity_id INTEGER,
  entity_label TEXT NOT NULL,
  category TEXT NOT NULL,
  commodity TEXT NOT NULL,
  quantity REAL NOT NULL,
  unit TEXT NOT NULL,
  concealment TEXT NOT NULL,
  detection TEXT NOT NULL,
  place TEXT NOT NULL,
  date TEXT NOT NULL,
  route TEXT NOT NULL DEFAULT '[]',
  involved TEXT NOT NULL DEFAULT '[]',
  photos TEXT NOT NULL DEFAULT '[]',
  notes TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  CHECK ((entity IS NULL) = (entity_id IS NULL))
);
INSERT INTO seizure_v15 (id, hit_id, entity, entity_id, entity_label, category, commodity, quantity, unit, concealment, detection, place, date, notes, created_by, created_at)
  SELECT id, hit_id, entity, entity_id, entity_label, category, commodity, quantity, unit, concealment, detection, place, date, notes, created_by, created_at FROM seizure;
DROP TABLE seizure;
ALTER TABLE seizure_v15 RENAME TO seizure;
CREATE INDEX seizure_entity ON seizure(entity, entity_id);
CREATE INDEX seizure_hit ON seizure(hit_id);
CREATE INDEX seizure_case ON seizure(case_id);

${searchIndex('case', '"case"', CASE_SEARCH_TEXT, 'reference, title, summary, tags')}
${searchIndex('case_note', 'case_note', NOTE_SEARCH_TEXT, 'text')}
${searchIndex('case_attachment', 'case_attachment', ATTACHMENT_SEARCH_TEXT, 'name, description')}
`);
  },
};
