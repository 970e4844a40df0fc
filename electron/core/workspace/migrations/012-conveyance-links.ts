// Indexes on the last two references to a conveyance that had none. Removing a conveyance (an undone
// import) makes SQLite check that no row still points to it: without an index that check read the whole
// table once per conveyance, and undoing a day's import in a workspace of a million shipments took minutes.
import type { Migration } from './index.ts';

export const m012ConveyanceLinks: Migration = {
  version: 12,
  name: 'conveyance-links',
  up(db) {
    db.exec(`
CREATE INDEX container_event_conveyance ON container_event(conveyance_id);
CREATE INDEX itinerary_segment_conveyance ON itinerary_segment(conveyance_id);
`);
  },
};
