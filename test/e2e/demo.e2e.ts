// First run → "Open demo workspace" → progress → the app opens on the demo data.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startApp } from './harness.ts';

describe('demo workspace', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('generates the demo with a progress bar and opens on its data', async () => {
    const app = await startApp(browser);
    const { page } = app;
    try {
      await page.getByRole('button', { name: 'Open demo workspace' }).click();
      await page.getByTestId('demo-progress').waitFor();
      await app.screenshot('10-demo-progress');
      await page.getByRole('heading', { name: /Demo — Bar, Belgrade, Skopje/ }).waitFor({ timeout: 60_000 });
      await expect.poll(() => page.locator('[data-stat="shipments"] .pc-stat-value').textContent(), { timeout: 15_000 }).toBe('6,000');
      expect(await page.locator('[data-stat="passengers"] .pc-stat-value').textContent()).toBe('4,000');
      await app.screenshot('11-demo-overview');
      const stats = app.core.workspace.db().prepare("SELECT count(*) AS n FROM shipment WHERE place_discharge = 'MEBAR'").get() as { n: number };
      expect(stats.n).toBe(4200);
    } finally {
      await app.close();
    }
  });
});
