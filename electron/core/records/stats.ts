// Counts per entity for the status views and `portcullis stats`.
import type { WorkspaceStats } from '../../../shared/domain/workspace.ts';
import type { Db } from '../workspace/database.ts';

/** Table (and condition) counted for each figure. */
const TABLES: Record<keyof WorkspaceStats, string> = {
  // Each shipment once, however many versions later messages added.
  shipments: 'shipment WHERE version = 1',
  containers: 'container',
  parties: 'party',
  passengers: 'passenger WHERE is_crew = 0',
  crew: 'passenger WHERE is_crew = 1',
  events: 'container_event',
  bookings: 'booking',
  conveyances: 'conveyance',
  itinerarySegments: 'itinerary_segment',
  imports: 'import_batch',
  auditEntries: 'audit_log',
};

export function workspaceStats(db: Db): WorkspaceStats {
  const stats = {} as WorkspaceStats;
  for (const [key, table] of Object.entries(TABLES) as [keyof WorkspaceStats, string][]) {
    // max(rowid) would be cheaper but wrong after deletions; count(*) uses the smallest index.
    stats[key] = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  }
  return stats;
}
