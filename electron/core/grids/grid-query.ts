// Pages of a grid straight from SQL: filters and quick search become a WHERE clause, a page is read in two
// steps (the ids of the block on an index, then their columns), and the order is never counted from the
// top when it need not be:
// - an unsorted, unfiltered grid whose ids have no gaps reads row N at id min + N;
// - a block after a row already read seeks past that row (the same key and a later id, then later keys);
// - any other block starts from the nearest row already read before it and steps over the rest.
// A filter that matches many rows walks the sort order's index and tests each row (the first block comes
// at once); one that matches few rows reads them by the filter's index and sorts them. Quick-search matches
// are gathered once per search in a table in memory. Counts over large tables run in a worker (`count`),
// so that a block never waits for one.
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
import { ftsQuery } from '../workspace/derived.ts';

type Where = { sql: string; params: unknown[] };
type Cursor = { key: unknown; id: number };
/** How a filtered block is read: by the filters' indexes then sorted (few rows), or along the order. */
type Strategy = 'drive' | 'walk';

/** A filter matching fewer rows than this is read by its own index and sorted. */
export const FEW_ROWS = 2000;
/** Tables up to this size are counted at once; larger ones in a worker (GridService.count). */
export const COUNT_AT_ONCE_ROWS = 200_000;
/** Quick searches whose matches are kept (the newest). */
const KEPT_SEARCHES = 4;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const hasFilter = (q: Pick<GridQuery, 'filters' | 'search'>) => Object.keys(q.filters).length > 0 || q.search.trim() !== '';

/** The FTS5 query for what the user typed: every term as a word prefix, all required. */
function columnSql(grid: GridId, id: string) {
  const sql = GRID_SQL[grid].columns[id];
  if (!sql || !gridColumn(grid, id)) throw new AppError('API_INVALID_INPUT', `The ${grid} grid has no column "${id}".`);
  return sql;
}

/** One filter's condition. `walk`: the column is written `+col`, so that SQLite cannot read the rows by
 * the filter's index and keeps to the order's. */
function filterClause(grid: GridId, id: string, f: GridFilter, walk = false): Where | null {
  const c = columnSql(grid, id);
  const col = walk ? `+${c.sql}` : c.sql;
  switch (f.kind) {
    case 'text': {
      const value = c.normalized ? normalizeName(f.value) : f.value;
      if (!value) return null;
      const expr = c.normalized ?? col;
      if (f.op === 'equals') return { sql: `${expr} = ?`, params: [value] };
      const pattern = f.op === 'startsWith' ? `${escapeLike(value)}%` : `%${escapeLike(value)}%`;
      // Names are compared normalised (word boundaries as spaces): " value" also finds later words.
      return { sql: `${expr} LIKE ? ESCAPE '\\'`, params: [pattern] };
    }
    case 'number': {
      const parts: Where[] = [];
      if (f.min !== null) parts.push({ sql: `${col} >= ?`, params: [f.min] });
      if (f.max !== null) parts.push({ sql: `${col} <= ?`, params: [f.max] });
      return parts.length ? { sql: parts.map((p) => p.sql).join(' AND '), params: parts.flatMap((p) => p.params) } : null;
    }
    case 'date': {
      const parts: Where[] = [];
      if (f.from !== null) parts.push({ sql: `${col} >= ?`, params: [f.from] });
      // A date column may hold a time as well: the whole "to" day is in.
      if (f.to !== null) parts.push({ sql: `${col} < ?`, params: [`${f.to}\uffff`] });
      return parts.length ? { sql: parts.map((p) => p.sql).join(' AND '), params: parts.flatMap((p) => p.params) } : null;
    }
    case 'set':
      if (f.values.length === 0) return null;
      return { sql: `${col} IN (${f.values.map(() => '?').join(',')})`, params: f.values };
    case 'flag':
      return f.value === null ? { sql: `${col} IS NULL`, params: [] } : { sql: `${col} = ?`, params: [f.value ? 1 : 0] };
  }
}

