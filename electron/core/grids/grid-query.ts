// Pages of a grid straight from SQL: filters and quick search become a WHERE clause, a page is read in two
// steps (the ids of the block on an index, then their columns), blocks that follow one already read seek
// past its last row instead of counting rows with OFFSET, and counts are cached until the data changes.
import {
  gridColumn,
  GRIDS,
  type GridFilter,
  type GridId,
  type GridPage,
  type GridQuery,
  type GridRow,
  type GridValueCount,
} from '../../../shared/domain/grids.ts';
import { normalizeName } from '../../../shared/domain/names.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Db } from '../workspace/database.ts';
import { catchUp, pendingDerived } from '../workspace/derived.ts';
import { GRID_SQL } from './definitions.ts';

type Where = { sql: string; params: unknown[] };
type Cursor = { key: unknown; id: number };

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The FTS5 query for what the user typed: every term as a word prefix, all required. */
export function ftsQuery(text: string): string | null {
  const terms = normalizeName(text).split(' ').filter(Boolean);
  return terms.length ? terms.map((t) => `"${t}"*`).join(' ') : null;
}

function columnSql(grid: GridId, id: string) {
  const sql = GRID_SQL[grid].columns[id];
  if (!sql || !gridColumn(grid, id)) throw new AppError('API_INVALID_INPUT', `The ${grid} grid has no column "${id}".`);
  return sql;
}

function filterClause(grid: GridId, id: string, f: GridFilter): Where | null {
  const c = columnSql(grid, id);
  switch (f.kind) {
    case 'text': {
      const value = c.normalized ? normalizeName(f.value) : f.value;
      if (!value) return null;
      const expr = c.normalized ?? c.sql;
      if (f.op === 'equals') return { sql: `${expr} = ?`, params: [value] };
      const pattern = f.op === 'startsWith' ? `${escapeLike(value)}%` : `%${escapeLike(value)}%`;
      // Names are compared normalised (word boundaries as spaces): " value" also finds later words.
      return { sql: `${expr} LIKE ? ESCAPE '\\'`, params: [pattern] };
    }
    case 'number': {
      const parts: Where[] = [];
      if (f.min !== null) parts.push({ sql: `${c.sql} >= ?`, params: [f.min] });
      if (f.max !== null) parts.push({ sql: `${c.sql} <= ?`, params: [f.max] });
      return parts.length ? { sql: parts.map((p) => p.sql).join(' AND '), params: parts.flatMap((p) => p.params) } : null;
    }
    case 'date': {
      const parts: Where[] = [];
      if (f.from !== null) parts.push({ sql: `${c.sql} >= ?`, params: [f.from] });
      // A date column may hold a time as well: the whole "to" day is in.
      if (f.to !== null) parts.push({ sql: `${c.sql} < ?`, params: [`${f.to}\uffff`] });
      return parts.length ? { sql: parts.map((p) => p.sql).join(' AND '), params: parts.flatMap((p) => p.params) } : null;
    }
    case 'set':
      if (f.values.length === 0) return null;
      return { sql: `${c.sql} IN (${f.values.map(() => '?').join(',')})`, params: f.values };
    case 'flag':
      return f.value === null ? { sql: `${c.sql} IS NULL`, params: [] } : { sql: `${c.sql} = ?`, params: [f.value ? 1 : 0] };
  }
}

/** The WHERE clause of a query (filters and quick search), without the `WHERE`. */
export function whereOf(q: Pick<GridQuery, 'grid' | 'filters' | 'search'>, except?: string): Where {
  const parts: Where[] = [];
  for (const [id, f] of Object.entries(q.filters)) {
    if (id === except) continue;
    const w = filterClause(q.grid, id, f);
    if (w) parts.push(w);
  }
  const text = q.search.trim();
  const fts = ftsQuery(text);
  if (fts) {
    const s = GRID_SQL[q.grid].search({ fts, text });
    parts.push({ sql: `r.id IN (${s.sql})`, params: s.params });
  }
  return parts.length ? { sql: parts.map((p) => `(${p.sql})`).join(' AND '), params: parts.flatMap((p) => p.params) } : { sql: '1', params: [] };
}

export class GridQueries {
  private readonly db: () => Db;
  /** Row counts and the last row of blocks read, by query; dropped whenever the data changes. */
  private counts = new Map<string, number>();
  private cursors = new Map<string, Cursor>();
  private version = '';

  constructor(db: () => Db) {
    this.db = db;
  }

  /** Data changed (an import, an undo, any write): cached counts and cursors are stale. */
  invalidate(): void {
    this.counts.clear();
    this.cursors.clear();
  }

