// On the demo workspace: sort, filter, quick-search in Cyrillic for a Latin name, save a view, open a
// shipment, follow to its container's timeline and to a party, export the filtered view to CSV.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, launchBrowser, openDemo, startApp } from './harness.ts';

/** Serbian Latin → Cyrillic, enough for company names. */
function toCyrillic(latin: string): string {
  const pairs: [string, string][] = [
    ['dž', 'џ'],
    ['lj', 'љ'],
    ['nj', 'њ'],
    ['a', 'а'],
    ['b', 'б'],
    ['c', 'ц'],
    ['č', 'ч'],
    ['ć', 'ћ'],
    ['d', 'д'],
    ['đ', 'ђ'],
    ['e', 'е'],
    ['f', 'ф'],
    ['g', 'г'],
    ['h', 'х'],
    ['i', 'и'],
    ['j', 'ј'],
    ['k', 'к'],
    ['l', 'л'],
    ['m', 'м'],
    ['n', 'н'],
    ['o', 'о'],
    ['p', 'п'],
    ['r', 'р'],
    ['s', 'с'],
    ['š', 'ш'],
    ['t', 'т'],
    ['u', 'у'],
    ['v', 'в'],
    ['z', 'з'],
    ['ž', 'ж'],
  ];
  let out = latin.toLowerCase();
  for (const [l, c] of pairs) out = out.replaceAll(l, c);
  return out;
}

