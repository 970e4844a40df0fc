// Targeting figures (issue 6): how well the shipped profiles select on a generated scenario (against its
// answer key), and how fast scoring is at a million shipments with 100 rules and a 10,000-name fuzzy
// watchlist, and for a day's import scored incrementally. The workspace of the speed figures may be kept
// between runs with PORTCULLIS_BENCH_TARGET_CACHE=<dir>; PORTCULLIS_BENCH_TARGET_SHIPMENTS=0 skips them.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Figure } from './harness.ts';
import type { TargetingRun } from './targeting-run.ts';

const RUNNER = fileURLToPath(new URL('./targeting-run.ts', import.meta.url));
const n = (v: number) => Math.round(v).toLocaleString('en');
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

export async function targetingFigures(): Promise<Figure[]> {
  const r = spawnSync(process.execPath, [RUNNER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 << 20 });
  if (r.status !== 0) throw new Error(`${RUNNER} failed (exit ${r.status})`);
  const run = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as TargetingRun;
  const q = run.quality;
  const figures: Figure[] = [
    {
      name: 'targeting: shipments selected red/yellow (shipped profiles)',
      value: q.shipmentSelectRate * 100,
      unit: '%',
      target: '≤ 5%',
      pass: q.shipmentSelectRate <= 0.05,
      note: `${n(q.shipments)} shipments, ${n(q.passengers)} passengers, seed ${q.seed}, schemes at ${q.rate * 100}%; lanes ${JSON.stringify(q.result.lanes)} (random picks included); scored in ${n(q.scoreMs)} ms`,
    },
    {
      name: 'targeting: recall of the scheme shipments',
      value: q.recall * 100,
      unit: '%',
      target: '≥ 80%',
      pass: q.recall >= 0.8,
      note:
        `${q.caughtShipments} of ${q.schemeShipments} in red/yellow; precision ${pct(q.precision)}, lift over random ${q.lift.toFixed(1)}×; ` +
        Object.entries(q.perScheme)
          .map(([s, v]) => `${s} ${v.caught}/${v.records}`)
          .join(', ') +
        `; couriers (passengers) ${q.couriersCaught}/${q.couriers}, passengers selected ${pct(q.passengerSelectRate)}`,
    },
    { name: 'targeting: precision of red/yellow shipments', value: q.precision * 100, unit: '%', note: `lift ${q.lift.toFixed(1)}× over selecting at random` },
  ];
  const s = run.speed;
  if (s) {
    figures.push(
      {
        name: `targeting: score ${n(s.shipments)} shipments × ${s.rules} rules (10k-name fuzzy watchlist)`,
        value: s.fullMs / 1000,
        unit: 's',
        target: '< 15 s',
        pass: s.fullMs < 15_000,
        baseline: { name: 'same run, no rules (facts alone)', value: s.baselineMs / 1000, unit: 's' },
        note:
          `${n(s.rulesRecordsPerSecond)} rules·records/s; ${n(s.fullResult.hits)} hits written in the same transaction; ` +
          `${s.reused ? 'workspace reused' : `filled in ${n(s.fillSeconds)} s`}; peak RSS ${n(s.peakRssMb)} MB; load ${run.load[0].toFixed(1)} → ${run.load[1].toFixed(1)} (2 cores)`,
      },
      {
        name: `targeting: rescore a ${n(s.dailyShipments)}-shipment daily import`,
        value: s.dailyMs,
        unit: 'ms',
        target: '< 1,000 ms',
        pass: s.dailyMs < 1000,
        note: `incremental run after the full one: ${n(s.dailyResult.scored)} scored, ${n(s.dailyResult.hits)} hits; history of parties and pairs brought up to date in it`,
      },
    );
  }
  return figures;
}