  private checkVersion(db: Db): void {
    // Imports write through other connections: data_version moves when they commit.
    const version = () => `${db.pragma('data_version', { simple: true }) as number}:${(db.prepare('SELECT total_changes() AS n').get() as { n: number }).n}`;
    if (version() === this.version) return;
    this.invalidate();
    // Writers bring search and counts up to date in their own transaction; rows written any other way
    // are indexed here, so that a search never misses a row.
    if (pendingDerived(db).length > 0) db.transaction(() => catchUp(db)).immediate();
    this.version = version();
  }

  /** The query for a block's ids: seeks past the previous block's last row when it is known, else
   * counts to `start` (OFFSET). Exposed for the query-plan tests. */
  blockQuery(q: GridQuery, start: number, limit: number): { sql: string; params: unknown[]; key: string } {
    const where = whereOf(q);
    const key = JSON.stringify([q.grid, q.filters, q.search.trim(), q.sort]);
    const sortCol = q.sort ? gridColumn(q.grid, q.sort.column) : undefined;
    if (q.sort && !sortCol?.sortable) throw new AppError('API_INVALID_INPUT', `The ${q.grid} grid cannot be sorted by "${q.sort.column}".`);
    const dir = q.sort?.dir === 'desc' ? 'DESC' : 'ASC';
    const column = q.sort ? columnSql(q.grid, q.sort.column) : { sql: 'r.id', notNull: true };
    const sortSql = { sql: column.sort ?? column.sql, notNull: column.notNull };
    const cursor = this.cursors.get(`${key}@${start}`);
    const canSeek = cursor !== undefined && cursor.key !== null && (dir === 'ASC' || sortSql.notNull === true);
    const seek = canSeek ? ` AND (${sortSql.sql}, r.id) ${dir === 'ASC' ? '>' : '<'} (?, ?)` : '';
    return {
      sql: `SELECT r.id AS id, ${sortSql.sql} AS k FROM ${GRID_SQL[q.grid].from} WHERE (${where.sql})${seek} ORDER BY ${sortSql.sql} ${dir}, r.id ${dir} LIMIT ?${canSeek ? '' : ' OFFSET ?'}`,
      params: [...where.params, ...(canSeek ? [cursor.key, cursor.id, limit] : [limit, start])],
      key,
    };
  }

  page(q: GridQuery, start: number, limit: number): GridPage {
    const db = this.db();
    this.checkVersion(db);
    const { from, columns } = GRID_SQL[q.grid];
    const block = this.blockQuery(q, start, limit);
    const ids = db.prepare(block.sql).all(...block.params) as { id: number; k: unknown }[];
    const last = ids.at(-1);
    if (last && ids.length === limit) this.cursors.set(`${block.key}@${start + limit}`, { key: last.k, id: last.id });

    const rows = new Map<number, GridRow>();
    if (ids.length) {
      const select = (GRIDS[q.grid] as readonly { id: string }[]).map((c) => `${columns[c.id]!.sql} AS "${c.id}"`).join(', ');
      const fetched = db
        .prepare(`SELECT r.id AS id, ${select} FROM ${from} WHERE r.id IN (${ids.map(() => '?').join(',')})`)
        .all(...ids.map((r) => r.id)) as GridRow[];
      for (const r of fetched) rows.set(r.id, r);
    }
    return { rows: ids.map((r) => rows.get(r.id)!).filter(Boolean), total: this.count(db, q, block.key) };
  }

  private count(db: Db, q: GridQuery, key: string): number {
    let n = this.counts.get(key);
    if (n === undefined && Object.keys(q.filters).length === 0 && !q.search.trim()) {
      n = (db.prepare('SELECT n FROM row_count WHERE tbl = ?').get(GRID_SQL[q.grid].table) as { n: number }).n;
      this.counts.set(key, n);
    }
    if (n === undefined) {
      const where = whereOf(q);
      n = (db.prepare(`SELECT count(*) AS n FROM ${GRID_SQL[q.grid].from} WHERE ${where.sql}`).get(...where.params) as { n: number }).n;
      this.counts.set(key, n);
    }
    return n;
  }

  /** The distinct values of a column with their counts under the other filters (for a set filter). */
  values(q: Pick<GridQuery, 'grid' | 'filters' | 'search'>, column: string, limit = 200): GridValueCount[] {
    const db = this.db();
    const c = columnSql(q.grid, column);
    const where = whereOf(q, column);
    return db
      .prepare(
        `SELECT coalesce(${c.sql}, '') AS value, count(*) AS count FROM ${GRID_SQL[q.grid].from} WHERE ${where.sql} GROUP BY 1 ORDER BY count DESC, value LIMIT ?`,
      )
      .all(...where.params, limit) as GridValueCount[];
  }

  /** Every matching row in the view's order, in blocks (exports). */
  *rows(q: GridQuery, block = 2000): Generator<GridRow[]> {
    for (let start = 0; ; start += block) {
      const { rows } = this.page(q, start, block);
      if (rows.length) yield rows;
      if (rows.length < block) return;
    }
  }
}