describe('grids', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('sort, filter, Cyrillic search, saved view, record views, export', async () => {
    const app = await startApp(browser);
    const { page } = app;
    try {
      await openDemo(app);
      const db = app.core.workspace.db();
      const count = (sql: string, ...p: unknown[]) => (db.prepare(sql).get(...p) as { n: number }).n;

      await page
        .getByRole('link', { name: 'Shipments' })
        .or(page.getByRole('button', { name: 'Shipments' }))
        .first()
        .click();
      const total = page.getByTestId('grid-total');
      await expect.poll(() => total.textContent()).toBe(`Rows: ${count('SELECT count(*) AS n FROM shipment').toLocaleString('en')}`);
      await page.locator('.ag-row .pc-grid-link').first().waitFor();
      await app.screenshot('30-shipments-grid');

      // Sort by arrival, newest first.
      await page.locator('.ag-header-cell[col-id="arrivalDate"] .ag-header-cell-label').click();
      await page.locator('.ag-header-cell[col-id="arrivalDate"] .ag-header-cell-label').click();
      const newest = (db.prepare('SELECT max(arrival_date) AS d FROM shipment').get() as { d: string }).d;
      await expect.poll(() => page.locator('.ag-row[row-index="0"] [col-id="arrivalDate"]').textContent()).toBe(newest);

      // Filter on mode: air.
      await page.getByTestId('add-filter').click();
      await page.getByTestId('filter-column-mode').click();
      await page.getByTestId('filter-editor').getByText('air', { exact: false }).first().click();
      await page.getByRole('button', { name: 'Apply' }).click();
      const air = count(`SELECT count(*) AS n FROM shipment WHERE mode = 'air'`);
      await expect.poll(() => total.textContent()).toBe(`Rows: ${air.toLocaleString('en')}`);
      await page.getByTestId('filter-chip-mode').waitFor();

      // Quick search in Cyrillic for a consignee written in Latin.
      const name = (
        db
          .prepare(
            `SELECT p.name_norm AS n FROM shipment s JOIN shipment_party sp ON sp.shipment_id = s.id AND sp.role = 'consignee' JOIN party p ON p.id = sp.party_id
             WHERE s.mode = 'air' AND p.name GLOB '[A-Za-z]*' AND p.name_norm NOT GLOB '*[qwxy]*' AND length(p.name_norm) > 6 LIMIT 1`,
          )
          .get() as { n: string }
      ).n;
      // The longest word, written in Serbian Cyrillic (letters with no Cyrillic twin were excluded above).
      const word = name.split(' ').sort((a, b) => b.length - a.length)[0]!;
      const expected = app.core.grids.page({
        grid: 'shipments',
        filters: { mode: { kind: 'set', values: ['air'] } },
        search: word,
        sort: null,
        start: 0,
        limit: 1,
      }).total!;
      expect(expected).toBeGreaterThan(0);
      expect(toCyrillic(word)).toMatch(/^[\u0400-\u04ff]+$/);
      await page.getByTestId('grid-search').fill(toCyrillic(word));
      await expect.poll(() => total.textContent()).toBe(`Rows: ${expected.toLocaleString('en')}`);
      await app.screenshot('31-shipments-cyrillic-search');
      await page.getByTestId('grid-search').fill('');
      await expect.poll(() => total.textContent()).toBe(`Rows: ${air.toLocaleString('en')}`);

      // Select two rows, mark them for review, and find them again by the mark.
      await page.locator('.ag-row[row-index="0"] .ag-selection-checkbox input').check();
      await page.locator('.ag-row[row-index="1"] .ag-selection-checkbox input').check();
      await expect.poll(() => page.getByTestId('grid-selected').textContent()).toBe('Selected: 2');
      await page.getByTestId('mark-review').click();
      await page.getByTestId('add-filter').click();
      await page.getByTestId('filter-column-review').click();
      await page.getByTestId('filter-editor').locator('select').selectOption('true');
      await page.getByRole('button', { name: 'Apply' }).click();
      await expect.poll(() => total.textContent()).toBe('Rows: 2');
      await app.screenshot('31b-marked-for-review');
      expect(count(`SELECT count(*) AS n FROM review_mark WHERE entity = 'shipment'`)).toBe(2);
      await page.getByTestId('filter-chip-review').locator('button').click();
      await expect.poll(() => total.textContent()).toBe(`Rows: ${air.toLocaleString('en')}`);

      // Save the view as the default.
      await page.getByTestId('views-button').click();
      await page.getByTestId('save-view').click();
      await page.locator('#view-name').fill('Air, newest first');
      await page.getByText('Open this grid with this view').click();
      await page.getByTestId('save-view-confirm').click();
      await page.getByTestId('views-button').getByText('Air, newest first').waitFor();
      expect(app.core.grids.views('shipments')).toEqual([expect.objectContaining({ name: 'Air, newest first', isDefault: true })]);

      // Export the filtered view: every matching row, not only those loaded.
      const out = join(app.root, 'exports', 'air.csv');
      await page.getByTestId('export-button').click();
      await page.getByTestId('export-out').fill(out);
      await page.getByTestId('export-confirm').click();
      await page.getByTestId('export-done').waitFor({ timeout: 30_000 });
      const lines = readFileSync(out, 'utf8').trim().split('\r\n');
      expect(lines).toHaveLength(air + 1);

      // Open a sea shipment with containers: its record, then its container's timeline, then a party.
      await page.getByTestId('filter-chip-mode').locator('button').click();
      const doc = (
        db
          .prepare(
            `SELECT s.doc_number AS d FROM shipment s WHERE s.mode = 'sea' AND EXISTS (SELECT 1 FROM shipment_container sc JOIN container_event e ON e.container_id = sc.container_id WHERE sc.shipment_id = s.id) LIMIT 1`,
          )
          .get() as { d: string }
      ).d;
      await page.getByTestId('grid-search').fill(doc);
      await expect.poll(() => total.textContent()).toBe(`Rows: ${count('SELECT count(*) AS n FROM shipment WHERE doc_number = ?', doc)}`);
      await expect.poll(() => page.locator('.ag-row[row-index="0"] .pc-grid-link').textContent()).toBe(doc);
      await page.locator('.ag-row[row-index="0"] .pc-grid-link').click();
      const drawer = page.getByTestId('record-drawer');
      await drawer.getByTestId('shipment-view').waitFor();
      await app.screenshot('32-shipment-record');
      await drawer.getByTestId('route-map').screenshot({ path: join(SCREENSHOT_DIR, '32b-route-map.png') });
      await drawer.getByTestId('shipment-view').locator(`[data-testid="record-link"][data-ref^="container:"]`).first().click();
      await drawer.getByTestId('container-view').waitFor();
      expect(await drawer.getByTestId('timeline-event').count()).toBeGreaterThan(0);
      await app.screenshot('33-container-timeline');
      await drawer.getByTestId('record-back').click();
      await drawer.getByTestId('shipment-view').locator(`[data-testid="record-link"][data-ref^="party:"]`).first().click();
      await drawer.getByTestId('party-view').waitFor();
      await app.screenshot('34-party-record');
    } finally {
      await app.close();
    }
  });
});
