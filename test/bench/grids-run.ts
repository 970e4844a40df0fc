// Child process for the grid bench (issue 5): a workspace of N generated shipments (filled once by a
// child of its own, or reused from PORTCULLIS_BENCH_GRID_CACHE), then the shipments grid measured on it
// the way the UI reads it. Prints progress to stderr and one JSON object as the last line of stdout.
//   node test/bench/grids-run.ts            measure (fills first when needed)
//   node test/bench/grids-run.ts fill DIR   fill DIR/ws with N shipments (used by the above)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GRIDS, type GridQuery } from '../../shared/domain/grids.ts';
import { createCore } from '../../electron/core/core.ts';
import { DEFAULT_PARAMS, generateScenario } from '../../electron/core/generator/scenario.ts';
import { writeScenario, type WriteCounts } from '../../electron/core/generator/workspace-writer.ts';
import { Rng } from '../../electron/core/generator/rng.ts';
import { GRID_SQL } from '../../electron/core/grids/definitions.ts';
import { exportGrid } from '../../electron/core/grids/grid-export.ts';
import { GridQueries, whereOf } from '../../electron/core/grids/grid-query.ts';
import { ftsQuery } from '../../electron/core/workspace/derived.ts';
import { csvWriter } from '../../electron/core/formats/tabular.ts';
import type { Db } from '../../electron/core/workspace/database.ts';

const SELF = fileURLToPath(import.meta.url);
const MIGRATIONS = fileURLToPath(new URL('../../electron/core/workspace/migrations/', import.meta.url));
const N = Number(process.env['PORTCULLIS_BENCH_GRID_SHIPMENTS'] ?? 10_000_000);
const PASSPHRASE = 'grid bench passphrase 1';
const KDF = { N: 1024, r: 8, p: 1 };
const SEED = 55;
const BLOCK = 100;
const log = (msg: string) => process.stderr.write(`grids bench: ${msg}\n`);
const fmt = (n: number) => Math.round(n).toLocaleString('en');

export type FillMeta = {
  shipments: number;
  seed: number;
  schema: string;
  at: string;
  /** The writer's transaction, and closing the database after it (the WAL checkpoint). */
  writeSeconds: number;
  closeSeconds: number;
  peakRssMb: number;
  dbMb: number;
  /** The fill connection's page cache (0: SQLite's default). */
  cacheMb: number;
  counts: WriteCounts;
};

/** One measured case, with what is needed to see why it is slow. */
export type Case = {
  label: string;
  ms: number;
  total?: number;
  /** The engine's parts, measured right after the case (so on warmer caches). */
  blockMs?: number;
  fetchMs?: number;
  countMs?: number;
  sql?: string;
  plan?: string;
  countSql?: string;
  countPlan?: string;
};

export type Series = { p95: number; max: number; median: number; samples: number; slowest: Case; cases: Case[] };

export type GridRun = {
  shipments: number;
  reused: boolean;
  fill: FillMeta;
  dbMb: number;
  unlockMs: number;
  firstPage: Case & { repeatMs: number[] };
  firstPageBaseline: number;
  randomBlocks: Series;
  randomBlocksBaseline: Series;
  nextBlocks: Series;
  nextBlocksBaseline: Series;
  sorts: Series;
  sortsBaseline: Series;
  filterSort: Series;
  filterSortBlock: Series;
  filterCounts: Series;
  search: Series;
  searchBaseline: Series;
  searchCounts: Series;
  jump: Case;
  jumpBaseline: number;
  jumpSorted: Case;
  jumpSortedBaseline: number;
  export: {
    rows: number;
    seconds: number;
    perSecond: number;
    countMs: number;
    fileMb: number;
    complete: boolean;
    /** Temporary files the export left in place after it was stopped. */
    leftBehind: string[];
    filter: string;
    sql?: string;
    plan?: string;
    baselineRows: number;
    baselinePerSecond: number;
  };
  peakRssMb: number;
  /** One-minute load average of the machine when measuring began and ended (other work competes). */
  load: [number, number];
};

