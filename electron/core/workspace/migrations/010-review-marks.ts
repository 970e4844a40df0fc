// Records an analyst marked for review from a grid: who and when, one mark per record. A mark goes with
// its record when the record is deleted (an undone import), so that a later row reusing the id is clean.
import type { Migration } from './index.ts';

export const REVIEWABLE = ['shipment', 'container', 'party', 'passenger'] as const;

export const m010ReviewMarks: Migration = {
  version: 10,
  name: 'review-marks',
  up(db) {
    db.exec(`
CREATE TABLE review_mark (
  entity TEXT NOT NULL CHECK (entity IN (${REVIEWABLE.map((e) => `'${e}'`).join(', ')})),
  entity_id INTEGER NOT NULL,
  marked_by TEXT NOT NULL,
  marked_at TEXT NOT NULL,
  PRIMARY KEY (entity, entity_id)
) WITHOUT ROWID;
${REVIEWABLE.map(
  (e) => `CREATE TRIGGER ${e}_review_mark_delete AFTER DELETE ON ${e} BEGIN DELETE FROM review_mark WHERE entity = '${e}' AND entity_id = old.id; END;`,
).join('\n')}
`);
  },
};