const joinWhere = (parts: Where[]): Where =>
  parts.length ? { sql: parts.map((p) => `(${p.sql})`).join(' AND '), params: parts.flatMap((p) => p.params) } : { sql: '1', params: [] };

/** The WHERE clause of a query's filters and quick search (the search's own SQL inline), without the
 * `WHERE`: what a plain full scan would test. Used for set-filter values and as the tests' reference. */
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
  return joinWhere(parts);
}

export class GridQueries {
  private readonly db: () => Db;
  /** Row counts, reading strategies, and rows already read (by position) per query; dropped whenever
   * the data changes. */
  private counts = new Map<string, number>();
  private strategies = new Map<string, Strategy>();
  private cursors = new Map<string, Map<number, Cursor>>();
  /** Quick searches whose matches are in temp.grid_match, by grid and text, oldest first. */
  private searches = new Map<string, number>();
  private nextSearch = 1;
  private idRange = new Map<string, { min: number; max: number; n: number }>();
  private version = '';
  private readonly fewRows: number;
  private readonly countAtOnceRows: number;

  /** The thresholds are options for the tests, which read small workspaces both ways. */
  constructor(db: () => Db, opts: { fewRows?: number; countAtOnceRows?: number } = {}) {
    this.db = db;
    this.fewRows = opts.fewRows ?? FEW_ROWS;
    this.countAtOnceRows = opts.countAtOnceRows ?? COUNT_AT_ONCE_ROWS;
  }

  /** Data changed (an import, an undo, any write): cached counts, cursors and matches are stale. */
  invalidate(): void {
    this.counts.clear();
    this.strategies.clear();
    this.cursors.clear();
    this.idRange.clear();
    if (this.searches.size) {
      this.searches.clear();
      this.db().prepare('DELETE FROM temp.grid_match').run();
    }
  }

  private currentVersion(db: Db): string {
    return `${db.pragma('data_version', { simple: true }) as number}:${(db.prepare('SELECT total_changes() AS n').get() as { n: number }).n}`;
  }

  private checkVersion(db: Db): void {
    // Imports write through other connections: data_version moves when they commit.
    if (this.currentVersion(db) === this.version) return;
    this.invalidate();
    // Writers bring search and counts up to date in their own transaction; rows written any other way
    // are indexed here, so that a search never misses a row.
    if (pendingDerived(db).length > 0) db.transaction(() => catchUp(db)).immediate();
    this.version = this.currentVersion(db);
  }

  /** The quick search's matches, gathered once into temp.grid_match: its number there. */
  private matches(db: Db, grid: GridId, text: string): number {
    const key = `${grid}\u0000${text}`;
    const known = this.searches.get(key);
    if (known !== undefined) {
      // Newest last: the oldest is the one let go.
      this.searches.delete(key);
      this.searches.set(key, known);
      return known;
    }
    db.exec('CREATE TEMP TABLE IF NOT EXISTS grid_match (q INTEGER NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (q, id)) WITHOUT ROWID');
    const n = this.nextSearch++;
    const s = GRID_SQL[grid].search({ fts: ftsQuery(text)!, text });
    db.prepare(`INSERT OR IGNORE INTO temp.grid_match (q, id) SELECT ?, * FROM (${s.sql})`).run(n, ...s.params);
    this.searches.set(key, n);
    while (this.searches.size > KEPT_SEARCHES) {
      const [oldKey, old] = this.searches.entries().next().value as [string, number];
      this.searches.delete(oldKey);
      db.prepare('DELETE FROM temp.grid_match WHERE q = ?').run(old);
    }
    // Our own writes to the temp table are not a change of the data.
    this.version = this.currentVersion(db);
    return n;
  }

