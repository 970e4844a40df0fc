// Grid figures (issue 5): the shipments grid over PORTCULLIS_BENCH_GRID_SHIPMENTS shipments (ten million
// unless set), each beside a same-run baseline: the raw read an engine cannot beat (ids straight from
// the same table or index, with the same LIMIT/OFFSET or keyset), to show what the engine adds.
// The workspace is filled in the child (minutes at 10M; progress on stderr) and may be kept between runs
// with PORTCULLIS_BENCH_GRID_CACHE=<dir>.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Figure } from './harness.ts';
import type { Case, GridRun, Series } from './grids-run.ts';

const RUNNER = fileURLToPath(new URL('./grids-run.ts', import.meta.url));

/** runJsonChild, with the child's stderr shown as it comes: the fill at 10M takes a long while. */
function runVisibleJsonChild<T>(script: string, args: string[]): T {
  const r = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 << 20 });
  if (r.status !== 0) throw new Error(`${script} failed (exit ${r.status})`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as T;
}

const n = (v: number) => Math.round(v).toLocaleString('en');
const ms = (v: number) => (v >= 100 ? `${n(v)} ms` : `${v.toFixed(1)} ms`);
const parts = (c: Case) =>
  [c.blockMs !== undefined && `ids ${ms(c.blockMs)}`, c.fetchMs !== undefined && `columns ${ms(c.fetchMs)}`, c.countMs !== undefined && `count ${ms(c.countMs)}`]
    .filter(Boolean)
    .join(', ');
const slowest = (s: Series) => `slowest: ${s.slowest.label} ${ms(s.slowest.ms)}${parts(s.slowest) ? ` (${parts(s.slowest)})` : ''}`;

