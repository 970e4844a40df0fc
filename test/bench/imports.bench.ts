// Import figures (issue 4), each beside a same-run baseline: the same generated records written straight
// into the same encrypted schema with prepared statements in one transaction (the workspace writer).
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeScenarioFiles } from '../../electron/core/generator/files/index.ts';
import { DEFAULT_PARAMS, generateScenario } from '../../electron/core/generator/scenario.ts';
import { runJsonChild, type Figure } from './harness.ts';

const RUNNER = fileURLToPath(new URL('./import-run.ts', import.meta.url));
type Run = { count: number; seconds: number; perSecond: number; peakRssMb: number };

const run = (...args: string[]) => runJsonChild<Run>(RUNNER, args);

/** Peak memory of a CSV import of about PORTCULLIS_BENCH_BIG_CSV_MB megabytes (1 GB unless set; 0 skips it). */
function bigCsv(bytesPerRow: number): Figure[] {
  const targetMb = Number(process.env['PORTCULLIS_BENCH_BIG_CSV_MB'] ?? 1024);
  if (targetMb <= 0) return [];
  const dir = mkdtempSync(join(tmpdir(), 'pc-bench-big-'));
  try {
    const shipments = Math.ceil((targetMb * 2 ** 20) / bytesPerRow);
    const params = { ...DEFAULT_PARAMS, seed: 78, shipments, passengers: 0 };
    writeScenarioFiles(dir, params, generateScenario(params).items, ['csv']);
    const file = join(dir, 'manifest.csv');
    const mb = Math.round(statSync(file).size / 2 ** 20);
    const r = run('import', file);
    return [
      {
        name: `CSV import of ${mb.toLocaleString('en')} MB (${r.count.toLocaleString('en')} rows): peak memory`,
        value: r.peakRssMb,
        unit: 'MB',
        target: '< 400 MB',
        pass: r.peakRssMb < 400,
        note: `${Math.round(r.perSecond).toLocaleString('en')} rows/s`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function importFigures(): Promise<Figure[]> {
  const shipments = Number(process.env['PORTCULLIS_BENCH_IMPORT_SHIPMENTS'] ?? 200_000);
  const dir = mkdtempSync(join(tmpdir(), 'pc-bench-files-'));
  try {
    const params = { ...DEFAULT_PARAMS, seed: 77, shipments, passengers: shipments };
    mkdirSync(dir, { recursive: true });
    writeScenarioFiles(dir, params, generateScenario(params).items, ['csv', 'cuscar', 'paxlst']);
    const shipBase = run('baseline', 'shipments', String(shipments));
    const paxBase = run('baseline', 'passengers', String(shipments));
    const csv = run('import', join(dir, 'manifest.csv'));
    const cuscar = run('import', join(dir, 'cuscar.edi'));
    const paxlst = run('import', join(dir, 'paxlst.edi'));
    const mb = (f: string) => Math.round(statSync(join(dir, f)).size / 2 ** 20);
    const big = bigCsv(Number(statSync(join(dir, 'manifest.csv')).size / shipments));
    const base = { name: 'same shipments written directly', value: shipBase.perSecond, unit: 'rows/s' };
    return [
      {
        name: `CSV import end to end (${shipments.toLocaleString('en')} rows, ${mb('manifest.csv')} MB)`,
        value: csv.perSecond,
        unit: 'rows/s',
        target: '≥ 100,000 /s and ≥ 50% of baseline',
        pass: csv.perSecond >= 100_000 && csv.perSecond >= 0.5 * shipBase.perSecond,
        baseline: base,
        note: `${Math.round((csv.perSecond / shipBase.perSecond) * 100)}% of baseline; peak memory ${Math.round(csv.peakRssMb)} MB`,
      },
      { name: 'CUSCAR import', value: cuscar.perSecond, unit: 'consignments/s', target: '≥ 30,000 /s', pass: cuscar.perSecond >= 30_000, baseline: base },
      {
        name: 'PAXLST import',
        value: paxlst.perSecond,
        unit: 'passengers/s',
        target: '≥ 60,000 /s',
        pass: paxlst.perSecond >= 60_000,
        baseline: { name: 'same passengers written directly', value: paxBase.perSecond, unit: 'rows/s' },
      },
      ...big,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
