// Imports through the UI: drop a PAXLST file, pick a CUSCAR file, watch the reports, read the history,
// undo one import.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startApp, type App } from './harness.ts';

const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'edifact');

/** A new workspace, opened on the Imports section. */
async function openImports(app: App) {
  await app.core.workspace.create({ dir: join(app.root, 'ws'), name: 'PCU Bar', passphrase: 'amber harbour crane ledger' });
  await app.page.getByRole('heading', { name: 'PCU Bar' }).waitFor();
  await app.page.keyboard.press('Alt+2');
}

describe('imports', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('a CSV through the mapping screen, saved as a specification and chosen again by its headers', async () => {
    const app = await startApp(browser);
    const { page } = app;
    try {
      await openImports(app);
      const csv = (rows: string[]) => Buffer.from(['Ref;Primalac;Opis robe;Bruto težina;Kontejner', ...rows].join('\r\n'));
      await page
        .getByTestId('file-input')
        .setInputFiles({ name: 'pcs-bar-1.csv', mimeType: 'text/csv', buffer: csv(['MEDU9001;Drina Trade d.o.o.;BANANE;21.600,50;CSQU3054383']) });
      await page.getByTestId('mapping-table').waitFor();
      expect(await page.getByLabel('Field for column Primalac').inputValue()).toBe('consignee');
      await page.getByText('Choose the column that holds the transport document number.').waitFor();
      await page.getByLabel('Field for column Ref').selectOption('docNumber');
      await page.getByText('Save as an import specification for this source').click();
      await page.getByPlaceholder('Specification name').fill('PCS Bar export');
      await app.screenshot('15-mapping-screen');
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await page.getByText('pcs-bar-1.csv imported as CSV').waitFor();

      await page
        .getByTestId('file-input')
        .setInputFiles({ name: 'pcs-bar-2.csv', mimeType: 'text/csv', buffer: csv(['MEDU9002;Lovćen d.o.o.;VINO;1.200,00;TGHU1643396']) });
      await page.getByTestId('spec-matched').waitFor();
      expect(await page.getByTestId('spec-matched').textContent()).toContain('PCS Bar export');
      expect(await page.getByLabel('Field for column Ref').inputValue()).toBe('docNumber');
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await page.getByText('pcs-bar-2.csv imported as CSV').waitFor();
      await app.screenshot('16-csv-imported');
      const rows = app.core.workspace.db().prepare('SELECT doc_number, gross_weight_kg FROM shipment ORDER BY doc_number').all();
      expect(rows).toEqual([
        { doc_number: 'MEDU9001', gross_weight_kg: 21600.5 },
        { doc_number: 'MEDU9002', gross_weight_kg: 1200 },
      ]);
    } finally {
      await app.close();
    }
  });

  it('drop and pick files, see reports and history, undo an import', async () => {
    const app = await startApp(browser);
    const { page } = app;
    try {
      await openImports(app);
      await page.getByRole('heading', { name: 'Imports', level: 2 }).waitFor();
      await app.screenshot('12-imports-empty');

      // Drag and drop: a file dropped on the zone, as the browser delivers it.
      const paxlst = readFileSync(join(FIXTURES, 'paxlst-basic.edi'), 'latin1');
      // Runs in the page (DOM types are not part of this test's compile): a DataTransfer holding the file.
      const transfer = await page.evaluateHandle(
        `(() => { const dt = new DataTransfer(); dt.items.add(new File([${JSON.stringify(paxlst)}], 'TK1023-16NOV.paxlst', { type: 'text/plain' })); return dt; })()`,
      );
      await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer: transfer });
      await page.getByText('TK1023-16NOV.paxlst imported as PAXLST').waitFor();

      // The file picker.
      await page.getByTestId('file-input').setInputFiles(join(FIXTURES, 'cuscar-basic.edi'));
      await page.getByText('cuscar-basic.edi imported as CUSCAR').waitFor();
      expect(await page.getByTestId('import-history').locator('tbody tr').count()).toBe(2);
      await app.screenshot('13-imports-reports');

      // A truncated file is refused with its code.
      await page
        .getByTestId('file-input')
        .setInputFiles({ name: 'cut.edi', mimeType: 'text/plain', buffer: readFileSync(join(FIXTURES, 'cuscar-basic.edi')).subarray(0, 400) });
      await page.getByText('cut.edi was refused').waitFor();
      await page.getByText('EDI_TRUNCATED').waitFor();

      await page.keyboard.press('Alt+1');
      await expect.poll(() => page.locator('[data-stat="shipments"] .pc-stat-value').textContent()).toBe('2');
      expect(await page.locator('[data-stat="passengers"] .pc-stat-value').textContent()).toBe('2');

      await page.keyboard.press('Alt+2');
      await page.locator('tr', { hasText: 'cuscar-basic.edi' }).getByRole('button', { name: 'Undo' }).click();
      await page.getByRole('button', { name: 'Undo' }).last().click();
      await page.locator('tr', { hasText: 'cuscar-basic.edi' }).getByText('Undone').waitFor();
      await page.getByRole('alertdialog').waitFor({ state: 'detached' });
      await app.screenshot('14-imports-undone');
      await page.keyboard.press('Alt+1');
      await expect.poll(() => page.locator('[data-stat="shipments"] .pc-stat-value').textContent()).toBe('0');
    } finally {
      await app.close();
    }
  });
});
