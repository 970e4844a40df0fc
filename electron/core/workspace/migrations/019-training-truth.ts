// The ground truth of an exercise, in a training workspace once the trainer reveals it for the debrief:
// the grids and the graph mark these records.
import type { Migration } from './index.ts';

export const m019TrainingTruth: Migration = {
  version: 19,
  name: 'training-truth',
  up(db) {
    db.exec(`
CREATE TABLE training_truth (
  entity TEXT NOT NULL CHECK (entity IN ('shipment', 'passenger')),
  ref TEXT NOT NULL,
  scheme TEXT NOT NULL,
  indicators TEXT NOT NULL,
  PRIMARY KEY (entity, ref)
) WITHOUT ROWID;
`);
  },
};