/** The migrations' text: a cached workspace made under another schema is made again. */
function schemaFingerprint(): string {
  const hash = createHash('sha256');
  for (const f of readdirSync(MIGRATIONS).sort()) hash.update(f).update(readFileSync(join(MIGRATIONS, f)));
  return hash.digest('hex').slice(0, 16);
}

const dbFile = (root: string) => join(root, 'ws', 'workspace.db');
const fileMb = (f: string) => (existsSync(f) ? statSync(f).size / 2 ** 20 : 0);

// ---------------------------------------------------------------------------------------------------
// fill: the writer into a fresh workspace, in its own process (its memory is not the grids').

async function fill(root: string): Promise<void> {
  const core = createCore({ configDir: join(root, 'config'), shell: 'cli', version: 'bench', kdfCost: KDF, rememberRecent: false });
  await core.workspace.create({ dir: join(root, 'ws'), name: 'grid bench', passphrase: PASSPHRASE });
  // Long measurements after this must not meet an idle lock.
  core.workspace.updateSettings({ autoLockMinutes: 0 });
  // SQLite's page cache for this connection only (the app keeps the default 2 MB): with the default the
  // writer slows as the file outgrows it (about 1,500 shipments/s past a million, so ten million take
  // hours). PORTCULLIS_BENCH_GRID_FILL_CACHE_MB=0 keeps the default.
  const cacheMb = Number(process.env['PORTCULLIS_BENCH_GRID_FILL_CACHE_MB'] ?? 4096);
  if (cacheMb > 0) core.workspace.db().pragma(`cache_size = -${cacheMb * 1024}`);
  const params = { ...DEFAULT_PARAMS, seed: SEED, shipments: N, passengers: 0 };
  // What manifests carry: shipments with parties and containers, no track-and-trace events (the
  // shipments grid reads none, and they would triple the file).
  const items = (function* () {
    for (const item of generateScenario(params).items) {
      if (item.type === 'movement') for (const sh of item.movement.shipments) for (const c of sh.containers) c.events = [];
      yield item;
    }
  })();
  const step = Math.max(1, Math.min(1_000_000, Math.round(N / 10)));
  let next = step;
  let lastAt = performance.now();
  let lastCount = 0;
  const start = performance.now();
  const counts = writeScenario(core.workspace.db(), params, items, {
    actor: 'bench',
    onProgress: (c) => {
      if (c.shipments < next && c.shipments < N) return;
      const now = performance.now();
      log(
        `${fmt(c.shipments)} of ${fmt(N)} shipments written, ${Math.round((now - start) / 1000)} s, ` +
          `${fmt(((c.shipments - lastCount) / (now - lastAt)) * 1000)} /s lately, rss ${fmt(process.memoryUsage.rss() / 2 ** 20)} MB`,
      );
      while (next <= c.shipments) next += step;
      lastAt = now;
      lastCount = c.shipments;
    },
  });
  const writeSeconds = (performance.now() - start) / 1000;
  log(`writer done in ${Math.round(writeSeconds)} s; closing (WAL ${fmt(fileMb(`${dbFile(root)}-wal`))} MB to checkpoint)`);
  const closing = performance.now();
  await core.shutdown();
  const closeSeconds = (performance.now() - closing) / 1000;
  const { importId: _importId, ...rest } = counts;
  const meta: FillMeta = {
    shipments: N,
    seed: SEED,
    schema: schemaFingerprint(),
    at: new Date().toISOString(),
    writeSeconds,
    closeSeconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    dbMb: fileMb(dbFile(root)),
    cacheMb,
    counts: rest,
  };
  process.stdout.write(JSON.stringify(meta) + '\n');
}

