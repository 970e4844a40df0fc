// Bench harness: each figure is printed beside a baseline measured in the same run on the same machine,
// and all of them are written to bench/results.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname } from 'node:path';
import { spawnSync } from 'node:child_process';

export type Figure = {
  name: string;
  value: number;
  unit: string;
  /** Human-readable target from the issue, e.g. "< 2 ms". */
  target?: string;
  /** true when the figure meets its target; undefined when there is no target. */
  pass?: boolean;
  baseline?: { name: string; value: number; unit: string };
  note?: string;
};

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

const fmt = (v: number) => (v >= 1000 ? Math.round(v).toLocaleString('en') : v >= 10 ? v.toFixed(1) : v.toFixed(3));

export function report(figures: Figure[], file: string): void {
  const rows = figures.map((f) => [
    f.name,
    `${fmt(f.value)} ${f.unit}`,
    f.target ?? '',
    f.pass === undefined ? '' : f.pass ? 'ok' : 'MISS',
    f.baseline ? `${f.baseline.name}: ${fmt(f.baseline.value)} ${f.baseline.unit}` : '',
  ]);
  const head = ['figure', 'measured', 'target', '', 'baseline (same run)'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log('\n' + line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  for (const f of figures) if (f.note) console.log(`  * ${f.name}: ${f.note}`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(
    file,
    JSON.stringify({ at: new Date().toISOString(), machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version }, figures }, null, 2) + '\n',
  );
  console.log(`\nwritten to ${file}`);
}

/** Runs a bench child script in a fresh Node process and returns the JSON object on its last output line. */
export function runJsonChild<T>(script: string, args: string[]): T {
  const r = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as T;
}
