// Per-workspace settings stored in the encrypted database.
import type { WorkspaceSettings } from '../../../shared/domain/workspace.ts';
import type { Db } from './database.ts';

const DEFAULTS: WorkspaceSettings = { autoLockMinutes: 15 };

export function readSettings(db: Db): WorkspaceSettings {
  const rows = db.prepare('SELECT key, value FROM setting').all() as { key: string; value: string }[];
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  return { ...DEFAULTS, ...(stored as Partial<WorkspaceSettings>) };
}

export function writeSettings(db: Db, patch: Partial<WorkspaceSettings>): void {
  const stmt = db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  for (const [key, value] of Object.entries(patch)) stmt.run(key, JSON.stringify(value));
}
