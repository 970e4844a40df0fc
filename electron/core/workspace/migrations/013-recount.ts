// An undone import left the watermarks of the derived counts (row_count) above the table's new top, so
// rows of the next import that reused the freed ids were neither counted nor indexed (undo now lowers
// them: derived.ts, lowerDerivedWatermarks). This repairs the counts of a workspace where that happened:
// each big table's exact count and watermark, taken again. (Rows missed by the search index then are
// not found here; re-importing their file indexes them.)
import { DERIVED } from '../derived.ts';
import type { Migration } from './index.ts';

export const m013Recount: Migration = {
  version: 13,
  name: 'recount',
  dataOnly: true,
  up(db) {
    for (const { table } of DERIVED) {
      const n = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      const top = (db.prepare(`SELECT max(id) AS m FROM ${table}`).get() as { m: number | null }).m ?? 0;
      db.prepare('UPDATE row_count SET n = ?, upto = ? WHERE tbl = ?').run(n, top, table);
    }
  },
};