/** The workspace of N shipments under root: reused when its record says so, else made again. */
function ensureWorkspace(root: string): { meta: FillMeta; reused: boolean } {
  const metaFile = join(root, 'grid-bench.json');
  if (existsSync(metaFile) && existsSync(dbFile(root))) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as FillMeta;
    if (meta.shipments === N && meta.seed === SEED) {
      // A later schema is reached by the migrations when the workspace is unlocked, as a user's would be.
      if (meta.schema !== schemaFingerprint()) log(`the cached workspace in ${root} is of an earlier schema: unlocking migrates it`);
      log(`reusing the workspace of ${fmt(N)} shipments in ${root} (filled ${meta.at})`);
      return { meta, reused: true };
    }
    log(`the cached workspace in ${root} is of another size: filling again`);
  }
  for (const f of [metaFile, join(root, 'ws'), join(root, 'config')]) rmSync(f, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  log(`filling a new encrypted workspace with ${fmt(N)} shipments in ${root}`);
  const r = spawnSync(process.execPath, [SELF, 'fill', root], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`filling the workspace failed (exit ${r.status})`);
  const meta = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as FillMeta;
  writeFileSync(metaFile, JSON.stringify(meta, null, 2) + '\n');
  return { meta, reused: false };
}

// ---------------------------------------------------------------------------------------------------
// measure

/** Seeded draws: the same random blocks every run (the generator's own generator). */
function random(seed: number): () => number {
  const rng = new Rng(seed);
  return () => rng.float();
}

function quantile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

function series(cases: Case[]): Series {
  const ms = cases.map((c) => c.ms);
  const slowest = cases.reduce((a, b) => (b.ms > a.ms ? b : a));
  return { p95: quantile(ms, 95), max: Math.max(...ms), median: quantile(ms, 50), samples: cases.length, slowest, cases };
}

function timed<T>(f: () => T): [number, T] {
  const t = performance.now();
  const r = f();
  return [performance.now() - t, r];
}

async function measure(root: string, meta: FillMeta, reused: boolean): Promise<GridRun> {
  const core = createCore({ configDir: join(root, 'config'), shell: 'cli', version: 'bench', kdfCost: KDF, rememberRecent: false });
  const unlocking = performance.now();
  await core.workspace.unlock({ dir: join(root, 'ws'), passphrase: PASSPHRASE });
  const unlockMs = performance.now() - unlocking;
  // A large workspace gets its integrity check as a background worker at unlock: stop it, so that it
  // does not share the two cores with the queries measured.
  await core.jobs.cancelAll();
  const db = core.workspace.db();
  try {
    return runMeasurements(db, root, meta, reused, unlockMs);
  } finally {
    await core.shutdown();
  }
}

type Q = Partial<GridQuery>;
const query = (over: Q = {}): GridQuery => ({ grid: 'shipments', sort: null, filters: {}, search: '', ...over });
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

function planOf(db: Db, sql: string, params: unknown[]): string {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { id: number; parent: number; detail: string }[];
  const depth = new Map<number, number>([[0, -1]]);
  return rows
    .map((r) => {
      const d = (depth.get(r.parent) ?? -1) + 1;
      depth.set(r.id, d);
      return `${'  '.repeat(d)}${r.detail}`;
    })
    .join('\n');
}

