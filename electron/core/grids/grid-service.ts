// The grids from the UI: pages, set-filter values, saved views per workspace (one default per grid), and
// exports as background jobs on their own database connection.
import { rmSync } from 'node:fs';
import { GRIDS, type GridId, type GridPage, type GridQuery, type GridValueCount, type GridView, type GridViewState } from '../../../shared/domain/grids.ts';
import { AppError } from '../../../shared/errors.ts';
import { workerUrl } from '../../workers/index.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import type { WorkspaceService } from '../workspace/workspace-service.ts';
import type { ExportInput } from './grid-export.ts';
import { GridQueries } from './grid-query.ts';

export type GridServiceDeps = { jobs: JobRunner; workspace: WorkspaceService; actor: string };

type ViewRow = { id: number; grid: GridId; name: string; is_default: number; state: string };
const toView = (r: ViewRow): GridView => ({ id: r.id, grid: r.grid, name: r.name, isDefault: r.is_default === 1, state: JSON.parse(r.state) as GridViewState });

export class GridService {
  private readonly deps: GridServiceDeps;
  readonly queries: GridQueries;
  /** The count job running for each grid. */
  private readonly counting = new Map<GridId, string>();

  constructor(deps: GridServiceDeps) {
    this.deps = deps;
    this.queries = new GridQueries(() => deps.workspace.db());
  }

  page(q: GridQuery & { start: number; limit: number }): GridPage {
    return this.queries.page(q, q.start, q.limit);
  }

  /** The exact count: at once when it is known or cheap, else by a worker on its own connection (one per
   * grid at a time: a new count stops the one it replaces). */
  async count(q: Pick<GridQuery, 'grid' | 'filters' | 'search'>): Promise<{ count: number }> {
    const known = this.queries.knownCount({ ...q, sort: null });
    if (known !== null) return { count: known };
    const { jobs, workspace } = this.deps;
    if (this.queries.countsAtOnce(q.grid)) return { count: this.queries.count(q) };
    const version = this.queries.dataVersion();
    const previous = this.counting.get(q.grid);
    if (previous) jobs.cancel(previous);
    const job = jobs.start({ kind: 'grid.count', label: q.grid, worker: workerUrl('count'), input: { ...workspace.databaseForWorker(), query: q } });
    this.counting.set(q.grid, job.id);
    const done = await jobs.wait(job.id);
    if (this.counting.get(q.grid) === job.id) this.counting.delete(q.grid);
    if (done.state !== 'done') throw new AppError('JOB_CANCELLED', 'The count was stopped.');
    const { count } = done.result as { count: number };
    this.queries.rememberCount(q, count, version);
    return { count };
  }

  values(q: Pick<GridQuery, 'grid' | 'filters' | 'search'> & { column: string }): GridValueCount[] {
    return this.queries.values(q, q.column);
  }

  views(grid: GridId): GridView[] {
    const rows = this.deps.workspace
      .db()
      .prepare('SELECT id, grid, name, is_default, state FROM grid_view WHERE grid = ? ORDER BY name')
      .all(grid) as ViewRow[];
    return rows.map(toView);
  }

  saveView(input: { grid: GridId; name: string; isDefault: boolean; state: GridViewState }): GridView {
    const known = new Set((GRIDS[input.grid] as readonly { id: string }[]).map((c) => c.id));
    const unknown = [...input.state.columns.map((c) => c.id), ...Object.keys(input.state.filters)].find((id) => !known.has(id));
    if (unknown) throw new AppError('API_INVALID_INPUT', `The ${input.grid} grid has no column "${unknown}".`);
    const db = this.deps.workspace.db();
    return db.transaction(() => {
      if (input.isDefault) db.prepare('UPDATE grid_view SET is_default = 0 WHERE grid = ?').run(input.grid);
      const row = db
        .prepare(
          `INSERT INTO grid_view (grid, name, is_default, state, created_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT(grid, name) DO UPDATE SET is_default = excluded.is_default, state = excluded.state RETURNING id, grid, name, is_default, state`,
        )
        .get(input.grid, input.name, input.isDefault ? 1 : 0, JSON.stringify(input.state), new Date().toISOString()) as ViewRow;
      return toView(row);
    })();
  }

  deleteView(id: number): { deleted: true } {
    this.deps.workspace.db().prepare('DELETE FROM grid_view WHERE id = ?').run(id);
    return { deleted: true };
  }

  export(input: Omit<ExportInput, 'actor'>): { jobId: string } {
    const { jobs, workspace, actor } = this.deps;
    const job = jobs.start({
      kind: 'grid.export',
      label: input.out,
      worker: workerUrl('export'),
      input: { ...workspace.databaseForWorker(), ...input, actor },
      // A worker stopped mid-way leaves its temporary file behind: remove it.
      cleanup: () => rmSync(`${input.out}.partial`, { force: true }),
    });
    return { jobId: job.id };
  }
}
