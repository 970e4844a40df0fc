// Job: the exact number of rows a grid's filters match, counted on a connection of its own so that the
// main thread keeps serving blocks while a large table is counted.
import type { GridQuery } from '../../shared/domain/grids.ts';
import { GridQueries } from '../core/grids/grid-query.ts';
import { runJob } from '../core/jobs/worker-kit.ts';
import { openDatabase } from '../core/workspace/database.ts';

export type CountJobInput = { query: Pick<GridQuery, 'grid' | 'filters' | 'search'>; dbFile: string; keyHex: string };

runJob<CountJobInput, { count: number }>((input, ctx) => {
  const db = openDatabase(input.dbFile, Buffer.from(input.keyHex, 'hex'));
  try {
    ctx.progress(0, 0, 'counting');
    return { count: new GridQueries(() => db).count(input.query) };
  } finally {
    db.close();
  }
});
