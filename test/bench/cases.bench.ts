// Cases figures (issue 8): a case with 5,000 notes and 1,000 attachments opened through the service, and
// search over 100,000 notes (PORTCULLIS_BENCH_CASE_NOTES to change it). The 200-page report figure needs
// the UI's print view and is measured with it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Figure } from './harness.ts';
import type { CasesRun } from './cases-run.ts';

const RUNNER = fileURLToPath(new URL('./cases-run.ts', import.meta.url));
const n = (v: number) => Math.round(v).toLocaleString('en');

export async function casesFigures(): Promise<Figure[]> {
  const r = spawnSync(process.execPath, [RUNNER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 << 20 });
  if (r.status !== 0) throw new Error(`${RUNNER} failed (exit ${r.status})`);
  const run = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as CasesRun;
  const o = run.open;
  const s = run.search;
  return [
    {
      name: `cases: open a case of ${n(o.notes)} notes and ${n(o.attachments)} attachments (cases.get)`,
      value: o.coldMs,
      unit: 'ms',
      target: '< 500 ms',
      pass: o.coldMs < 500,
      baseline: { name: 'the same rows by bare SELECTs', value: o.baselineMs, unit: 'ms' },
      note: `first open after writing; warm ${o.warmMs.toFixed(1)} ms; ${n(o.links)} links, custody and tasks included; ${n(o.bytes / 1024)} KiB as JSON; ms by part ${JSON.stringify(o.parts)}`,
    },
    {
      name: `cases: search over ${n(run.notes)} notes, p95`,
      value: s.p95,
      unit: 'ms',
      target: '< 100 ms',
      pass: s.p95 < 100,
      baseline: { name: 'bare FTS5 MATCH, no ranking or snippets, p95', value: s.baselineP95, unit: 'ms' },
      note:
        `${s.queries} varied queries (common and rare words, pairs, prefixes; Latin or Cyrillic): p50 ${s.p50.toFixed(1)} ms, max ${s.max.toFixed(1)} ms, ` +
        `${s.meanHits.toFixed(1)} hits each on average; slowest ${s.slowest.join(', ')}; ${run.cases} cases filled through the notes module in ${n(run.fillSeconds)} s; ` +
        `peak RSS ${n(run.peakRssMb)} MB; load ${run.load[0].toFixed(1)} → ${run.load[1].toFixed(1)} (2 cores)`,
    },
    { name: `cases: search over ${n(run.notes)} notes, p50`, value: s.p50, unit: 'ms', baseline: { name: 'bare FTS5 MATCH, p50', value: s.baselineP50, unit: 'ms' } },
  ];
}
