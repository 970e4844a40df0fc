// Link analysis from the UI and the CLI: expanding nodes from SQL, finding records to start from, saved
// charts, and entity resolution (candidate duplicate parties as a background job, decisions, merges).
import {
  ChartContentSchema,
  type Chart,
  type ChartContent,
  type ChartSummary,
  type ExpandInput,
  type ExpandResult,
  type GraphNode,
  type PartyMatch,
} from '../../../shared/domain/graph.ts';
import { AppError } from '../../../shared/errors.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { EventBus } from '../app/events.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import type { WorkspaceService } from '../workspace/workspace-service.ts';
import { workerUrl } from '../../workers/index.ts';
import { invalidateHistory } from '../targeting/engine.ts';
import { GraphReader } from './graph-reader.ts';
import { decideMatch, listMatches, type FindResult } from './resolution.ts';

export type GraphServiceDeps = { jobs: JobRunner; events: EventBus; workspace: WorkspaceService; actor: string };

type ChartRow = {
  id: number;
  name: string;
  description: string;
  content: string;
  nodes: number;
  edges: number;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
};

export class GraphService {
  protected readonly deps: GraphServiceDeps;

  /** One reader per open database: it keeps the party watchlists' index, dropped when a watchlist changes. */
  private cached: { db: ReturnType<WorkspaceService['db']>; reader: GraphReader } | null = null;

  constructor(deps: GraphServiceDeps) {
    this.deps = deps;
    deps.events.subscribe((event, payload) => {
      if (event === 'data.changed' && (payload as { tables: string[] }).tables.includes('watchlist')) this.cached = null;
    });
  }

  private reader(): GraphReader {
    const db = this.db();
    if (this.cached?.db !== db) this.cached = { db, reader: new GraphReader(db) };
    return this.cached.reader;
  }

  protected db() {
    return this.deps.workspace.db();
  }

  expand(input: ExpandInput): ExpandResult {
    return this.reader().expand(input);
  }

  describe(ids: string[]): GraphNode[] {
    return this.reader().describe(ids);
  }

  find(text: string, limit: number): GraphNode[] {
    return this.reader().find(text, limit);
  }

  charts(): ChartSummary[] {
    const rows = this.db()
      .prepare('SELECT id, name, description, nodes, edges, updated_by, updated_at FROM graph_chart ORDER BY updated_at DESC, id DESC')
      .all() as ChartRow[];
    return rows.map(summaryOf);
  }

  chart(id: number): Chart {
    const r = this.db().prepare('SELECT * FROM graph_chart WHERE id = ?').get(id) as ChartRow | undefined;
    if (!r) throw new AppError('GRAPH_CHART_NOT_FOUND', `There is no saved chart ${id}.`, { id });
    return { ...summaryOf(r), content: ChartContentSchema.parse(JSON.parse(r.content)), createdBy: r.created_by, createdAt: r.created_at };
  }

  /** Saves a chart (new when id is null) exactly as given: positions, styles, filters. */
  saveChart(input: { id: number | null; name: string; description: string; content: ChartContent }): Chart {
    const db = this.db();
    const actor = this.deps.actor;
    const at = new Date().toISOString();
    const content = JSON.stringify(input.content);
    const id = db.transaction(() => {
      let cid = input.id;
      if (cid === null) {
        cid = Number(
          db
            .prepare(
              'INSERT INTO graph_chart (name, description, content, nodes, edges, created_by, created_at, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
            )
            .run(input.name, input.description, content, input.content.nodes.length, input.content.edges.length, actor, at, actor, at).lastInsertRowid,
        );
      } else {
        const changed = db
          .prepare('UPDATE graph_chart SET name = ?, description = ?, content = ?, nodes = ?, edges = ?, updated_by = ?, updated_at = ? WHERE id = ?')
          .run(input.name, input.description, content, input.content.nodes.length, input.content.edges.length, actor, at, cid).changes;
        if (!changed) throw new AppError('GRAPH_CHART_NOT_FOUND', `There is no saved chart ${cid}.`, { id: cid });
      }
      appendAudit(db, {
        actor,
        action: input.id === null ? 'graph.chart.create' : 'graph.chart.update',
        entity: 'graph_chart',
        entityId: String(cid),
        details: { nodes: input.content.nodes.length, edges: input.content.edges.length },
      });
      return cid;
    })();
    this.deps.events.emit('data.changed', { tables: ['graph_chart'] });
    return this.chart(id);
  }

  /** Starts the search for candidate duplicate parties (a background job). */
  findDuplicates(input: { threshold?: number }): { jobId: string } {
    const job = this.deps.jobs.start({
      kind: 'graph.resolve',
      label: 'parties',
      worker: workerUrl('resolve'),
      input: { ...this.deps.workspace.databaseForWorker(), actor: this.deps.actor, ...(input.threshold !== undefined ? { threshold: input.threshold } : {}) },
      onResult: (result) => {
        this.deps.events.emit('data.changed', { tables: ['party_match'] });
        return result;
      },
    });
    return { jobId: job.id };
  }

  async findDuplicatesNow(input: { threshold?: number }): Promise<FindResult> {
    const { jobId } = this.findDuplicates(input);
    const done = await this.deps.jobs.wait(jobId);
    if (done.state !== 'done')
      throw new AppError(done.state === 'cancelled' ? 'JOB_CANCELLED' : 'INTERNAL', done.error?.message ?? 'The search for duplicates failed.');
    return done.result as FindResult;
  }

  matches(q: { status?: PartyMatch['status']; offset: number; limit: number; minScore?: number }): { matches: PartyMatch[]; total: number } {
    return listMatches(this.db(), q);
  }

  /** Accepts (merges), rejects or reopens a candidate pair. Scoring's history of parties is rebuilt on its
   * next run, so that new records are scored with the parties as merged. */
  decideMatch(id: number, status: PartyMatch['status']): PartyMatch {
    const db = this.db();
    const m = db.transaction(() => {
      const decided = decideMatch(db, id, status, this.deps.actor);
      invalidateHistory(db);
      return decided;
    })();
    this.deps.events.emit('data.changed', { tables: ['party_match', 'party_merge'] });
    return m;
  }

  deleteChart(id: number): { deleted: true } {
    const db = this.db();
    db.transaction(() => {
      if (!db.prepare('DELETE FROM graph_chart WHERE id = ?').run(id).changes)
        throw new AppError('GRAPH_CHART_NOT_FOUND', `There is no saved chart ${id}.`, { id });
      appendAudit(db, { actor: this.deps.actor, action: 'graph.chart.delete', entity: 'graph_chart', entityId: String(id), details: {} });
    })();
    this.deps.events.emit('data.changed', { tables: ['graph_chart'] });
    return { deleted: true };
  }
}

function summaryOf(r: ChartRow): ChartSummary {
  return { id: r.id, name: r.name, description: r.description, nodes: r.nodes, edges: r.edges, updatedBy: r.updated_by, updatedAt: r.updated_at };
}
