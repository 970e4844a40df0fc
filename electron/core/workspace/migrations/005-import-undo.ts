// Undoing an import: the batch stays in the history, marked with when and by whom it was undone.
import type { Migration } from './index.ts';

export const m005ImportUndo: Migration = {
  version: 5,
  name: 'import-undo',
  up(db) {
    db.exec(`
ALTER TABLE import_batch ADD COLUMN undone_at TEXT;
ALTER TABLE import_batch ADD COLUMN undone_by TEXT;
CREATE INDEX container_event_import ON container_event(import_id);
CREATE INDEX passenger_import ON passenger(import_id);
CREATE INDEX booking_import ON booking(import_id);
CREATE INDEX party_import ON party(import_id);
CREATE INDEX conveyance_import ON conveyance(import_id);
CREATE INDEX container_import ON container(import_id);
`);
  },
};