  /** The WHERE clause as blocks and counts run it: quick search by its gathered matches. */
  private where(db: Db, q: GridQuery, strategy: Strategy): Where {
    const parts: Where[] = [];
    for (const [id, f] of Object.entries(q.filters)) {
      const w = filterClause(q.grid, id, f, strategy === 'walk');
      if (w) parts.push(w);
    }
    const text = q.search.trim();
    if (ftsQuery(text)) {
      const n = this.matches(db, q.grid, text);
      parts.push(
        strategy === 'walk'
          ? { sql: 'EXISTS (SELECT 1 FROM temp.grid_match g WHERE g.q = ? AND g.id = r.id)', params: [n] }
          : { sql: 'r.id IN (SELECT g.id FROM temp.grid_match g WHERE g.q = ?)', params: [n] },
      );
    }
    return joinWhere(parts);
  }

  private static key(q: GridQuery): string {
    return JSON.stringify([q.grid, q.filters, q.search.trim(), q.sort]);
  }

  /** Few matching rows are read by the filters' indexes; many, or filters no index serves, along the
   * order. Decided once per query by counting at most FEW_ROWS matches, and only where an index serves. */
  private strategy(db: Db, q: GridQuery, key: string): Strategy {
    if (!hasFilter(q)) return 'drive';
    // Filtered on the column it is sorted by: that column's index gives both, in order.
    if (q.sort && q.filters[q.sort.column]) return 'drive';
    let s = this.strategies.get(key);
    if (s) return s;
    const where = this.where(db, q, 'drive');
    const probe = `SELECT count(*) AS n FROM (SELECT 1 FROM ${GRID_SQL[q.grid].from} WHERE ${where.sql} LIMIT ${this.fewRows})`;
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${probe}`).all(...where.params) as { detail: string }[]).map((r) => r.detail);
    // A SCAN (even of a covering index) means no index narrows the filters: test rows along the order.
    const scans = plan.some((d) => /^SCAN r\b/.test(d));
    if (scans) s = 'walk';
    else {
      const n = (db.prepare(probe).get(...where.params) as { n: number }).n;
      s = n < this.fewRows ? 'drive' : 'walk';
      // Fewer than the probe's limit: that is the exact count.
      if (n < this.fewRows) this.counts.set(key, n);
    }
    this.strategies.set(key, s);
    return s;
  }

  /** The smallest and largest id and the row count of an unfiltered table (for reading by position). */
  private range(db: Db, grid: GridId): { min: number; max: number; n: number } {
    let r = this.idRange.get(grid);
    if (!r) {
      const table = GRID_SQL[grid].table;
      // Two statements: SQLite answers min() or max() alone from the index's ends, but scans for both at once.
      const min = db.prepare(`SELECT min(id) FROM ${table}`).pluck().get() as number | null;
      const max = db.prepare(`SELECT max(id) FROM ${table}`).pluck().get() as number | null;
      const n = (db.prepare('SELECT n FROM row_count WHERE tbl = ?').get(table) as { n: number }).n;
      r = { min: min ?? 0, max: max ?? -1, n };
      this.idRange.set(grid, r);
    }
    return r;
  }

  /** The nearest row already read at or before `start` (its position and cursor). */
  private nearest(key: string, start: number): [number, Cursor] | undefined {
    const known = this.cursors.get(key);
    if (!known) return undefined;
    let best: [number, Cursor] | undefined;
    for (const [pos, c] of known) if (pos <= start && (!best || pos > best[0])) best = [pos, c];
    return best;
  }

  /** The query for a block's ids. Exposed for the query-plan tests and the bench. */
  blockQuery(q: GridQuery, start: number, limit: number): { sql: string; params: unknown[]; key: string } {
    const db = this.db();
    const key = GridQueries.key(q);
    const sortCol = q.sort ? gridColumn(q.grid, q.sort.column) : undefined;
    if (q.sort && !sortCol?.sortable) throw new AppError('API_INVALID_INPUT', `The ${q.grid} grid cannot be sorted by "${q.sort.column}".`);
    const { from, table } = GRID_SQL[q.grid];

    // Unsorted and unfiltered, with no gaps in the ids: row N is id min + N.
    if (!q.sort && !hasFilter(q)) {
      const r = this.range(db, q.grid);
      if (r.max - r.min + 1 === r.n) {
        return { sql: `SELECT r.id AS id, r.id AS k FROM ${table} r WHERE r.id >= ? ORDER BY r.id LIMIT ?`, params: [r.min + start, limit], key };
      }
    }

    const strategy = this.strategy(db, q, key);
    const where = this.where(db, q, strategy);
    const dir = q.sort?.dir === 'desc' ? 'DESC' : 'ASC';
    const column = q.sort ? columnSql(q.grid, q.sort.column) : { sql: 'r.id', notNull: true };
    const k = column.sort ?? column.sql;
    const nullable = column.notNull !== true;
    const order = `ORDER BY ${k} ${dir}, r.id ${dir}`;
    const select = (cond: string) => `SELECT r.id AS id, ${k} AS k FROM ${from} WHERE (${where.sql})${cond ? ` AND ${cond}` : ''} ${order}`;

    const near = this.nearest(key, start);
    if (!near) {
      return { sql: `${select('')} LIMIT ? OFFSET ?`, params: [...where.params, limit, start], key };
    }
    // Seek past the row read: the same key with a later id, then later keys (then, descending, the rows
    // without a key, which come last). Each part on the order's index; their order is the parts' order.
    const [pos, cursor] = near;
    const after = dir === 'ASC' ? '>' : '<';
    const parts: Where[] = [];
    if (cursor.key === null) {
      parts.push({ sql: select(`${k} IS NULL AND r.id ${after} ?`), params: [...where.params, cursor.id] });
      if (dir === 'ASC') parts.push({ sql: select(`${k} IS NOT NULL`), params: where.params });
    } else {
      parts.push({ sql: select(`${k} = ? AND r.id ${after} ?`), params: [...where.params, cursor.key, cursor.id] });
      parts.push({ sql: select(`${k} ${after} ?`), params: [...where.params, cursor.key] });
      if (dir === 'DESC' && nullable) parts.push({ sql: select(`${k} IS NULL`), params: where.params });
    }
    const offset = start - pos;
    return {
      sql: `${parts.map((p) => `SELECT * FROM (${p.sql})`).join(' UNION ALL ')} LIMIT ?${offset > 0 ? ' OFFSET ?' : ''}`,
      params: [...parts.flatMap((p) => p.params), limit, ...(offset > 0 ? [offset] : [])],
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
    if (last && ids.length === limit) {
      let known = this.cursors.get(block.key);
      if (!known) this.cursors.set(block.key, (known = new Map()));
      known.set(start + limit, { key: last.k, id: last.id });
    }
    // The end is reached: that is the count.
    if (ids.length < limit && (ids.length > 0 || start === 0)) this.counts.set(block.key, start + ids.length);

    const rows = new Map<number, GridRow>();
    if (ids.length) {
      const select = (GRIDS[q.grid] as readonly { id: string }[]).map((c) => `${columns[c.id]!.sql} AS "${c.id}"`).join(', ');
      const fetched = db
        .prepare(`SELECT r.id AS id, ${select} FROM ${from} WHERE r.id IN (${ids.map(() => '?').join(',')})`)
        .all(...ids.map((r) => r.id)) as GridRow[];
      for (const r of fetched) rows.set(r.id, r);
    }
    return { rows: ids.map((r) => rows.get(r.id)!).filter(Boolean), total: this.quickCount(db, q, block.key) };
  }

  /** The count when it is known or cheap: cached, the table's own count, the gathered search matches, or
   * a table small enough to count at once. Null: the count of a large table runs elsewhere (`count`). */
  private quickCount(db: Db, q: GridQuery, key: string): number | null {
    const known = this.counts.get(key);
    if (known !== undefined) return known;
    const table = GRID_SQL[q.grid].table;
    const total = (db.prepare('SELECT n FROM row_count WHERE tbl = ?').get(table) as { n: number }).n;
    let n: number | null = null;
    if (!hasFilter(q)) n = total;
    else if (Object.keys(q.filters).length === 0)
      n = (db.prepare('SELECT count(*) AS n FROM temp.grid_match WHERE q = ?').get(this.matches(db, q.grid, q.search.trim())) as { n: number }).n;
    else if (total <= this.countAtOnceRows) n = this.countNow(db, q);
    if (n !== null) this.counts.set(key, n);
    return n;
  }

  private countNow(db: Db, q: GridQuery): number {
    const where = this.where(db, q, 'drive');
    return (db.prepare(`SELECT count(*) AS n FROM ${GRID_SQL[q.grid].from} WHERE ${where.sql}`).get(...where.params) as { n: number }).n;
  }

  /** The exact number of matching rows, however long it takes (a count worker calls this). */
  count(q: Pick<GridQuery, 'grid' | 'filters' | 'search'>): number {
    const db = this.db();
    this.checkVersion(db);
    const full: GridQuery = { ...q, sort: null };
    const key = GridQueries.key(full);
    const n = this.quickCount(db, full, key) ?? this.countNow(db, full);
    this.counts.set(key, n);
    return n;
  }

  /** Which state of the data the caches are of (a count made elsewhere is kept only for the same). */
  /** Whether a count of this grid is made at once (else by a worker). */
  countsAtOnce(grid: GridId): boolean {
    return (this.db().prepare('SELECT n FROM row_count WHERE tbl = ?').get(GRID_SQL[grid].table) as { n: number }).n <= this.countAtOnceRows;
  }

  dataVersion(): string {
    this.checkVersion(this.db());
    return this.version;
  }

  /** A count made elsewhere (by a worker), kept if the data has not changed since `version`. */
  rememberCount(q: Pick<GridQuery, 'grid' | 'filters' | 'search'>, n: number, version: string): void {
    this.checkVersion(this.db());
    if (this.version === version) this.counts.set(GridQueries.key({ ...q, sort: null }), n);
  }

  /** The count of a query if known without counting (sorts share their unsorted query's count). */
  knownCount(q: GridQuery): number | null {
    this.checkVersion(this.db());
    return this.counts.get(GridQueries.key(q)) ?? this.counts.get(GridQueries.key({ ...q, sort: null })) ?? null;
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

  /** The one statement an export reads (exposed for the bench's plan). */
  streamQuery(q: GridQuery, columnIds: readonly string[]): { sql: string; params: unknown[] } {
    const db = this.db();
    const strategy = this.strategy(db, q, GridQueries.key(q));
    const where = this.where(db, q, strategy);
    const dir = q.sort?.dir === 'desc' ? 'DESC' : 'ASC';
    const column = q.sort ? columnSql(q.grid, q.sort.column) : { sql: 'r.id' };
    const k = column.sort ?? column.sql;
    const select = columnIds.map((id) => `${columnSql(q.grid, id).sql} AS "${id}"`).join(', ');
    return {
      sql: `SELECT r.id AS id${select ? `, ${select}` : ''} FROM ${GRID_SQL[q.grid].from} WHERE ${where.sql} ORDER BY ${k} ${dir}, r.id ${dir}`,
      params: where.params,
    };
  }

  /** Every matching row in the view's order with the given columns, in batches, from one statement read
   * as it goes (exports). */
  *rows(q: GridQuery, columnIds: readonly string[], batch = 2000): Generator<GridRow[]> {
    const db = this.db();
    this.checkVersion(db);
    const { sql, params } = this.streamQuery(q, columnIds);
    let rows: GridRow[] = [];
    for (const r of db.prepare(sql).iterate(...params) as Iterable<GridRow>) {
      rows.push(r);
      if (rows.length === batch) {
        yield rows;
        rows = [];
      }
    }
    if (rows.length) yield rows;
  }
}
