// Cases figures (issue 8): a case with 5,000 notes and 1,000 attachments opened through the service, search
// over 100,000 notes (PORTCULLIS_BENCH_CASE_NOTES to change it), and a case report of some 200 pages
// rendered by the UI's print view in Chromium and printed to PDF (case-report-run.ts).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Figure } from './harness.ts';
import type { CaseReportRun } from './case-report-run.ts';
import type { CasesRun } from './cases-run.ts';

const RUNNER = fileURLToPath(new URL('./cases-run.ts', import.meta.url));
const n = (v: number) => Math.round(v).toLocaleString('en');

const REPORT = fileURLToPath(new URL('./case-report-run.ts', import.meta.url));

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
    reportFigure(),
  ];
}

/** The case report of about 200 pages, rendered by the print view in Chromium and printed to PDF. */
function reportFigure(): Figure {
  const r = spawnSync(process.execPath, [REPORT], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 << 20 });
  if (r.status !== 0) throw new Error(`${REPORT} failed (exit ${r.status})`);
  const run = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as CaseReportRun;
  return {
    name: `cases: a ${n(run.pages)}-page case report to PDF (print view in Chromium)`,
    value: run.ms / 1000,
    unit: 's',
    target: '< 10 s',
    pass: run.ms < 10_000 && run.pages >= 200,
    note: `${n(run.notes)} notebook entries, 60 linked shipments; view rendered in ${n(run.renderMs)} ms, printed in ${n(run.pdfMs)} ms; ${n(run.bytes / 1024)} KiB, fonts embedded`,
  };
}
