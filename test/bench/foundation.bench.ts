// Foundation figures (issue 2): raw encrypted inserts, unlock, API round trip over the browser shell's
// socket, browser shell cold start to the unlock screen.
import Database from 'better-sqlite3-multiple-ciphers';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { chromium } from 'playwright-core';
import { createHandlers } from '../../electron/api.ts';
import { createCore } from '../../electron/core/core.ts';
import { startHost } from '../../electron/host/server.ts';
import { openDatabase } from '../../electron/core/workspace/database.ts';
import { deriveWrappingKey, DEFAULT_KDF } from '../../electron/core/workspace/keyfile.ts';
import { migrate } from '../../electron/core/workspace/migrations/index.ts';
import { Router } from '../../electron/router.ts';
import { median, percentile, type Figure } from './harness.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = process.env['PORTCULLIS_CHROMIUM'] ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];
const PASSPHRASE = 'bench harbour crane ledger';

function shipmentRow(i: number): unknown[] {
  return [
    'sea', 'BL', `MEDU${String(i).padStart(9, '0')}`, 1, null, 0, 'FROZEN SHRIMP, 1200 CARTONS, KEEP AT -18C', '["030617"]', 1200, 'CT', 24150.5, 58.2, 182000, 'USD',
    'PREPAID', 'ECGYE', 'ECGYE', '["PAONX","ESALG"]', 'MEBAR', 'MEBAR', '2026-10-01', '2026-10-05', '2026-11-02', null, `V${i % 500}`, '[]', null, i, `line ${i}`,
  ];
}
const SHIPMENT_INSERT = `INSERT INTO shipment (mode, doc_type, doc_number, doc_valid, master_doc_number, is_house, goods_description, hs_codes, packages, package_type,
  gross_weight_kg, volume_m3, declared_value, currency, freight_terms, place_receipt, place_loading, places_transshipment, place_discharge, place_delivery,
  booking_date, departure_date, arrival_date, conveyance_id, voyage, flags, import_id, source_line, source_ref)
  VALUES (${Array(29).fill('?').join(',')})`;

function insertRate(db: Database.Database, sql: string, rows: number, row: (i: number) => unknown[]): number {
  const stmt = db.prepare(sql);
  const t0 = performance.now();
  const batch = 50_000;
  for (let start = 0; start < rows; start += batch) {
    db.transaction(() => {
      for (let i = start; i < Math.min(rows, start + batch); i++) stmt.run(row(i));
    })();
  }
  return rows / ((performance.now() - t0) / 1000);
}

