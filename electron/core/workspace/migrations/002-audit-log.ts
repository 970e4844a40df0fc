// The append-only, hash-chained audit log. Triggers abort any UPDATE or DELETE, so that even a bug
// cannot rewrite history through the normal connection; the chain shows tampering done around them.
import type { Migration } from './index.ts';

export const m002AuditLog: Migration = {
  version: 2,
  name: 'audit-log',
  up(db) {
    db.exec(`
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT,
  details TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
`);
  },
};
