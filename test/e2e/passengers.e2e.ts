// On the demo workspace: the passengers grid counts every passenger, filters on crew and lets go of the
// filter, finds a surname by quick search, and opens the passenger's record with its flight, booking
// and itinerary; a co-traveller's link opens theirs.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openDemo, startApp } from './harness.ts';

describe('passengers', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('grid, crew filter, surname search, passenger record, co-traveller', async () => {
    const app = await startApp(browser);
    const { page } = app;
    try {
      await openDemo(app);
      const db = app.core.workspace.db();
      const count = (sql: string, ...p: unknown[]) => (db.prepare(sql).get(...p) as { n: number }).n;
      const rows = (n: number) => `Rows: ${n.toLocaleString('en')}`;

      await page
        .getByRole('link', { name: 'Passengers' })
        .or(page.getByRole('button', { name: 'Passengers' }))
        .first()
        .click();
      const total = page.getByTestId('grid-total');
      const everyone = count('SELECT count(*) AS n FROM passenger');
      expect(everyone).toBeGreaterThan(0);
      await expect.poll(() => total.textContent()).toBe(rows(everyone));
      await page.locator('.ag-row .pc-grid-link').first().waitFor();

      // Crew only, then everyone again.
      await page.getByTestId('add-filter').click();
      await page.getByTestId('filter-column-crew').click();
      await page.getByTestId('filter-editor').locator('select').selectOption('true');
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.getByTestId('filter-chip-crew').waitFor();
      await expect.poll(() => total.textContent()).toBe(rows(count('SELECT count(*) AS n FROM passenger WHERE is_crew = 1')));
      await page.getByTestId('filter-chip-crew').locator('button').click();
      await page.getByTestId('filter-chip-crew').waitFor({ state: 'detached' });
      await expect.poll(() => total.textContent()).toBe(rows(everyone));

      // A surname whose first search hit travels with others, so that the co-traveller link can be followed.
      const search = (surname: string) => app.core.grids.page({ grid: 'passengers', filters: {}, search: surname, sort: null, start: 0, limit: 1 });
      const candidates = (
        db
          .prepare(
            `SELECT DISTINCT p.surname FROM booking_passenger bp JOIN booking_passenger o ON o.booking_id = bp.booking_id AND o.passenger_id <> bp.passenger_id
             JOIN passenger p ON p.id = bp.passenger_id ORDER BY p.id LIMIT 50`,
          )
          .all() as { surname: string }[]
      ).map((r) => r.surname);
      const hasCompany = (id: number) =>
        count(
          `SELECT count(*) AS n FROM booking_passenger bp JOIN booking_passenger o ON o.booking_id = bp.booking_id AND o.passenger_id <> bp.passenger_id WHERE bp.passenger_id = ?`,
          id,
        ) > 0;
      const surname = candidates.find((s) => {
        const first = search(s).rows[0];
        return first !== undefined && hasCompany(first.id);
      });
      expect(surname).toBeDefined();
      const hits = search(surname!);
      await page.getByTestId('grid-search').fill(surname!);
      await expect.poll(() => total.textContent()).toBe(rows(hits.total!));
      const firstId = hits.rows[0]!.id;

      // Open the first row by its surname link.
      await expect.poll(() => page.locator('.ag-row[row-index="0"] .pc-grid-link').textContent()).toBe(hits.rows[0]!['surname']);
      await page.locator('.ag-row[row-index="0"] .pc-grid-link').click();
      const drawer = page.getByTestId('record-drawer');
      const view = drawer.getByTestId('passenger-view');
      await view.waitFor();
      expect(await drawer.getAttribute('data-ref')).toBe(`passenger:${firstId}`);
      await expect.poll(() => view.locator('h3').textContent()).toContain(surname!);
      // Its flight, its booking with the itinerary in order, and the leg the passenger list puts it on.
      expect(await view.getByTestId('passenger-flights').locator('tbody tr').count()).toBe(
        count('SELECT count(*) AS n FROM passenger_flight WHERE passenger_id = ?', firstId),
      );
      const booking = view.getByTestId('passenger-booking').first();
      const locator = (
        db
          .prepare(
            'SELECT b.record_locator AS l FROM booking_passenger bp JOIN booking b ON b.id = bp.booking_id WHERE bp.passenger_id = ? ORDER BY b.booking_date, b.id',
          )
          .get(firstId) as { l: string }
      ).l;
      expect(await booking.getAttribute('data-locator')).toBe(locator);
      const legs = booking.getByTestId('itinerary-segment');
      const legCount = count(
        'SELECT count(*) AS n FROM itinerary_segment WHERE booking_id = (SELECT b.id FROM booking b WHERE b.record_locator = ? LIMIT 1)',
        locator,
      );
      expect(await legs.count()).toBe(legCount);
      expect(await legs.locator('td:first-child').allTextContents()).toEqual(Array.from({ length: legCount }, (_, i) => String(i + 1)));
      expect(await booking.locator('[data-testid="itinerary-segment"][data-current]').count()).toBeGreaterThanOrEqual(1);
      await legs.last().scrollIntoViewIfNeeded();
      await app.screenshot('40-passenger-record');

      // Follow a co-traveller: their record opens on top, and Back returns to the first.
      const mates = view.getByTestId('passenger-cotravellers').locator('[data-testid="record-link"][data-ref^="passenger:"]');
      if ((await mates.count()) > 0) {
        const ref = await mates.first().getAttribute('data-ref');
        await mates.first().click();
        await expect.poll(() => drawer.getAttribute('data-ref')).toBe(ref);
        await drawer.getByTestId('passenger-view').waitFor();
        expect(await drawer.getAttribute('data-depth')).toBe('2');
        // The first passenger is among the co-traveller's co-travellers.
        await drawer.getByTestId('passenger-cotravellers').locator(`[data-ref="passenger:${firstId}"]`).waitFor();
        await app.screenshot('41-passenger-cotraveller');
        await drawer.getByTestId('record-back').click();
        await expect.poll(() => drawer.getAttribute('data-ref')).toBe(`passenger:${firstId}`);
      }
    } finally {
      await app.close();
    }
  });
});