function freshDb(dir: string, name: string, encrypted: boolean): Database.Database {
  const file = join(dir, name);
  if (encrypted) {
    const db = openDatabase(file, randomBytes(32), { create: true });
    migrate(db);
    return db;
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  migrate(db);
  return db;
}

export async function insertFigures(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pc-bench-insert-'));
  try {
    const small = 500_000;
    const wide = 200_000;
    const smallRow = (i: number) => [i, `v${i}`, i * 1.5];
    const run = (enc: boolean, kind: 'small' | 'wide') => {
      const db = freshDb(dir, `${kind}-${enc ? 'enc' : 'plain'}.db`, enc);
      db.exec('CREATE TABLE small (a INTEGER, b TEXT, c REAL)');
      const r = kind === 'small' ? insertRate(db, 'INSERT INTO small VALUES (?, ?, ?)', small, smallRow) : insertRate(db, SHIPMENT_INSERT, wide, shipmentRow);
      db.close();
      return r;
    };
    const smallPlain = run(false, 'small');
    const smallEnc = run(true, 'small');
    const widePlain = run(false, 'wide');
    const wideEnc = run(true, 'wide');
    return [
      { name: 'encrypted insert, small rows (3 cols)', value: smallEnc, unit: 'rows/s', target: '~600k rows/s (reference)', baseline: { name: 'plain SQLite', value: smallPlain, unit: 'rows/s' } },
      {
        name: 'encrypted insert, shipment rows (29 cols, 2 indexes)',
        value: wideEnc,
        unit: 'rows/s',
        target: 'recorded as baseline',
        baseline: { name: 'plain SQLite', value: widePlain, unit: 'rows/s' },
        note: `encrypted/plain = ${(wideEnc / widePlain).toFixed(2)}; this is the rate every importer is held to`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function unlockFigures(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pc-bench-unlock-'));
  try {
    // Unlock after the KDF is measured on workspaces whose key file uses a near-free scrypt (N=2^10),
    // so that what remains is opening, checking and migrating; the real KDF is measured on its own.
    const cheap = { N: 2 ** 10, r: 8, p: 1 };
    const core = createCore({ configDir: join(dir, 'config'), shell: 'cli', version: 'bench', rememberRecent: false, kdfCost: cheap });
    const small = join(dir, 'small');
    const large = join(dir, 'large');
    await core.workspace.create({ dir: small, name: 'small', passphrase: PASSPHRASE });
    const smallDb = core.workspace.db();
    insertRate(smallDb, SHIPMENT_INSERT, 20_000, shipmentRow);
    await core.workspace.close();
    await core.workspace.create({ dir: large, name: 'large', passphrase: PASSPHRASE });
    insertRate(core.workspace.db(), SHIPMENT_INSERT, 150_000, shipmentRow);
    await core.workspace.close();
    const timeUnlock = async (ws: string) => {
      const times: number[] = [];
      for (let i = 0; i < 7; i++) {
        const t = performance.now();
        await core.workspace.unlock({ dir: ws, passphrase: PASSPHRASE });
        times.push(performance.now() - t);
        await core.jobs.cancelAll();
        await core.workspace.close();
      }
      return median(times);
    };
    const cheapKdf: number[] = [];
    const realKdf: number[] = [];
    for (let i = 0; i < 5; i++) {
      let t = performance.now();
      await deriveWrappingKey(PASSPHRASE, { alg: 'scrypt', ...cheap, salt: randomBytes(16).toString('base64') });
      cheapKdf.push(performance.now() - t);
      t = performance.now();
      await deriveWrappingKey(PASSPHRASE, { alg: 'scrypt', ...DEFAULT_KDF, salt: randomBytes(16).toString('base64') });
      realKdf.push(performance.now() - t);
    }
    const smallMs = (await timeUnlock(small)) - median(cheapKdf);
    const largeMs = (await timeUnlock(large)) - median(cheapKdf);
    const k = median(realKdf);
    return [
      {
        name: 'unlock after KDF, 20k shipments (full page check at unlock)',
        value: smallMs,
        unit: 'ms',
        target: '< 200 ms',
        pass: smallMs < 200,
        baseline: { name: 'scrypt KDF (N=2^17, r=8)', value: k, unit: 'ms' },
      },
      {
        name: 'unlock after KDF, 150k shipments (page check as background job)',
        value: largeMs,
        unit: 'ms',
        target: '< 200 ms',
        pass: largeMs < 200,
        baseline: { name: 'scrypt KDF (N=2^17, r=8)', value: k, unit: 'ms' },
      },
      { name: 'passphrase KDF (by design)', value: k, unit: 'ms', target: '0.3-1 s', pass: k >= 300 && k <= 1000 },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function roundTripFigures(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pc-bench-rt-'));
  const core = createCore({ configDir: join(dir, 'config'), shell: 'browser', version: 'bench' });
  const router = new Router(createHandlers(core), core.workspace);
  const host = await startHost({ router, events: core.events, rendererDir: join(ROOT, 'out', 'renderer') });
  try {
    const inProcess: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const t = performance.now();
      await router.call('identifiers.validate', { kind: 'container', value: 'CSQU3054383' });
      inProcess.push(performance.now() - t);
    }
    const cookie = await new Promise<string>((resolve) => {
      void fetch(host.url, { redirect: 'manual' }).then((r) => resolve(r.headers.get('set-cookie')!.split(';')[0]!));
    });
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api`, { headers: { Origin: host.origin, Cookie: cookie } });
    await new Promise((r) => ws.once('open', r));
    const times: number[] = [];
    let id = 0;
    const once = () =>
      new Promise<void>((resolve) => {
        const myId = ++id;
        const t = performance.now();
        ws.once('message', () => {
          times.push(performance.now() - t);
          resolve();
        });
        ws.send(JSON.stringify({ id: myId, method: 'identifiers.validate', input: { kind: 'container', value: 'CSQU3054383' } }));
      });
    for (let i = 0; i < 200; i++) await once();
    times.length = 0;
    for (let i = 0; i < 3000; i++) await once();
    ws.close();
    const p50 = median(times);
    return [
      {
        name: 'API round trip over the socket, p50',
        value: p50,
        unit: 'ms',
        target: '< 2 ms',
        pass: p50 < 2,
        baseline: { name: 'same call in-process', value: median(inProcess), unit: 'ms' },
        note: `p95 ${percentile(times, 95).toFixed(3)} ms, p99 ${percentile(times, 99).toFixed(3)} ms over 3000 calls`,
      },
    ];
  } finally {
    await host.close();
    await core.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function coldStartFigures(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pc-bench-cold-'));
  const configDir = join(dir, 'config');
  const core = createCore({ configDir, shell: 'cli', version: 'bench', kdfCost: { N: 2 ** 12, r: 8, p: 1 } });
  await core.workspace.create({ dir: join(dir, 'ws'), name: 'PCU Bar', passphrase: PASSPHRASE });
  await core.shutdown();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const shell: number[] = [];
    const bareNode: number[] = [];
    for (let i = 0; i < 5; i++) {
      let t = performance.now();
      await new Promise((r) => spawn(process.execPath, ['-e', '0']).on('exit', r));
      bareNode.push(performance.now() - t);
      t = performance.now();
      const child = spawn(process.execPath, [join(ROOT, 'electron', 'host', 'start.ts')], { env: { ...process.env, PORTCULLIS_CONFIG_DIR: configDir }, stdio: ['ignore', 'pipe', 'inherit'] });
      const url = await new Promise<string>((resolve) => {
        let out = '';
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
          if (m) resolve(m[1]!);
        });
      });
      await page.goto(url);
      await page.getByRole('menuitem', { name: /PCU Bar/ }).click();
      await page.getByLabel('Passphrase').waitFor();
      shell.push(performance.now() - t);
      child.kill('SIGTERM');
      await new Promise((r) => child.on('exit', r));
    }
    const m = median(shell);
    return [
      {
        name: 'browser shell cold start to unlock screen',
        value: m,
        unit: 'ms',
        target: '< 2000 ms',
        pass: m < 2000,
        baseline: { name: 'bare node process start', value: median(bareNode), unit: 'ms' },
        note: 'from spawning the shell process to the passphrase field visible in an open Chromium (median of 5)',
      },
    ];
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
