// Training mode (issue 10). On the trainer's side: the exercises authored (with their answer key, which
// never leaves this database in clear) and the submissions received with their scores. On a trainee's
// side (a training workspace, marked by the `training` setting): the exercise's files to import, and the
// trainee's selections with their justification.
import type { Migration } from './index.ts';

export const m018Training: Migration = {
  version: 18,
  name: 'training',
  up(db) {
    db.exec(`
CREATE TABLE training_exercise (
  id INTEGER PRIMARY KEY,
  exercise_id TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  draft TEXT NOT NULL,
  answer TEXT NOT NULL,
  file TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE training_submission (
  id INTEGER PRIMARY KEY,
  exercise_row INTEGER NOT NULL REFERENCES training_exercise(id) ON DELETE CASCADE,
  trainee TEXT NOT NULL,
  trainee_key TEXT NOT NULL,
  started_at TEXT NOT NULL,
  submitted_at TEXT NOT NULL,
  selections TEXT NOT NULL,
  score TEXT NOT NULL,
  total REAL NOT NULL,
  file_sha256 TEXT NOT NULL UNIQUE,
  received_at TEXT NOT NULL,
  received_by TEXT NOT NULL
);
CREATE INDEX training_submission_exercise ON training_submission(exercise_row, total DESC);
CREATE TABLE training_file (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  format TEXT NOT NULL,
  data BLOB NOT NULL,
  sha256 TEXT NOT NULL
);
CREATE TABLE training_selection (
  id INTEGER PRIMARY KEY,
  entity TEXT NOT NULL CHECK (entity IN ('shipment', 'passenger')),
  ref TEXT NOT NULL,
  indicators TEXT NOT NULL,
  justification TEXT NOT NULL,
  selected_at TEXT NOT NULL,
  UNIQUE (entity, ref)
);
`);
  },
};
