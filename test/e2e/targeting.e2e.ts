// On the demo workspace: a full scoring run from the review queue → the red list → a hit's explanation →
// select for inspection → a positive outcome with its seizure → the profile statistics count it; a dismissal
// needs a reason; a profile gets a rule from the visual builder, its text form follows (and the builder
// follows the text), a rule naming what does not exist is refused with its problem, the draft is
// backtested beside the saved version and saved as a new version; a watchlist gets entries.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCondition, type RuleSyntaxError } from '../../shared/domain/rule-text.ts';
import type { Explanation } from '../../shared/domain/targeting.ts';
import { launchBrowser, openDemo, startApp } from './harness.ts';

describe('targeting', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('score, red list, explanation, inspection, seizure, statistics, rule builder, backtest', async () => {
    const app = await startApp(browser);
    const { page, core } = app;
    try {
      await openDemo(app);
      const db = core.workspace.db();
      const count = (sql: string, ...p: unknown[]) => (db.prepare(sql).get(...p) as { n: number }).n;

      await page
        .getByRole('navigation', { name: 'Sections' })
        .getByRole('button', { name: /^Targeting/ })
        .click();
      await page.getByRole('heading', { name: 'Targeting', level: 2 }).waitFor();
      await page.getByTestId('queue-tab').waitFor();

      // A full scoring run, started from the queue, followed to its end.
      await page.getByTestId('score-full').click();
      await page.getByTestId('score-done').waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('score-done').textContent()).toMatch(/^Scored [\d,]+ records: [\d,]+ hits/);
      const red = count(`SELECT count(*) AS n FROM target_hit WHERE lane = 'red' AND status = 'open'`);
      expect(red).toBeGreaterThan(0);
      await expect.poll(() => page.getByTestId('lane-chip-red').textContent()).toBe(`Red${red.toLocaleString('en')}`);

      // The red list: every row red, the highest score first.
      await page.getByTestId('lane-chip-red').click();
      await expect.poll(() => page.getByTestId('queue-total').textContent()).toContain(`of ${red.toLocaleString('en')}`);
      const rows = page.getByTestId('hit-row');
      expect(new Set(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-lane'))))).toEqual(new Set(['red']));
      await app.screenshot('50-targeting-red-list');

      // Open the first hit whose rules read facts, and read its explanation.
      const ids = (await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-hit-id'))))).slice(0, 50);
      const hitId = ids.find((id) => {
        const h = core.targeting.hit(id);
        return h.entity === 'shipment' && h.explanation.rules.some((r) => r.values.length > 0);
      })!;
      expect(hitId).toBeDefined();
      const hit = core.targeting.hit(hitId);
      await page.locator(`[data-testid="hit-row"][data-hit-id="${hitId}"]`).click();
      const detail = page.getByTestId('hit-detail');
      await expect.poll(() => detail.getAttribute('data-hit-id')).toBe(String(hitId));
      expect(await detail.getByTestId('hit-label').textContent()).toBe(hit.label);
      const explained: Explanation = hit.explanation;
      const rule = explained.rules.find((r) => r.values.some((v) => typeof v.value === 'number')) ?? explained.rules.find((r) => r.values.length > 0)!;
      const fact = rule.values.find((v) => typeof v.value === 'number') ?? rule.values[0]!;
      const ruleBox = detail.locator(`[data-testid="hit-rule"][data-rule="${rule.rule}"]`).first();
      await ruleBox.waitFor();
      expect(await ruleBox.textContent()).toContain(`${rule.profile}, version ${rule.version}`);
      const shown = typeof fact.value === 'number' ? fact.value.toLocaleString('en') : fact.value === true ? 'yes' : String(fact.value);
      expect(await ruleBox.locator(`[data-testid="hit-fact"][data-field="${fact.field}"] [data-testid="fact-value"]`).textContent()).toBe(shown);
      expect(await detail.getByTestId('hit-rule').count()).toBe(explained.rules.length);
      await app.screenshot('51-targeting-hit-explanation');

      // The record opens in the drawer, with its Targeting block.
      await detail.getByTestId('open-record').click();
      const drawer = page.getByTestId('record-drawer');
      await drawer.getByTestId('shipment-view').waitFor();
      await drawer.locator(`[data-testid="record-hit"][data-lane="red"][data-status="open"]`).waitFor();
      await app.screenshot('52-targeting-record-block');
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'detached' });

      // Select for inspection, then record a positive outcome with its seizure.
      await detail.getByTestId('decide-inspect').click();
      await detail.locator('[data-testid="hit-decision"][data-decision="inspect"]').waitFor();
      await detail.getByTestId('outcome-positive').click();
      const form = detail.getByTestId('seizure-form');
      await form.getByTestId('seizure-commodity').fill('cocaine');
      await form.getByTestId('seizure-quantity').fill('42.5');
      await form.getByTestId('seizure-concealment').selectOption('rip_on_rip_off');
      await form.getByTestId('seizure-detection').selectOption('x_ray');
      await form.getByTestId('seizure-place').fill('MEBAR');
      await form.getByTestId('seizure-notes').fill('Bags behind the doors of the reefer.');
      await app.screenshot('53-targeting-seizure-form');
      await form.getByTestId('seizure-save').click();
      await detail.locator('[data-testid="hit-outcome"][data-outcome="positive"]').waitFor();
      await expect.poll(() => detail.getByTestId('seizure-row').count()).toBe(1);
      expect(await detail.getByTestId('seizure-row').textContent()).toContain('Rip-on/rip-off');
      expect(db.prepare('SELECT decision, outcome FROM target_hit WHERE id = ?').get(hitId)).toEqual({ decision: 'inspect', outcome: 'positive' });
      expect(db.prepare('SELECT commodity, quantity, unit, concealment, detection FROM seizure WHERE hit_id = ?').get(hitId)).toEqual({
        commodity: 'cocaine',
        quantity: 42.5,
        unit: 'kg',
        concealment: 'rip_on_rip_off',
        detection: 'x_ray',
      });
      await app.screenshot('54-targeting-outcome');

      // A decided hit leaves the open list; dismissing another one needs a reason.
      await expect.poll(() => page.locator(`[data-testid="hit-row"][data-hit-id="${hitId}"]`).count()).toBe(0);
      const other = Number(await rows.first().getAttribute('data-hit-id'));
      await rows.first().click();
      await expect.poll(() => detail.getAttribute('data-hit-id')).toBe(String(other));
      await detail.getByTestId('decide-dismiss').click();
      expect(await detail.getByTestId('dismiss-confirm').isDisabled()).toBe(true);
      await detail.getByTestId('dismiss-reason').fill('Known regular trader; checked last week.');
      await detail.getByTestId('dismiss-confirm').click();
      await detail.locator('[data-testid="hit-decision"][data-decision="dismiss"]').waitFor();
      expect(db.prepare('SELECT decision, reason FROM target_hit WHERE id = ?').get(other)).toEqual({
        decision: 'dismiss',
        reason: 'Known regular trader; checked last week.',
      });

      // Controls and statistics: the profiles behind the seized hit count the selection and the positive.
      await page.getByRole('tab', { name: 'Controls and statistics' }).click();
      await page.getByTestId('stats-table').waitFor();
      const stats = core.targeting.stats();
      for (const name of new Set(explained.rules.map((r) => r.profile))) {
        const s = stats.find((p) => p.profile === name)!;
        expect(s.selected).toBeGreaterThanOrEqual(1);
        expect(s.positive).toBe(1);
        expect(s.seizures).toBe(1);
        const row = page.locator(`[data-testid="stats-profile"][data-profile="${name}"]`);
        expect(await row.getByTestId('stats-selected').textContent()).toBe(s.selected.toLocaleString('en'));
        expect(await row.getByTestId('stats-positive').textContent()).toBe('1');
        expect(await row.getByTestId('stats-seizures').textContent()).toBe('1');
      }
      await page.getByTestId('seizure-table').getByText('cocaine').waitFor();
      await page.getByTestId('lane-controls').locator('[data-testid="control-row"][data-office="*"]').waitFor();
      await app.screenshot('55-targeting-controls-statistics');

      // Profiles: a rule built in the builder, read in the text form, and the other way round.
      await page.getByRole('tab', { name: 'Profiles' }).click();
      const profileName = 'Sea cargo: cocaine';
      const before = core.targeting.store.profileByName(profileName);
      await page.locator(`[data-testid="profile-row"][data-profile="${profileName}"]`).click();
      const editor = page.getByTestId('profile-editor');
      await expect.poll(() => editor.getAttribute('data-profile')).toBe(profileName);
      expect(await editor.getByTestId('rule-editor').count()).toBe(before.rules.length);
      await app.screenshot('56-targeting-profile-editor');
      await editor.getByTestId('rule-add').click();
      const ruleEditor = editor.getByTestId('rule-editor').last();
      await ruleEditor.getByTestId('rule-name').fill('Bananas');
      const builder = ruleEditor.getByTestId('condition-builder');
      await builder.getByTestId('cond-field').selectOption('goods');
      await builder.getByTestId('cond-op').selectOption('contains');
      await builder.getByTestId('cond-value').fill('banana');
      const text = ruleEditor.getByTestId('rule-text');
      await expect.poll(() => text.inputValue()).toBe('goods contains "banana"');
      const centre = () => ruleEditor.evaluate((e) => e.scrollIntoView({ block: 'center' }));
      await centre();
      await app.screenshot('57-targeting-rule-builder');

      // The text form drives the builder: a group of two conditions.
      await text.fill('goods contains "banana" and grossWeightKg >= 20000');
      await builder.locator('[data-testid="cb-group"][data-kind="all"]').waitFor();
      const leaves = builder.getByTestId('cb-leaf');
      await expect.poll(() => leaves.count()).toBe(2);
      expect(await leaves.nth(1).getByTestId('cond-field').inputValue()).toBe('grossWeightKg');
      expect(await leaves.nth(1).getByTestId('cond-op').inputValue()).toBe('range');
      expect(await leaves.nth(1).getByTestId('cond-min').inputValue()).toBe('20000');

      // Text that does not read shows where it fails, keeps the text, and leaves the builder as it was.
      const broken = 'goods contains "banana" and grossWeightKg >=';
      const failure = (() => {
        try {
          parseCondition(broken);
        } catch (err) {
          return err as RuleSyntaxError;
        }
        throw new Error('the broken text parsed');
      })();
      await text.fill(broken);
      const syntax = ruleEditor.getByTestId('rule-text-error');
      await syntax.waitFor();
      expect(await syntax.getAttribute('data-offset')).toBe(String(failure.offset));
      expect(await syntax.textContent()).toContain(`Line 1, column ${failure.offset + 1}: ${failure.message}`);
      expect(await text.inputValue()).toBe(broken);
      expect(await leaves.count()).toBe(2);
      expect(await editor.getByTestId('profile-save').isDisabled()).toBe(true);
      await centre();
      await app.screenshot('58-targeting-rule-syntax-error');

      // Back to a valid text; the builder's edit reprints it.
      await text.fill('goods contains "banana" and grossWeightKg >= 20000');
      await syntax.waitFor({ state: 'detached' });
      await leaves.nth(1).getByTestId('cond-min').fill('15000');
      await expect.poll(() => text.inputValue()).toBe('goods contains "banana" and grossWeightKg >= 15000');

      // Tried on the latest records before saving.
      await ruleEditor.getByTestId('rule-test').click();
      await expect.poll(() => ruleEditor.getByTestId('rule-test-result').textContent()).toMatch(/^Tested [\d,]+ records: [\d,]+ hits\.$/);
      await centre();
      await app.screenshot('58b-targeting-rule-test');

      // Backtest: the saved version and the draft side by side.
      await editor.getByRole('tab', { name: 'Backtest' }).click();
      await editor.getByTestId('backtest-run-both').click();
      const results = editor.getByTestId('backtest-results');
      await results.getByTestId('backtest-col-draft').waitFor({ timeout: 60_000 });
      await results.getByTestId('backtest-col-saved').waitFor({ timeout: 60_000 });
      expect(await results.getByTestId('backtest-col-saved').textContent()).toContain(`Saved version ${before.version}`);
      const records = await results.getByTestId('backtest-row-records').locator('td').allTextContents();
      expect(records).toHaveLength(2);
      expect(records[0]).toBe(records[1]);
      expect(Number(records[0]!.replace(/,/g, ''))).toBeGreaterThan(0);
      await results.getByTestId('backtest-row-precision').waitFor();
      await app.screenshot('59-targeting-backtest');

      // A rule that names an indicator that does not exist is refused, with the problem shown.
      await editor.getByRole('tab', { name: /^Profile and rules/ }).click();
      await text.fill('goods contains "banana" and indicator banana_boat');
      await editor.getByTestId('profile-save').click();
      const problems = editor.getByTestId('problems');
      await problems.waitFor();
      expect(await problems.getAttribute('data-error-code')).toBe('TARGETING_INVALID_RULE');
      expect(await problems.getByTestId('problem').allTextContents()).toContain('Bananas: There is no indicator "banana_boat".');
      await app.screenshot('60-targeting-save-refused');

      // Fixed and saved as a new version, with its history.
      await text.fill('goods contains "banana" and grossWeightKg >= 15000');
      await editor.getByTestId('profile-save').click();
      await expect.poll(() => core.targeting.store.profileByName(profileName).version).toBe(before.version + 1);
      const saved = core.targeting.store.profileByName(profileName);
      expect(saved.rules.at(-1)).toEqual({
        name: 'Bananas',
        description: '',
        weight: 10,
        condition: {
          all: [
            { field: 'goods', op: 'contains', value: 'banana' },
            { field: 'grossWeightKg', op: 'range', min: 15000, max: null },
          ],
        },
      });
      await editor.getByTestId('profile-dirty').waitFor({ state: 'detached' });
      await editor.getByRole('tab', { name: 'History' }).click();
      await expect.poll(() => editor.getByTestId('history-row').first().textContent()).toContain('rule "Bananas" added (weight 10)');
      await app.screenshot('61-targeting-history');

      // A watchlist gets two entries pasted, one of them already there only once.
      await page.getByRole('tab', { name: 'Watchlists and lists' }).click();
      await page.getByTestId('watchlist-row').first().click();
      const entries = page.getByTestId('watchlist-entries');
      await entries.getByTestId('watchlist-paste').fill('Banana Boat Trading d.o.o.\nBanana Boat Trading d.o.o.\nOcean Fresh Fruits S.A.');
      await entries.getByTestId('watchlist-add').click();
      await expect.poll(() => entries.getByTestId('entry-row').count()).toBe(2);
      expect(await entries.getByTestId('watchlist-added').textContent()).toBe('Added 2; skipped 1 already on the list.');
      await entries.getByTestId('entry-remove').first().click();
      await expect.poll(() => entries.getByTestId('entry-row').count()).toBe(1);
      await entries.getByTestId('entry-table').evaluate((e) => e.scrollIntoView({ block: 'end' }));
      await app.screenshot('62-targeting-watchlists');

      // Reference lists: one item per line.
      await page.locator('[data-testid="list-row"][data-list="High-risk origins"]').click();
      const items = page.getByTestId('list-editor').getByTestId('list-items');
      expect((await items.inputValue()).split('\n')).toEqual(core.targeting.store.lists().find((l) => l.name === 'High-risk origins')!.items);
      await items.fill(`${await items.inputValue()}\nSR\n\nGY`);
      await page.getByTestId('list-editor').getByTestId('list-save').click();
      await expect
        .poll(
          () =>
            core.targeting.store
              .lists()
              .find((l) => l.name === 'High-risk origins')!
              .items.filter((i) => i === 'SR').length,
        )
        .toBe(1);
      await page.getByTestId('list-editor').evaluate((e) => e.scrollIntoView({ block: 'center' }));
      await app.screenshot('62b-targeting-reference-lists');

      // The queue in the other language and the light theme: lanes read the same.
      await page.keyboard.press('Alt+0');
      await page.getByLabel('Language').selectOption('hbs');
      await page.getByText('Svijetla').click();
      await page.keyboard.press('Alt+5');
      await page.getByRole('tab', { name: 'Red za pregled' }).click();
      await expect.poll(() => page.getByTestId('lane-chip-yellow').textContent()).toMatch(/^Žuta/);
      await page.getByTestId('hit-row').first().click();
      await page.getByTestId('hit-detail').getByTestId('hit-rule').first().waitFor();
      await app.screenshot('63-targeting-queue-hbs-light');
    } finally {
      await app.close();
    }
  });
});
