// Numbered migrations: each a small file with one `up`. The runner checks their order, runs the pending
// ones in one transaction and records the version in user_version; a newer database is refused untouched.
import { AppError } from '../../../../shared/errors.ts';
import { registerSqlFunctions, type Db } from '../database.ts';
import { m001DomainV1 } from './001-domain-v1.ts';
import { m002AuditLog } from './002-audit-log.ts';
import { m003Settings } from './003-settings.ts';
import { m004ImportVersions } from './004-import-versions.ts';
import { m005ImportUndo } from './005-import-undo.ts';
import { m006ImportSpecs } from './006-import-specs.ts';
import { m007Grids } from './007-grids.ts';
import { m008MoreGrids } from './008-more-grids.ts';
import { m009DerivedByWriters } from './009-derived-by-writers.ts';
import { m010ReviewMarks } from './010-review-marks.ts';
import { m011Targeting } from './011-targeting.ts';
import { m012ConveyanceLinks } from './012-conveyance-links.ts';
import { m013Recount } from './013-recount.ts';
import { m014Graph } from './014-graph.ts';
import { m015Cases } from './015-cases.ts';
import { m016Exchange } from './016-exchange.ts';
import { m017EventTrackIndex } from './017-event-track-index.ts';
import { m018Training } from './018-training.ts';
import { m019TrainingTruth } from './019-training-truth.ts';

/** `dataOnly`: the migration repairs data and leaves the schema as it was. */
export type Migration = { version: number; name: string; up: (db: Db) => void; dataOnly?: true };

export const MIGRATIONS: readonly Migration[] = [
  m001DomainV1,
  m002AuditLog,
  m003Settings,
  m004ImportVersions,
  m005ImportUndo,
  m006ImportSpecs,
  m007Grids,
  m008MoreGrids,
  m009DerivedByWriters,
  m010ReviewMarks,
  m011Targeting,
  m012ConveyanceLinks,
  m013Recount,
  m014Graph,
  m015Cases,
  m016Exchange,
  m017EventTrackIndex,
  m018Training,
  m019TrainingTruth,
];
export const SCHEMA_VERSION = MIGRATIONS.length;

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function assertNotFromFuture(db: Db, migrations: readonly Migration[] = MIGRATIONS): void {
  const current = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new AppError(
      'WORKSPACE_FROM_NEWER_VERSION',
      `This workspace was written by a newer version of Portcullis (schema ${current}; this version knows ${latest}). Update Portcullis to open it; the workspace was not changed.`,
      { schema: current, supported: latest },
    );
  }
}

export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} is numbered ${m.version}, expected ${i + 1}`);
  });
  assertNotFromFuture(db, migrations);
  registerSqlFunctions(db);
  const from = schemaVersion(db);
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length > 0) {
    db.transaction(() => {
      for (const m of pending) {
        m.up(db);
        db.pragma(`user_version = ${m.version}`);
      }
    }).immediate();
  }
  return { from, to: schemaVersion(db) };
}