function runMeasurements(db: Db, root: string, meta: FillMeta, reused: boolean, unlockMs: number): GridRun {
  const loadAtStart = loadavg()[0]!;
  const fresh = () => new GridQueries(() => db);
  const rand = random(SEED);
  const blockStart = () => Math.floor(rand() * Math.floor((N - BLOCK) / BLOCK)) * BLOCK;
  const rawMs = (sql: string, ...params: unknown[]) => timed(() => db.prepare(sql).all(...params))[0];
  const { from, columns } = GRID_SQL.shipments;
  const select = (GRIDS.shipments as readonly { id: string }[]).map((c) => `${columns[c.id]!.sql} AS "${c.id}"`).join(', ');

  /** Fills in the block query a fresh engine (or `gq`) would run, and its plan, without running it. */
  const explain = (c: Case, q: GridQuery, start: number, gq = fresh()): void => {
    const block = gq.blockQuery(q, start, BLOCK);
    c.sql = `${block.sql}\n  -- params ${JSON.stringify(block.params)}`;
    c.plan = planOf(db, block.sql, block.params);
  };

  /** One block through the engine (fresh caches unless `gq` is given), then its parts (ids, columns,
   * count, each run alone right after) and their plans. */
  const engineCase = (label: string, q: GridQuery, start = 0, gq = fresh(), parts = true): Case & { lastId?: number } => {
    const [ms, page] = timed(() => gq.page(q, start, BLOCK));
    const c: Case & { lastId?: number } = { label, ms, total: page.total ?? undefined, lastId: page.rows.at(-1)?.id };
    if (!parts) return c;
    const block = fresh().blockQuery(q, start, BLOCK);
    const [blockMs, ids] = timed(() => db.prepare(block.sql).all(...block.params) as { id: number }[]);
    c.blockMs = blockMs;
    c.fetchMs = ids.length ? timed(() => db.prepare(`SELECT r.id AS id, ${select} FROM ${from} WHERE r.id IN (${ids.map(() => '?').join(',')})`).all(...ids.map((r) => r.id)))[0] : 0;
    explain(c, q, start);
    const filtered = Object.keys(q.filters).length > 0 || q.search.trim() !== '';
    if (filtered) {
      // The exact count, as the count worker makes it (the block does not wait for it).
      const [countMs, n] = timed(() => fresh().count(q));
      c.countMs = countMs;
      c.total ??= n;
      const where = whereOf(q);
      const countSql = `SELECT count(*) AS n FROM ${from} WHERE ${where.sql}`;
      c.countSql = `${countSql}\n  -- params ${JSON.stringify(where.params)}`;
      c.countPlan = planOf(db, countSql, where.params);
    } else {
      c.countMs = timed(() => db.prepare('SELECT n FROM row_count WHERE tbl = ?').get('shipment'))[0];
    }
    return c;
  };

  // First page: the very first grid query after unlock; then five more, each on fresh engine caches.
  log('first page…');
  const first = engineCase('unsorted, unfiltered, rows 0–99 with total', query());
  const repeatMs = Array.from({ length: 5 }, () => engineCase('again', query(), 0, fresh(), false).ms);
  const firstPageBaseline = rawMs('SELECT id FROM shipment WHERE id > ? ORDER BY id LIMIT ?', 0, BLOCK);

  // Sorts: every sortable column, both directions, first block.
  log('sorts…');
  const sortable = (GRIDS.shipments as readonly { id: string; sortable?: boolean }[]).filter((c) => c.sortable).map((c) => c.id);
  const sortCases: Case[] = [];
  const sortBase: Case[] = [];
  for (const column of sortable) {
    for (const dir of ['asc', 'desc'] as const) {
      const q = query({ sort: { column, dir } });
      sortCases.push(engineCase(`${column} ${dir}`, q));
      const s = columns[column]!.sort ?? columns[column]!.sql;
      const d = dir.toUpperCase();
      sortBase.push({ label: `${column} ${dir}`, ms: rawMs(`SELECT r.id FROM shipment r ORDER BY ${s} ${d}, r.id ${d} LIMIT ?`, BLOCK) });
    }
  }

  // Filter + sort: realistic combinations, first block with its total.
  log('filters with sorts…');
  const day0 = DEFAULT_PARAMS.start;
  const combos: [string, Q][] = [
    ['mode = air, by arrivalDate', { filters: { mode: { kind: 'set', values: ['air'] } }, sort: { column: 'arrivalDate', dir: 'asc' } }],
    ['mode = road, by arrivalDate desc', { filters: { mode: { kind: 'set', values: ['road'] } }, sort: { column: 'arrivalDate', dir: 'desc' } }],
    [
      'grossWeightKg 10–12 t, by docNumber',
      { filters: { grossWeightKg: { kind: 'number', min: 10_000, max: 12_000 } }, sort: { column: 'docNumber', dir: 'asc' } },
    ],
    [
      'grossWeightKg ≥ 100 t, by docNumber desc',
      { filters: { grossWeightKg: { kind: 'number', min: 100_000, max: null } }, sort: { column: 'docNumber', dir: 'desc' } },
    ],
    [
      'placeLoading in CNSHA, CNNGB, by arrivalDate desc',
      { filters: { placeLoading: { kind: 'set', values: ['CNSHA', 'CNNGB'] } }, sort: { column: 'arrivalDate', dir: 'desc' } },
    ],
    ['placeLoading = DEHAM, by arrivalDate', { filters: { placeLoading: { kind: 'set', values: ['DEHAM'] } }, sort: { column: 'arrivalDate', dir: 'asc' } }],
    [
      `arrivalDate ${addDays(day0, 4)}…${addDays(day0, 5)}, by grossWeightKg`,
      { filters: { arrivalDate: { kind: 'date', from: addDays(day0, 4), to: addDays(day0, 5) } }, sort: { column: 'grossWeightKg', dir: 'asc' } },
    ],
    [
      `arrivalDate ${addDays(day0, 9)}, by grossWeightKg desc`,
      { filters: { arrivalDate: { kind: 'date', from: addDays(day0, 9), to: addDays(day0, 9) } }, sort: { column: 'grossWeightKg', dir: 'desc' } },
    ],
    [
      'consignee contains "trade", by arrivalDate',
      { filters: { consignee: { kind: 'text', op: 'contains', value: 'trade' } }, sort: { column: 'arrivalDate', dir: 'asc' } },
    ],
    [
      'consignee contains "metal", by arrivalDate desc',
      { filters: { consignee: { kind: 'text', op: 'contains', value: 'metal' } }, sort: { column: 'arrivalDate', dir: 'desc' } },
    ],
  ];
  const filterCases = combos.map(([label, over]) => {
    log(`  ${label}`);
    return engineCase(label, query(over));
  });

  // Quick search: first block with its total.
  log('quick search…');
  const docSample = (db.prepare('SELECT doc_number FROM shipment WHERE id = ?').get(Math.max(1, Math.floor(N / 3))) as { doc_number: string }).doc_number;
  const searches = [
    'ohrid',
    'drina metal',
    'falcon',
    'jadran',
    'vardar shipping',
    'omega trade',
    'CNSHA',
    'DEHAM',
    'NLRTM',
    'MEBAR',
    'DXB',
    'refrigerators',
    'jeans',
    'laptop',
    'oranges',
    'network equipment',
    'Охрид Агро',
    'Дрина Метал',
    'Јадран Царго',
    docSample.slice(0, 8),
  ];
  const searchCases = searches.map((s) => {
    log(`  "${s}"`);
    return engineCase(`"${s}"`, query({ search: s }));
  });
  // Baseline: the shipments' own full-text index alone, first 100 matches.
  const searchBase = searches.map((s) => ({
    label: `"${s}"`,
    ms: rawMs('SELECT rowid FROM shipment_search WHERE shipment_search MATCH ? LIMIT ?', ftsQuery(s), BLOCK),
  }));

  // Jump to the middle row: a fresh engine (no cursor), so the block is counted to with OFFSET.
  const middle = Math.floor(N / 2 / BLOCK) * BLOCK;
  log(`jump to row ${fmt(middle)}…`);
  const jump = engineCase(`unsorted, rows ${fmt(middle)}…`, query(), middle);
  const jumpBaseline = rawMs('SELECT id FROM shipment ORDER BY id LIMIT ? OFFSET ?', BLOCK, middle);
  const jumpSorted = engineCase(`by arrivalDate, rows ${fmt(middle)}…`, query({ sort: { column: 'arrivalDate', dir: 'asc' } }), middle);
  const jumpSortedBaseline = rawMs('SELECT id FROM shipment ORDER BY arrival_date, id LIMIT ? OFFSET ?', BLOCK, middle);

  // Any block: random jumps (OFFSET path, fresh engine each), and after the first jumps, the next
  // blocks read one after another on the same engine as scrolling does (seek path). Both have a time
  // budget: at most ~200 samples, fewer when each takes long.
  log('random blocks…');
  const budgetMs = Number(process.env['PORTCULLIS_BENCH_GRID_BUDGET_S'] ?? 180) * 1000;
  const jumps: Case[] = [];
  const jumpsBase: Case[] = [];
  const nexts: (Case & { start: number })[] = [];
  const nextsBase: Case[] = [];
  const began = performance.now();
  for (let i = 0; i < 200 && (i < 10 || performance.now() - began < budgetMs); i++) {
    const start = blockStart();
    const gq = fresh();
    const jumped = engineCase(`rows ${fmt(start)}…`, query(), start, gq, false);
    jumps.push({ ...jumped, start } as Case);
    jumpsBase.push({ label: `rows ${fmt(start)}…`, ms: rawMs('SELECT id FROM shipment ORDER BY id LIMIT ? OFFSET ?', BLOCK, start) });
    if (i < 10) {
      let last = jumped.lastId ?? 0;
      for (let k = 1; k <= 20 && start + (k + 1) * BLOCK <= N; k++) {
        const at = start + k * BLOCK;
        nexts.push({ ...engineCase(`rows ${fmt(at)}… just after rows ${fmt(at - BLOCK)}…`, query(), at, gq, false), start: at });
        const [ms, rows] = timed(() => db.prepare('SELECT id FROM shipment WHERE id > ? ORDER BY id LIMIT ?').all(last, BLOCK) as { id: number }[]);
        nextsBase.push({ label: `after id ${last}`, ms });
        last = rows.at(-1)?.id ?? last;
      }
    }
    if (i % 10 === 9) log(`  ${i + 1} jumps, ${Math.round((performance.now() - began) / 1000)} s`);
  }
  // The slowest of each gets its plan: a jump as a fresh engine runs it, a next block with the cursor
  // the block before it leaves (read once more to get it).
  const slowJump = jumps.reduce((a, b) => (b.ms > a.ms ? b : a)) as Case & { start: number };
  explain(slowJump, query(), slowJump.start);
  const slowNext = nexts.reduce((a, b) => (b.ms > a.ms ? b : a));
  const seekProbe = fresh();
  seekProbe.page(query(), slowNext.start - BLOCK, BLOCK);
  explain(slowNext, query(), slowNext.start, seekProbe);

  // Export of about a million filtered rows (sea shipments over whole days), in the view's order.
  const want = Math.min(1_000_000, Math.round(N / 2));
  const perDaySea = (0.7 * N) / DEFAULT_PARAMS.days;
  const days = Math.max(1, Math.min(DEFAULT_PARAMS.days, Math.round(want / perDaySea)));
  const exportQuery = query({
    filters: { mode: { kind: 'set', values: ['sea'] }, arrivalDate: { kind: 'date', from: day0, to: addDays(day0, days - 1) } },
  });
  const filterText = `mode = sea, arrivalDate ${day0}…${addDays(day0, days - 1)}, unsorted`;
  log(`export (${filterText})…`);
  const [countMs, counted] = timed(() => fresh().count(exportQuery));
  log(`  ${fmt(counted)} rows match (counted in ${fmt(countMs)} ms)`);
  const out = join(root, 'grid-bench-export.csv');
  const exportColumns = (GRIDS.shipments as readonly { id: string; hidden?: boolean }[]).filter((c) => !c.hidden).map((c) => ({ id: c.id, label: c.id }));
  const exportBudgetMs = Number(process.env['PORTCULLIS_BENCH_GRID_EXPORT_BUDGET_S'] ?? 300) * 1000;
  let exported = 0;
  let complete = true;
  const exportStart = performance.now();
  let lastLog = exportStart;
  try {
    exported = exportGrid(db, { query: exportQuery, columns: exportColumns, format: 'csv', out, actor: 'bench' }, (rows) => {
      exported = rows;
      const now = performance.now();
      if (now - lastLog > 15_000) {
        lastLog = now;
        log(`  ${fmt(rows)} rows exported, ${Math.round((now - exportStart) / 1000)} s`);
      }
      if (now - exportStart > exportBudgetMs) throw new Error('export budget');
    }).rows;
  } catch (err) {
    if ((err as Error).message !== 'export budget') throw err;
    complete = false;
  }
  const exportSeconds = (performance.now() - exportStart) / 1000;
  // A stopped export leaves its writer's own temporary file (`<out>.partial.partial`) behind: the size is
  // of whichever file holds the rows, and all of them go.
  const leftovers = [out, `${out}.partial`, `${out}.partial.partial`];
  const exportMb = Math.max(...leftovers.map(fileMb));
  const leftBehind = leftovers.slice(1).filter((f) => existsSync(f));
  for (const f of leftovers) rmSync(f, { force: true });
  // The export's one statement and its plan.
  const exportBlock = fresh().streamQuery(
    exportQuery,
    exportColumns.map((c) => c.id),
  );
  // Baseline: the same rows and columns in one statement straight to the same CSV writer.
  log('  export baseline…');
  const where = whereOf(exportQuery);
  const baseStart = performance.now();
  const writer = csvWriter(out, exportColumns.map((c) => c.label));
  let baselineRows = 0;
  const baseSelect = exportColumns.map((c) => `${columns[c.id]!.sql} AS "${c.id}"`).join(', ');
  for (const r of db.prepare(`SELECT ${baseSelect} FROM ${from} WHERE ${where.sql} ORDER BY r.id`).iterate(...where.params) as Iterable<Record<string, string | number | null>>) {
    writer.row(exportColumns.map((c) => r[c.id]));
    if (++baselineRows % 2000 === 0 && performance.now() - baseStart > exportBudgetMs) break;
  }
  writer.close();
  const baselineSeconds = (performance.now() - baseStart) / 1000;
  rmSync(out, { force: true });

  return {
    shipments: N,
    reused,
    fill: meta,
    dbMb: fileMb(dbFile(root)),
    unlockMs,
    firstPage: { ...first, repeatMs },
    firstPageBaseline,
    randomBlocks: series(jumps),
    randomBlocksBaseline: series(jumpsBase),
    nextBlocks: series(nexts),
    nextBlocksBaseline: series(nextsBase),
    sorts: series(sortCases),
    sortsBaseline: series(sortBase),
    filterSort: series(filterCases),
    filterSortBlock: series(filterCases.map((c) => ({ label: c.label, ms: c.blockMs! }))),
    filterCounts: series(filterCases.map((c) => ({ label: c.label, ms: c.countMs! }))),
    search: series(searchCases),
    searchBaseline: series(searchBase),
    searchCounts: series(searchCases.map((c) => ({ label: c.label, ms: c.countMs! }))),
    jump,
    jumpBaseline,
    jumpSorted,
    jumpSortedBaseline,
    export: {
      rows: exported,
      seconds: exportSeconds,
      perSecond: exported / exportSeconds,
      countMs,
      fileMb: exportMb,
      complete,
      leftBehind: leftBehind.map((f) => f.slice(root.length + 1)),
      filter: `${filterText}; ${fmt(counted)} rows match`,
      sql: `${exportBlock.sql}\n  -- params ${JSON.stringify(exportBlock.params)}`,
      plan: planOf(db, exportBlock.sql, exportBlock.params),
      baselineRows,
      baselinePerSecond: baselineRows / baselineSeconds,
    },
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    load: [loadAtStart, loadavg()[0]!],
  };
}

if (process.argv[2] === 'fill') {
  await fill(resolve(process.argv[3]!));
} else {
  const cache = process.env['PORTCULLIS_BENCH_GRID_CACHE'];
  const root = cache ? resolve(cache) : mkdtempSync(join(tmpdir(), 'pc-bench-grids-'));
  try {
    const { meta, reused } = ensureWorkspace(root);
    const run = await measure(root, meta, reused);
    process.stdout.write(JSON.stringify(run) + '\n');
  } finally {
    if (!cache) rmSync(root, { recursive: true, force: true });
  }
}
