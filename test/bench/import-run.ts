// Child process for the import bench: imports one file into a fresh workspace (or, for the baseline,
// writes the same generated records directly) and reports the rate and peak memory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../electron/core/core.ts';
import { DEFAULT_PARAMS, generateScenario } from '../../electron/core/generator/scenario.ts';
import { writeScenario } from '../../electron/core/generator/workspace-writer.ts';
import { importFile } from '../../electron/core/ingest/import-file.ts';

const [mode, arg, countArg] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'pc-bench-import-'));
let peak = 0;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
try {
  const core = createCore({ configDir: join(dir, 'config'), shell: 'cli', version: 'bench', kdfCost: { N: 1024, r: 8, p: 1 }, rememberRecent: false });
  await core.workspace.create({ dir: join(dir, 'ws'), name: 'bench', passphrase: 'bench passphrase 1' });
  const db = core.workspace.db();
  const start = performance.now();
  let count: number;
  if (mode === 'baseline') {
    const passengers = arg === 'passengers';
    const n = Number(countArg);
    const params = { ...DEFAULT_PARAMS, seed: 77, shipments: passengers ? 0 : n, passengers: passengers ? n : 0 };
    // The records a manifest file carries: shipments with parties and containers, no track-and-trace events.
    const items = (function* () {
      for (const item of generateScenario(params).items) {
        if (item.type === 'movement') for (const sh of item.movement.shipments) for (const c of sh.containers) c.events = [];
        yield item;
      }
    })();
    const r = writeScenario(db, params, items);
    count = passengers ? r.passengers : r.shipments;
  } else {
    count = importFile(db, arg!, { actor: 'bench' }).report.accepted;
  }
  const seconds = (performance.now() - start) / 1000;
  peak = Math.max(peak, process.memoryUsage.rss());
  await core.shutdown();
  process.stdout.write(JSON.stringify({ count, seconds, perSecond: count / seconds, peakRssMb: peak / 2 ** 20 }) + '\n');
} finally {
  clearInterval(timer);
  rmSync(dir, { recursive: true, force: true });
}
