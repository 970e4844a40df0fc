// Imports, second step: versions of a document kept side by side (a second message about the same
// shipment is a new version, never silently merged), crew apart from passengers, who flew on which
// flight (API data), and the issues each import reported.
import type { Migration } from './index.ts';

export const m004ImportVersions: Migration = {
  version: 4,
  name: 'import-versions',
  up(db) {
    db.exec(`
ALTER TABLE shipment ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE shipment ADD COLUMN content_hash TEXT;
ALTER TABLE passenger ADD COLUMN is_crew INTEGER NOT NULL DEFAULT 0;
ALTER TABLE passenger ADD COLUMN content_hash TEXT;
CREATE INDEX passenger_crew ON passenger(is_crew);

CREATE TABLE passenger_flight (
  passenger_id INTEGER NOT NULL REFERENCES passenger(id) ON DELETE CASCADE,
  conveyance_id INTEGER NOT NULL REFERENCES conveyance(id),
  origin TEXT,
  destination TEXT,
  PRIMARY KEY (passenger_id, conveyance_id)
) WITHOUT ROWID;
CREATE INDEX passenger_flight_conveyance ON passenger_flight(conveyance_id);

CREATE TABLE import_issue (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
  severity TEXT NOT NULL CHECK (severity IN ('warning', 'error')),
  line INTEGER NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  field TEXT
);
CREATE INDEX import_issue_import ON import_issue(import_id);
`);
  },
};
