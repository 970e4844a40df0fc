// Training figures (issue 10): a 50,000-shipment exercise pack authored (< 20 s) and opened by a trainee
// (< 20 s); a class of 30 submissions scored (< 2 s) — training-run.ts in its own process.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Figure } from './harness.ts';
import type { TrainingRun } from './training-run.ts';

const RUNNER = fileURLToPath(new URL('./training-run.ts', import.meta.url));
const n = (v: number) => Math.round(v).toLocaleString('en');

export async function trainingFigures(): Promise<Figure[]> {
  const r = spawnSync(process.execPath, [RUNNER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 << 20 });
  if (r.status !== 0) throw new Error(`${RUNNER} failed (exit ${r.status})`);
  const run = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as TrainingRun;
  const load = `load ${run.load[0].toFixed(1)} → ${run.load[1].toFixed(1)} (2 cores)`;
  return [
    {
      name: `training: author a ${n(run.shipments)}-shipment exercise pack`,
      value: run.authorMs / 1000,
      unit: 's',
      target: '< 20 s',
      pass: run.authorMs < 20_000,
      baseline: { name: 'the generator alone producing the same records', value: run.generatorMs / 1000, unit: 's' },
      note: `${n(run.targets)} hidden targets; CUSCAR, CODECO, COARRI, IFTSTA; pack ${n(run.packBytes / 1024)} KiB, signed, answer key encrypted; ${load}`,
    },
    {
      name: 'training: open the pack into a new training workspace',
      value: run.openMs / 1000,
      unit: 's',
      target: '< 20 s',
      pass: run.openMs < 20_000,
      note: `verified whole (signature, every file's hash), workspace created with the real key derivation, files stored; ${load}`,
    },
    {
      name: `training: score a class of ${run.submissions} submissions`,
      value: run.scoreMs / 1000,
      unit: 's',
      target: '< 2 s',
      pass: run.scoreMs < 2_000,
      note: `each decrypted, signature-checked, scored and stored, then the leaderboard; ${load}`,
    },
  ];
}
