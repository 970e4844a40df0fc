// Crash test: imports killed (SIGKILL) at random moments leave the workspace consistent — the integrity
// check passes and each import is either wholly there or not there at all.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core.ts';
import { writeScenarioFiles } from '../../electron/core/generator/files/index.ts';
import { DEFAULT_PARAMS, generateScenario } from '../../electron/core/generator/scenario.ts';
import { TEST_KDF, tempDir } from './helpers/workspace.ts';

const KILLS = Number(process.env['PORTCULLIS_CRASH_KILLS'] ?? 50);
const PASS = 'crash test passphrase';
const tmp = tempDir('portcullis-crash-');
afterAll(() => tmp.remove());

const CHILD = `
import { createCore } from ${JSON.stringify(join(process.cwd(), 'electron/core/core.ts'))};
import { importFile } from ${JSON.stringify(join(process.cwd(), 'electron/core/ingest/import-file.ts'))};
const [dir, file, config] = process.argv.slice(2);
const core = createCore({ configDir: config, shell: 'cli', version: 't', rememberRecent: false });
await core.workspace.unlock({ dir, passphrase: ${JSON.stringify(PASS)} });
process.stdout.write('start\\n');
importFile(core.workspace.db(), file, { actor: 'crash' });
process.stdout.write('done\\n');
await core.shutdown();
`;

describe('imports killed mid-way', () => {
  it(`leave no partial import after ${KILLS} kills at random moments`, async () => {
    const dir = join(tmp.path, 'ws');
    const config = join(tmp.path, 'config');
    const core = createCore({ configDir: config, shell: 'cli', version: 't', kdfCost: TEST_KDF, rememberRecent: false });
    await core.workspace.create({ dir, name: 'crash', passphrase: PASS });
    await core.shutdown();
    const out = join(tmp.path, 'files');
    mkdirSync(out);
    const params = { ...DEFAULT_PARAMS, seed: 51, shipments: 4000, passengers: 0 };
    writeScenarioFiles(out, params, generateScenario(params).items, ['cuscar']);
    const script = join(tmp.path, 'child.mjs');
    writeFileSync(script, CHILD);
    const perImport = Math.round(4000 * 0.7);
    let completed = 0;
    let killedMidway = 0;

    for (let i = 0; i < KILLS; i++) {
      const child = spawn(process.execPath, [script, dir, join(out, 'cuscar.edi'), config], { stdio: ['ignore', 'pipe', 'inherit'] });
      let output = '';
      await new Promise<void>((resolve) => {
        child.stdout.on('data', (d: Buffer) => {
          output += d.toString();
          if (output.includes('start') && !child.killed) setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 400));
        });
        child.on('exit', () => resolve());
      });
      if (output.includes('done')) completed++;
      else killedMidway++;

      const check = createCore({ configDir: config, shell: 'cli', version: 't', rememberRecent: false });
      await check.workspace.unlock({ dir, passphrase: PASS });
      const db = check.workspace.db();
      expect((db.pragma('integrity_check') as { integrity_check: string }[])[0]!.integrity_check).toBe('ok');
      const batches = db.prepare("SELECT count(*) AS n FROM import_batch WHERE status = 'done'").get() as { n: number };
      const running = db.prepare("SELECT count(*) AS n FROM import_batch WHERE status <> 'done'").get() as { n: number };
      const shipments = db.prepare('SELECT count(*) AS n FROM shipment').get() as { n: number };
      expect(running.n).toBe(0);
      // The first completed import brings every consignment; later ones find them all already there.
      expect(shipments.n).toBe(batches.n > 0 ? perImport : 0);
      await check.shutdown();
    }
    expect(completed + killedMidway).toBe(KILLS);
    expect(killedMidway).toBeGreaterThan(KILLS / 2);
  }, 300_000);
});
