// Exchange figures (issue 9): a 100 MB case package exported (sign + encrypt) and imported (decrypt +
// verify), each ≥ 80 MB/s in < 200 MB of memory (exchange-run.ts in its own process).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Figure } from './harness.ts';
import type { ExchangeRun } from './exchange-run.ts';

const RUNNER = fileURLToPath(new URL('./exchange-run.ts', import.meta.url));

export async function exchangeFigures(): Promise<Figure[]> {
  const r = spawnSync(process.execPath, ['--expose-gc', RUNNER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 << 20 });
  if (r.status !== 0) throw new Error(`${RUNNER} failed (exit ${r.status})`);
  const run = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as ExchangeRun;
  const mb = run.bytes / 1024 / 1024;
  const rate = (ms: number) => mb / (ms / 1000);
  const baseline = { name: 'ChaCha20-Poly1305 alone over the same bytes', value: run.cipherMbs, unit: 'MB/s' };
  const note = (peak: number) =>
    `${mb.toFixed(0)} MB package (a case with ${mb.toFixed(0)} MB of attachments); memory above the process's level before: peak ${peak.toFixed(0)} MB; ` +
    `file copy ${run.copyMbs.toFixed(0)} MB/s; load ${run.load[0].toFixed(1)} → ${run.load[1].toFixed(1)} (2 cores)`;
  return [
    {
      name: 'exchange: export a 100 MB package (sign + encrypt)',
      value: rate(run.exportMs),
      unit: 'MB/s',
      target: '≥ 80 MB/s, < 200 MB',
      pass: rate(run.exportMs) >= 80 && run.exportPeakMb < 200,
      baseline,
      note: note(run.exportPeakMb),
    },
    {
      name: 'exchange: import a 100 MB package (decrypt + verify + stage)',
      value: rate(run.importMs),
      unit: 'MB/s',
      target: '≥ 80 MB/s, < 200 MB',
      pass: rate(run.importMs) >= 80 && run.importPeakMb < 200,
      baseline,
      note: note(run.importPeakMb),
    },
  ];
}
