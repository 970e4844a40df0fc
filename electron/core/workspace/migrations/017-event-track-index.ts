// Scoring reads every container's events (place, time, seal) for millions of shipments: an index that
// covers those columns answers it from the index alone, without a table lookup per event (measured: the
// events of 200,000 shipments read in about 1 s instead of 3.7 s). It replaces the timeline index, whose
// columns are its prefix, so the timeline view is served as before.
import type { Migration } from './index.ts';

export const m017EventTrackIndex: Migration = {
  version: 17,
  name: 'event-track-index',
  up(db) {
    db.exec(`
CREATE INDEX container_event_track ON container_event(container_id, at, place, seal);
DROP INDEX container_event_timeline;
`);
  },
};
