// On the demo workspace, scored: from a red-lane hit open the graph; find its consignee and expand it twice
// (its shipments as consignee, then all its links); a past seizure on another shipment of that consignee,
// found with its shipper: the shortest paths from the hit's shipment to that shipper; communities; size by
// betweenness; save the chart, clear it and reopen it as saved; export PNG. Then the duplicate parties:
// a search, a merge accepted (the party grid says so) and taken back.
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openDemo, startApp } from './harness.ts';

describe('graph', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('hit → graph → expand → path to a seized shipment’s party → communities → betweenness → save, reopen, PNG; duplicates', async () => {
    const app = await startApp(browser);
    const { page, core } = app;
    try {
      await openDemo(app);
      const db = core.workspace.db();
      await core.targeting.scoreNow({ full: true });

      // A red hit on a shipment whose consignee has other shipments with another shipper, one of them seized.
      const pick = db
        .prepare(
          `SELECT h.id AS hit, h.entity_id AS shipment, c.party_id AS consignee, o.shipment_id AS other, os.party_id AS shipper
           FROM target_hit h
           JOIN shipment_party c ON c.shipment_id = h.entity_id AND c.role = 'consignee'
           JOIN shipment_party o ON o.party_id = c.party_id AND o.role = 'consignee' AND o.shipment_id != h.entity_id
           JOIN shipment_party os ON os.shipment_id = o.shipment_id AND os.role = 'shipper'
           WHERE NOT EXISTS (SELECT 1 FROM shipment_party x WHERE x.shipment_id = h.entity_id AND x.party_id = os.party_id) AND h.entity = 'shipment' AND h.lane = 'red' AND h.status = 'open'
             AND (SELECT count(*) FROM shipment_party x WHERE x.party_id = c.party_id AND x.role = 'consignee') BETWEEN 3 AND 40
           ORDER BY h.id LIMIT 1`,
        )
        .get() as { hit: number; shipment: number; consignee: number; other: number; shipper: number };
      expect(pick).toBeDefined();
      const name = (id: number) => db.prepare('SELECT name FROM party WHERE id = ?').pluck().get(id) as string;
      const doc = (id: number) => db.prepare('SELECT doc_number FROM shipment WHERE id = ?').pluck().get(id) as string;
      db.prepare(
        `INSERT INTO seizure (entity, entity_id, entity_label, category, commodity, quantity, unit, concealment, detection, place, date, notes, created_by, created_at)
         VALUES ('shipment', ?, ?, 'drugs', 'cocaine', 12.5, 'kg', 'false wall', 'x-ray', 'MEBAR', '2026-10-02', 'earlier case', 'test', '2026-10-02T10:00:00Z')`,
      ).run(pick.other, doc(pick.other));

      // The red hit, opened in the graph.
      await page.goto(`${page.url().split('#')[0]}#/targeting/queue/${pick.hit}`);
      await page.getByTestId('hit-detail').waitFor();
      await page.getByTestId('open-graph').click();
      await page.getByTestId('graph-canvas').waitFor();
      const counts = page.getByTestId('graph-counts');
      await expect.poll(async () => Number((await counts.textContent())!.match(/^(\d+) nodes/)![1]), { timeout: 20_000 }).toBeGreaterThan(3);
      await app.screenshot('70-graph-from-hit');

      const nodesOnView = async () => Number((await counts.textContent())!.match(/^(\d+) nodes/)![1]);
      const find = async (text: string, node: string, additive = false) => {
        await page.getByTestId('graph-find').fill(text);
        await page.getByTestId('graph-find').press('Enter');
        await page.locator(`[data-testid="graph-found-item"][data-node="${node}"]`).click({ modifiers: additive ? ['Control'] : [] });
        await expect.poll(() => page.getByTestId('graph-inspector').textContent()).toContain(additive ? 'selected' : '');
      };

      // The consignee, expanded twice: its shipments as consignee, then all its links.
      await find(name(pick.consignee), `party:${pick.consignee}`);
      await expect.poll(() => page.getByTestId('graph-inspector').locator('h5').first().textContent()).toContain(name(pick.consignee));
      const before = await nodesOnView();
      await page.getByTestId('graph-expand-consignee_of').click();
      await expect.poll(nodesOnView).toBeGreaterThan(before);
      const once = await nodesOnView();
      await page.getByTestId('graph-expand-all').click();
      await expect.poll(nodesOnView).toBeGreaterThanOrEqual(once);
      await app.screenshot('71-graph-consignee-expanded');

      // The seized shipment's node and its seizure: expanded from the chart, with its shipper.
      await find(doc(pick.other), `shipment:${pick.other}`);
      await page.getByTestId('graph-expand-all').click();
      await expect.poll(() => core.graph.expand({ nodes: [`shipment:${pick.other}`], edges: ['seized_in'] }).edges.length).toBe(1);

      // Paths from the hit's shipment to the seized shipment's shipper.
      await find(doc(pick.shipment), `shipment:${pick.shipment}`);
      await find(name(pick.shipper), `party:${pick.shipper}`, true);
      await page.getByTestId('graph-panel-analysis').click();
      await page.getByTestId('graph-k').fill('10');
      await page.getByTestId('graph-paths').click();
      const paths = page.getByTestId('graph-path-list');
      await paths.waitFor();
      // Three steps at best (shipment → party → shipment → party); one of them through the consignee.
      const found = await paths.locator('p').allTextContents();
      expect(found.length).toBeGreaterThan(0);
      for (const p of found) {
        expect(p).toMatch(/\(3 steps\)/);
        expect(p).toContain(name(pick.shipper));
      }
      expect(found.some((p) => p.includes(name(pick.consignee)))).toBe(true);
      await app.screenshot('72-graph-path-to-seizure');

      // Communities, and size by betweenness.
      await page.getByTestId('graph-communities').click();
      await expect.poll(() => page.getByTestId('graph-analysis').textContent()).toMatch(/\d+ communities \(modularity/);
      await page.getByTestId('graph-centrality').click();
      await page.getByTestId('graph-ranked').waitFor();
      await page.getByTestId('graph-betweenness-note').waitFor();
      expect(await page.getByTestId('graph-betweenness-note').textContent()).toBe('Betweenness computed exactly.');
      await page.getByTestId('graph-size-by').selectOption('betweenness');
      await app.screenshot('73-graph-communities-betweenness');

      // Saved, cleared, reopened exactly.
      const shown = (await counts.textContent())!;
      await page.getByTestId('graph-save').click();
      await page.getByTestId('graph-chart-name').fill('Network of the red hit');
      await page.getByTestId('graph-chart-save').click();
      await expect.poll(() => page.getByTestId('graph-notice').textContent()).toContain('Saved as “Network of the red hit”');
      const saved = core.graph.charts().find((c) => c.name === 'Network of the red hit')!;
      const chart = core.graph.chart(saved.id);
      expect(chart.content.style).toMatchObject({ sizeBy: 'betweenness', colourBy: 'community' });
      expect(Object.keys(chart.content.positions).length).toBe(chart.content.nodes.length);
      await page.getByRole('button', { name: 'New chart' }).click();
      await expect.poll(nodesOnView).toBe(0);
      await page.getByTestId('graph-tab-charts').click();
      await page.getByTestId(`graph-open-chart-${saved.id}`).click();
      await expect.poll(() => counts.textContent()).toBe(shown);
      await app.screenshot('74-graph-reopened');

      // Export PNG: a real PNG file.
      const download = page.waitForEvent('download');
      await page.getByTestId('graph-export').click();
      await page.getByTestId('graph-export-png').click();
      const file = await (await download).path();
      expect(readFileSync(file).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');

      // Duplicate parties: a search, a merge and its taking back.
      await page.getByTestId('graph-tab-duplicates').click();
      await page.getByTestId('graph-find-duplicates').click();
      await page.getByTestId('graph-duplicates-done').waitFor({ timeout: 60_000 });
      const row = page.getByTestId('graph-match').first();
      await row.waitFor();
      await app.screenshot('75-graph-duplicates');
      await row.getByTestId('graph-match-accept').click();
      await expect.poll(() => db.prepare('SELECT count(*) FROM party_merge').pluck().get()).toBe(1);
      const merged = db.prepare('SELECT party_id, into_id FROM party_merge').get() as { party_id: number; into_id: number };
      // The party grid shows whom it was merged into.
      const grid = core.grids.page({
        grid: 'parties',
        sort: null,
        search: '',
        filters: { mergedInto: { kind: 'text', op: 'equals', value: name(merged.into_id) } },
        start: 0,
        limit: 10,
      });
      expect(grid.rows.map((r) => r.id)).toContain(merged.party_id);
      await page.getByTestId('graph-tab-duplicates').click();
      await page.getByLabel('Which pairs').selectOption('accepted');
      await page.getByTestId('graph-match-reopen').first().click();
      await expect.poll(() => db.prepare('SELECT count(*) FROM party_merge').pluck().get()).toBe(0);
    } finally {
      await app.close();
    }
  }, 240_000);
});
