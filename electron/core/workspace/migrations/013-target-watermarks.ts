// Scoring reads the records above its watermark as new. An undone import removes the newest rows, and
// the next import reuses their ids: without these triggers those rows would sit below the watermark and
// never be scored. A removed row lowers the watermarks to just under it (and the history's, which then
// rebuilds itself: its counts still include the removed shipments).
import type { Migration } from './index.ts';

export const m013TargetWatermarks: Migration = {
  version: 13,
  name: 'target-watermarks',
  up(db) {
    db.exec(`
CREATE TRIGGER shipment_target_watermark AFTER DELETE ON shipment BEGIN
  UPDATE target_state SET upto = old.id - 1 WHERE entity IN ('shipment', 'history') AND upto >= old.id;
END;
CREATE TRIGGER passenger_target_watermark AFTER DELETE ON passenger BEGIN
  UPDATE target_state SET upto = old.id - 1 WHERE entity = 'passenger' AND upto >= old.id;
END;
`);
  },
};
