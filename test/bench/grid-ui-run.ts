// Child process for the grid UI bench: the real renderer in Chromium (browser shell) on the workspace the
// grids bench filled (PORTCULLIS_BENCH_GRID_CACHE). Checks that scrolling, selection and jump-to-row are
// right at that size, and measures the jump, the first rows on screen and the renderer's memory while
// scrolling. Prints one JSON line.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createHandlers } from '../../electron/api.ts';
import { createCore } from '../../electron/core/core.ts';
import { startHost } from '../../electron/host/server.ts';
import { Router } from '../../electron/router.ts';
import { launchBrowser, RENDERER_DIR } from '../e2e/harness.ts';

const PASSPHRASE = 'grid bench passphrase 1';
const root = resolve(process.env['PORTCULLIS_BENCH_GRID_CACHE'] ?? '');

/** The largest resident set of Chromium's renderer processes, in MB (Linux /proc; the bench runs alone). */
function rendererRssMb(): number {
  let max = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      max = Math.max(max, Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
    } catch {
      // The process ended while being read.
    }
  }
  return max;
}

const core = createCore({ configDir: join(root, 'config'), shell: 'browser', version: 'bench', kdfCost: { N: 1024, r: 8, p: 1 }, rememberRecent: false });
await core.workspace.unlock({ dir: join(root, 'ws'), passphrase: PASSPHRASE });
await core.jobs.cancelAll();
const host = await startHost({ router: new Router(createHandlers(core), core.workspace), events: core.events, rendererDir: RENDERER_DIR });
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 820 } });
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  await page.goto(host.url);
  const total = (core.workspace.db().prepare(`SELECT n FROM row_count WHERE tbl = 'shipment'`).get() as { n: number }).n;
  const opening = performance.now();
  await page.getByRole('button', { name: /^Shipments/ }).click();
  await page.locator('.ag-row[row-index="0"] .pc-grid-link').waitFor();
  const firstRowsMs = performance.now() - opening;
  const shownTotal = await page.getByTestId('grid-total').textContent();

  // Jump to the middle, and check that the row shown there is the one the core has at that index.
  const target = Math.floor(total / 2);
  const jumping = performance.now();
  await page.getByTestId('goto-row').fill(String(target + 1));
  await page.getByTestId('goto-row').press('Enter');
  const row = page.locator(`.ag-row[row-index="${target}"] [col-id="docNumber"]`);
  await row.waitFor();
  await page.waitForFunction(
    (i) => (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document.querySelector(`.ag-row[row-index="${i}"] [col-id="docNumber"]`)?.textContent !== '',
    target,
  );
  const jumpMs = performance.now() - jumping;
  const expected = core.grids.page({ grid: 'shipments', filters: {}, search: '', sort: null, start: target, limit: 1 }).rows[0]!['docNumber'];
  const jumpRight = (await row.textContent()) === expected;

  // Select the row there: the selection holds the right record.
  await page.locator(`.ag-row[row-index="${target}"] .ag-selection-checkbox input`).check();
  const selectedText = await page.getByTestId('grid-selected').textContent();

  // Scroll through the grid (page down, then wheel jumps across the whole height) and watch memory.
  let peakRss = rendererRssMb();
  await row.click();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('PageDown');
    if (i % 10 === 0) peakRss = Math.max(peakRss, rendererRssMb());
  }
  for (let i = 0; i < 30; i++) {
    await page.mouse.move(700, 450);
    await page.mouse.wheel(0, 250_000);
    await page.waitForTimeout(50);
    peakRss = Math.max(peakRss, rendererRssMb());
  }
  // After all that scrolling, the rows on screen are still the right ones.
  const shown = await page.locator('.ag-row[row-index]').evaluateAll((rows) =>
    rows.map((r) => ({ index: Number(r.getAttribute('row-index')), doc: r.querySelector('[col-id="docNumber"]')?.textContent ?? '' })).filter((r) => r.doc !== ''),
  );
  const probe = shown.sort((a, b) => a.index - b.index)[0];
  const probeRight =
    probe !== undefined &&
    core.grids.page({ grid: 'shipments', filters: {}, search: '', sort: null, start: probe.index, limit: 1 }).rows[0]!['docNumber'] === probe.doc;
  process.stdout.write(
    JSON.stringify({ total, shownTotal, firstRowsMs, jumpMs, jumpRight, selectedText, peakRendererRssMb: peakRss, probeIndex: probe?.index ?? -1, probeRight }) + '\n',
  );
} finally {
  await browser.close();
  await host.close();
  await core.shutdown();
}
