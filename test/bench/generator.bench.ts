// Generator figures (issue 3): shipments per second into the workspace writer's input, memory for ten
// million shipments, and the demo workspace made end to end.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../../electron/core/core.ts';
import { workspaceStats } from '../../electron/core/records/stats.ts';
import { runJsonChild, type Figure } from './harness.ts';

const RUNNER = fileURLToPath(new URL('./generator-run.ts', import.meta.url));

function run(shipments: number): { shipments: number; seconds: number; perSecond: number; peakRssMb: number } {
  return runJsonChild(RUNNER, [String(shipments)]);
}

/** `writerRowsPerSecond`: the encrypted insert rate of shipment rows measured in this run (foundation bench). */
export async function generatorFigures(writerRowsPerSecond?: number): Promise<Figure[]> {
  const rates = [run(1_000_000), run(1_000_000), run(1_000_000)].map((r) => r.perSecond).sort((a, b) => a - b);
  const rate = rates[1]!;
  const big = Number(process.env['PORTCULLIS_BENCH_GENERATOR_SHIPMENTS'] ?? 10_000_000);
  const ten = run(big);
  return [
    {
      name: 'generator, shipments to the writer’s input (median of 3 × 1M)',
      value: rate,
      unit: 'shipments/s',
      target: '≥ 200,000 /s',
      pass: rate >= 200_000,
      baseline: writerRowsPerSecond ? { name: 'encrypted insert of shipment rows', value: writerRowsPerSecond, unit: 'rows/s' } : undefined,
      note: `runs: ${rates.map((r) => Math.round(r).toLocaleString('en')).join(', ')} /s`,
    },
    {
      name: `generator, ${big.toLocaleString('en')} shipments streamed: peak memory`,
      value: ten.peakRssMb,
      unit: 'MB',
      target: '< 600 MB',
      pass: ten.peakRssMb < 600,
      note: `${Math.round(ten.seconds)} s, ${Math.round(ten.perSecond).toLocaleString('en')} shipments/s`,
    },
  ];
}

export async function demoFigures(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pc-bench-demo-'));
  try {
    const core = createCore({ configDir: join(dir, 'config'), shell: 'browser', version: 'bench', workspacesDir: dir });
    const times: number[] = [];
    let stats;
    for (let i = 0; i < 3; i++) {
      const target = join(dir, `demo-${i}`);
      const t = performance.now();
      const { jobId } = await core.workspace.openDemo(target);
      const job = await core.jobs.wait(jobId!);
      if (job.state !== 'done') throw new Error(`demo job ${job.state}: ${job.error?.message}`);
      await new Promise<void>((resolve) => {
        const check = () => (core.workspace.status().state === 'unlocked' ? resolve() : setTimeout(check, 5));
        check();
      });
      times.push(performance.now() - t);
      stats = workspaceStats(core.workspace.db());
      await core.workspace.close();
    }
    await core.shutdown();
    const median = [...times].sort((a, b) => a - b)[1]! / 1000;
    return [
      {
        name: 'demo workspace: create, generate, write, open',
        value: median,
        unit: 's',
        target: '< 15 s',
        pass: median < 15,
        note: `median of 3 (${times.map((x) => (x / 1000).toFixed(1)).join(', ')} s); ${stats!.shipments} shipments, ${stats!.events} container events, ${stats!.passengers} passengers, real scrypt KDF included`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
