// Grids of container events, conveyances and bookings: an index for each column they sort on, and exact
// row counts kept by triggers (container events are the biggest table of all).
import { rowCounter } from './007-grids.ts';
import type { Migration } from './index.ts';

export const m008MoreGrids: Migration = {
  version: 8,
  name: 'more-grids',
  up(db) {
    db.exec(`
CREATE INDEX container_event_at ON container_event(at);
CREATE INDEX container_event_place ON container_event(place);
CREATE INDEX conveyance_vessel_name ON conveyance(vessel_name);
CREATE INDEX conveyance_flight_date ON conveyance(flight_date);
CREATE INDEX booking_date ON booking(booking_date);
${['container_event', 'conveyance', 'booking'].map(rowCounter).join('\n')}
`);
  },
};