export async function gridFigures(): Promise<Figure[]> {
  const r = runVisibleJsonChild<GridRun>(RUNNER, []);
  const rows = n(r.shipments);
  const f = r.fill;
  const fillSeconds = f.writeSeconds + f.closeSeconds;
  const figures: (Figure & { diag?: Case[]; diagPlans?: number })[] = [
    {
      name: `grids: fill ${rows} shipments (writer, encrypted)`,
      value: fillSeconds,
      unit: 's',
      note:
        `${n(f.shipments / f.writeSeconds)} shipments/s in the writer's transaction (${n(f.writeSeconds)} s) + ${n(f.closeSeconds)} s closing (WAL checkpoint); ` +
        `${f.cacheMb ? `fill connection's page cache raised to ${n(f.cacheMb)} MB (the app's is SQLite's default 2 MB)` : "SQLite's default page cache"}; ` +
        `${n(f.counts.parties)} parties, ${n(f.counts.containers)} container links, no container events; file ${n(r.dbMb)} MB; fill peak RSS ${n(f.peakRssMb)} MB; ` +
        (r.reused ? `workspace reused from the cache, filled ${f.at}` : 'filled in this run'),
    },
    {
      name: 'grids: first page (100 rows + total), cold',
      value: r.firstPage.ms,
      unit: 'ms',
      target: '< 100 ms',
      pass: r.firstPage.ms < 100,
      baseline: { name: '100 ids by primary key', value: r.firstPageBaseline, unit: 'ms' },
      note:
        `the first grid query after unlock (unlock ${n(r.unlockMs)} ms, background integrity check stopped); ${parts(r.firstPage)}; ` +
        `again on fresh engine caches: ${r.firstPage.repeatMs.map(ms).join(', ')}`,
      diag: [r.firstPage],
    },
    {
      name: 'grids: any block after a jump, p95',
      value: r.randomBlocks.p95,
      unit: 'ms',
      target: '< 50 ms',
      pass: r.randomBlocks.p95 < 50,
      baseline: { name: 'SELECT id … LIMIT 100 OFFSET n, p95', value: r.randomBlocksBaseline.p95, unit: 'ms' },
      note: `${r.randomBlocks.samples} random blocks across all ${rows} rows, unsorted, fresh engine each; median ${ms(r.randomBlocks.median)}, max ${ms(r.randomBlocks.max)}`,
      diag: [r.randomBlocks.slowest],
    },
    {
      name: 'grids: any block while scrolling (seek path), p95',
      value: r.nextBlocks.p95,
      unit: 'ms',
      target: '< 50 ms',
      pass: r.nextBlocks.p95 < 50,
      baseline: { name: 'SELECT id … WHERE id > ? LIMIT 100, p95', value: r.nextBlocksBaseline.p95, unit: 'ms' },
      note: `${r.nextBlocks.samples} next blocks (20 after each of the first 10 jumps, same engine); median ${ms(r.nextBlocks.median)}, max ${ms(r.nextBlocks.max)}`,
      diag: [r.nextBlocks.slowest],
    },
    {
      name: 'grids: sort by a column, first block, max',
      value: r.sorts.max,
      unit: 'ms',
      target: '< 150 ms',
      pass: r.sorts.max < 150,
      baseline: { name: 'same ORDER BY … LIMIT 100 alone, max', value: r.sortsBaseline.max, unit: 'ms' },
      note: `${r.sorts.samples} sorts (every sortable column, asc and desc), fresh engine each; ${r.sorts.cases.map((c) => `${c.label} ${ms(c.ms)}`).join(', ')}`,
      diag: [r.sorts.slowest],
    },
    {
      name: 'grids: filter + sort, first block, p95',
      value: r.filterSort.p95,
      unit: 'ms',
      target: '< 250 ms',
      pass: r.filterSort.p95 < 250,
      baseline: { name: 'its block of ids alone, p95', value: r.filterSortBlock.p95, unit: 'ms' },
      note:
        `${r.filterSort.samples} combinations, fresh engine each (p95 of 10 = the slowest); the block with whatever total is known at once ` +
        `(a large table's exact count follows from a worker: count alone p95 ${ms(r.filterCounts.p95)}); ` +
        r.filterSort.cases.map((c) => `${c.label}: ${ms(c.ms)} [${parts(c)}; ${n(c.total ?? 0)} rows]`).join('; '),
      diag: [...r.filterSort.cases].sort((a, b) => b.ms - a.ms).filter((c) => c.ms >= 250),
    },
    {
      name: 'grids: filtered count alone, p95',
      value: r.filterCounts.p95,
      unit: 'ms',
      note: `the filter + sort combinations' exact counts as the count worker makes them, each on a fresh engine right after its page (warmer caches); the grid shows its rows meanwhile; ${slowest(r.filterCounts)}`,
    },
    {
      name: 'grids: quick search, first block with total, p95',
      value: r.search.p95,
      unit: 'ms',
      target: '< 150 ms',
      pass: r.search.p95 < 150,
      baseline: { name: 'shipment_search MATCH … LIMIT 100 alone, p95', value: r.searchBaseline.p95, unit: 'ms' },
      note:
        `${r.search.samples} searches (company words, place codes, goods words, Cyrillic spellings, a document number prefix), fresh engine each; ` +
        `count alone p95 ${ms(r.searchCounts.p95)}; ` +
        r.search.cases.map((c) => `${c.label}: ${ms(c.ms)} [${parts(c)}; ${n(c.total ?? 0)} rows]`).join('; '),
      diag: [...r.search.cases].sort((a, b) => b.ms - a.ms).filter((c) => c.ms >= 150),
      // Every search runs the same statements: one plan is enough.
      diagPlans: 1,
    },
    {
      name: `grids: jump to row ${n(Math.floor(r.shipments / 200) * 100)}, unsorted`,
      value: r.jump.ms,
      unit: 'ms',
      target: '< 200 ms',
      pass: r.jump.ms < 200,
      baseline: { name: 'SELECT id … LIMIT 100 OFFSET n', value: r.jumpBaseline, unit: 'ms' },
      note: `fresh engine (no cursor); ${parts(r.jump)}`,
      diag: [r.jump],
    },
    {
      name: `grids: jump to row ${n(Math.floor(r.shipments / 200) * 100)}, by arrivalDate`,
      value: r.jumpSorted.ms,
      unit: 'ms',
      target: '< 200 ms',
      pass: r.jumpSorted.ms < 200,
      baseline: { name: 'ORDER BY arrival_date, id … OFFSET n', value: r.jumpSortedBaseline, unit: 'ms' },
      note: `fresh engine (no cursor); ${parts(r.jumpSorted)}`,
      diag: [r.jumpSorted],
    },
    {
      name: `grids: CSV export of ${n(r.export.rows)} filtered rows`,
      value: r.export.perSecond,
      unit: 'rows/s',
      target: '≥ 100,000 /s',
      pass: r.export.complete && r.export.perSecond >= 100_000,
      baseline: { name: 'same rows and columns in one SELECT', value: r.export.baselinePerSecond, unit: 'rows/s' },
      note:
        `${r.export.filter} (counted first in ${ms(r.export.countMs)}); exportGrid in ${n(r.export.seconds)} s, ${n(r.export.fileMb)} MB` +
        (r.export.complete ? '' : ' — stopped at its time budget, the rate is of the rows written until then') +
        (r.export.leftBehind.length ? ` (and it left ${r.export.leftBehind.join(', ')} behind)` : '') +
        `; baseline over ${n(r.export.baselineRows)} rows`,
      diag: [{ label: 'the export statement', ms: r.export.seconds * 1000, sql: r.export.sql, plan: r.export.plan }],
    },
    {
      name: 'grids: peak memory of the measuring process',
      value: r.peakRssMb,
      unit: 'MB',
      note:
        `maximum resident set over the whole measuring child (the fill runs in a process of its own: ${n(f.peakRssMb)} MB); ` +
        `machine load average (2 cores) ${r.load[0].toFixed(1)} when measuring began, ${r.load[1].toFixed(1)} when it ended`,
    },
  ];

  // For every figure that misses its target: the queries behind it and how SQLite plans them.
  for (const fig of figures) {
    if (fig.pass !== false || !fig.diag?.length) continue;
    console.log(`\nMISS ${fig.name}: ${fig.value.toFixed(1)} ${fig.unit} (target ${fig.target})`);
    for (const [i, c] of fig.diag.entries()) {
      console.log(`  case ${c.label}: ${ms(c.ms)}${parts(c) ? ` (${parts(c)})` : ''}`);
      if (i >= (fig.diagPlans ?? Infinity)) continue;
      if (c.sql) console.log(`    block query:\n      ${c.sql.replaceAll('\n', '\n      ')}\n    plan:\n      ${c.plan!.replaceAll('\n', '\n      ')}`);
      if (c.countSql) console.log(`    count query:\n      ${c.countSql.replaceAll('\n', '\n      ')}\n    plan:\n      ${c.countPlan!.replaceAll('\n', '\n      ')}`);
    }
  }
  return figures.map(({ diag: _diag, diagPlans: _plans, ...fig }) => fig);
}
