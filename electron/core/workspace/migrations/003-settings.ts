// Per-workspace settings (auto-lock minutes and, later, unit preferences), as key → JSON value.
import type { Migration } from './index.ts';

export const m003Settings: Migration = {
  version: 3,
  name: 'settings',
  up(db) {
    db.exec(`CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;`);
  },
};
