// Two units in one run, each in its own workspace, switched through the UI (lock → open a different
// workspace): unit A (the demo workspace) and unit B (a new one) set up their identities and export their
// cards (downloaded by the browser); each adds the other's card and confirms its fingerprint by typing the
// digits or words shown on the other's "This unit" tab (a wrong one first, refused). A writes a case with a
// note, sends it with a shipment and a party to B (compose → plan with its counts → sign and write); B
// verifies it (dry run), receives it by path, previews it, merges it with a new case and opens the case,
// replies with feedback, sends hashed matching to A, and is refused the same package again
// (PACKAGE_DUPLICATE). A receives the reply by file upload and sees it linked both ways, then compares
// B's hashed matching set with its own records. Packages and cards travel as files in a folder of the test.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openDemo, startApp, type App } from './harness.ts';

const PASS_B = 'belgrade cargo lantern quay';
const CASE_TITLE = 'Cocaine in bananas via Bar';
/** Writes may queue behind a background job's transaction (the demo's scoring and integrity check) on a busy machine. */
const WRITE_TIMEOUT = 60_000;
const NOTE = 'Reefer seal replaced after loading; the consignee shares a phone with a known front company.';

async function goExchange(page: Page, base: string, tab: string) {
  await page.goto(`${base}#/exchange/${tab}`);
  await page.getByRole('heading', { name: 'Exchange', level: 2 }).waitFor();
}

/** Lock the open workspace and go back to the first-run screen (the recent list, create, demo). The
 * overview is left on screen, so that the next workspace opens on its own name. */
async function leaveWorkspace(page: Page, base: string) {
  await page.goto(`${base}#/overview`);
  await page.getByTestId('lock-button').click();
  await page.getByRole('button', { name: 'Open a different workspace' }).click();
  await page.getByRole('button', { name: 'Open demo workspace' }).waitFor();
}

async function openB(app: App, base: string, dir: string) {
  const { page } = app;
  await leaveWorkspace(page, base);
  // On its name: the item also holds a "remove from this list" button.
  await page
    .getByRole('menuitem', { name: /ACCU Belgrade/ })
    .getByText('ACCU Belgrade', { exact: true })
    .click();
  await page.getByLabel('Passphrase').fill(PASS_B);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('heading', { name: 'ACCU Belgrade' }).waitFor();
  expect(app.core.workspace.status()).toMatchObject({ state: 'unlocked', workspace: { dir } });
}

/** Sets up the unit's identity through the form; returns the fingerprint as shown (digits and words). */
async function setUpUnit(app: App, profile: { name: string; agency: string; country: string; type: string }, shot: string | null) {
  const { page } = app;
  await page.getByTestId('unit-setup').waitFor();
  await page.getByTestId('unit-name').fill(profile.name);
  await page.getByTestId('unit-agency').fill(profile.agency);
  await page.getByTestId('unit-country').fill(profile.country);
  await page.getByTestId('unit-type').selectOption(profile.type);
  if (shot) await app.screenshot(shot);
  await page.getByTestId('unit-save').click();
  await page.getByTestId('unit-view').waitFor({ timeout: WRITE_TIMEOUT });
  expect(await page.getByTestId('unit-profile-name').textContent()).toBe(profile.name);
  const digits = await page.getByTestId('unit-fingerprint-digits').locator('[data-group]').allTextContents();
  const words = await page
    .getByTestId('unit-fingerprint-words')
    .locator('[data-word]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-word')!));
  expect(digits).toHaveLength(6);
  for (const d of digits) expect(d).toMatch(/^\d{5}$/);
  expect(words).toHaveLength(12);
  // What the screen shows is the current key's fingerprint as the core computes it.
  const identity = app.core.exchange.identity();
  expect(digits).toEqual(identity.digits);
  expect(words).toEqual(identity.words);
  expect(identity.keys.filter((k) => k.current)).toHaveLength(1);
  return { digits, words };
}

/** "Export unit card": the browser downloads it (saved where the test says) and the text is shown. */
async function exportCard(page: Page, to: string) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('unit-card-export-button').click()]);
  expect(download.suggestedFilename()).toMatch(/\.portcullis-card\.json$/);
  await download.saveAs(to);
  const shown = await page.getByTestId('unit-card-text').inputValue();
  expect(shown).toContain('"format": "portcullis-unit-card/1"');
  expect(JSON.parse(readFileSync(to, 'utf8'))).toEqual(JSON.parse(shown));
}

/** Confirms the single pending key of the partner card on screen by typing what the partner reads out. */
async function confirmPending(page: Page, typed: string) {
  await page.locator('[data-testid="partner-key-row"][data-status="pending"]').getByTestId('partner-key-confirm').click();
  await page.getByTestId('confirm-key-dialog').waitFor();
  await page.getByTestId('confirm-typed').fill(typed);
  await page.getByTestId('confirm-submit').click();
  await page.getByTestId('confirm-key-dialog').waitFor({ state: 'detached' });
  await page.locator('[data-testid="partner-card"][data-trusted="true"]').waitFor();
  expect(await page.locator('[data-testid="partner-key-row"][data-status="trusted"]').count()).toBe(1);
}

async function compose(page: Page) {
  await page.getByTestId('package-new').click();
  await page.getByTestId('compose-form').waitFor();
}

/** Writes the package to `out`: review (the plan, checked by `check`), then sign, encrypt and write. */
async function reviewAndSend(app: App, out: string, shots: { plan: string; sent: string }, check?: (plan: Locator) => Promise<void>) {
  const { page } = app;
  await page.getByTestId('compose-out').fill(out);
  await page.getByTestId('compose-review').click();
  const plan = page.getByTestId('compose-plan');
  await plan.waitFor();
  await check?.(plan);
  await app.screenshot(shots.plan);
  await page.getByTestId('compose-send').click();
  await page.getByTestId('compose-sent').waitFor({ timeout: WRITE_TIMEOUT });
  expect(await page.getByTestId('compose-sent-file').textContent()).toBe(out);
  expect(existsSync(out)).toBe(true);
  await app.screenshot(shots.sent);
  await page.getByTestId('compose-close').click();
}

describe('exchange', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it(
    'two units: identities, cards, fingerprints by voice, a case package, preview and merge, reply, hashed matching, a duplicate refused',
    { timeout: 600_000 },
    async () => {
      const app = await startApp(browser);
      const { page, core } = app;
      const handover = join(app.root, 'handover');
      mkdirSync(handover);
      const dirB = join(app.root, 'accu-belgrade');
      try {
        // --- Unit A: the demo workspace ------------------------------------------------------------------
        await openDemo(app);
        const base = page.url().split('#')[0]!;
        await goExchange(page, base, 'unit');
        const fpA = await setUpUnit(
          app,
          { name: 'PCU Bar', agency: 'Customs Administration of Montenegro', country: 'me', type: 'PCU' },
          '100-exchange-unit-setup',
        );
        expect(core.exchange.identity().profile).toEqual({ name: 'PCU Bar', agency: 'Customs Administration of Montenegro', country: 'ME', unitType: 'PCU' });
        await exportCard(page, join(handover, 'pcu-bar.card.json'));
        await app.screenshot('101-exchange-unit-a');

        // --- Unit B: a new workspace, created through the first-run screen -------------------------------
        await leaveWorkspace(page, base);
        await page.getByRole('tab', { name: 'Create new' }).click();
        await page.getByLabel('Workspace name').fill('ACCU Belgrade');
        await page.getByLabel('Folder').fill(dirB);
        await page.getByLabel('Passphrase', { exact: true }).fill(PASS_B);
        await page.getByLabel('Repeat the passphrase').fill(PASS_B);
        await page.getByRole('button', { name: 'Create workspace' }).click();
        await page.getByRole('heading', { name: 'ACCU Belgrade' }).waitFor();
        await goExchange(page, base, 'unit');
        const fpB = await setUpUnit(app, { name: 'ACCU Belgrade', agency: 'Customs Administration of Serbia', country: 'RS', type: 'ACCU' }, null);
        expect(fpB.digits).not.toEqual(fpA.digits);
        await exportCard(page, join(handover, 'accu-belgrade.card.json'));
        await app.screenshot('102-exchange-unit-b');

        // B adds A's card from the file, then confirms it by voice: a misheard group first (refused), then right.
        await goExchange(page, base, 'partners');
        await page.getByTestId('partner-add').click();
        await page.getByTestId('card-file').setInputFiles(join(handover, 'pcu-bar.card.json'));
        const preview = page.getByTestId('card-preview');
        await preview.waitFor();
        expect(await preview.getAttribute('data-status')).toBe('new');
        expect(await page.getByTestId('card-preview-fingerprint-digits').locator('[data-group]').allTextContents()).toEqual(fpA.digits);
        await app.screenshot('103-exchange-card-preview');
        await page.getByTestId('card-add').click();
        await page.getByTestId('add-card-dialog').waitFor({ state: 'detached' });
        const cardA = page.getByTestId('partner-card');
        await cardA.waitFor();
        expect(await cardA.getAttribute('data-trusted')).toBe('false');
        expect(await cardA.getByTestId('partner-key-status').textContent()).toBe('Not confirmed');
        await page.getByTestId('partner-key-confirm').click();
        const misheard = [...fpA.digits.slice(0, 5), fpA.digits[5] === '00000' ? '11111' : '00000'].join(' ');
        await page.getByTestId('confirm-typed').fill(misheard);
        await page.getByTestId('confirm-submit').click();
        const mismatch = page.locator('[data-error-code="UNIT_FINGERPRINT_MISMATCH"]');
        await mismatch.waitFor();
        expect(await mismatch.textContent()).toContain('does not match this card');
        await app.screenshot('104-exchange-fingerprint-mismatch');
        await page.getByRole('button', { name: 'Cancel' }).click();
        expect(core.exchange.partners()[0]!.trusted).toBe(false);
        await confirmPending(page, fpA.digits.join(' '));
        await app.screenshot('105-exchange-partners-b');

        // --- Back to A: B's card pasted as text, confirmed with the words read out ------------------------
        await leaveWorkspace(page, base);
        await openDemo(app);
        await goExchange(page, base, 'partners');
        await page.getByTestId('partner-add').click();
        await page.getByTestId('card-text').fill(readFileSync(join(handover, 'accu-belgrade.card.json'), 'utf8'));
        await page.getByTestId('card-check').click();
        await page.getByTestId('card-preview').waitFor();
        await page.getByTestId('card-add').click();
        await page.getByTestId('add-card-dialog').waitFor({ state: 'detached' });
        await confirmPending(page, fpB.words.join(' '));
        const partnerB = core.exchange.partners().find((p) => p.name === 'ACCU Belgrade')!;
        expect(partnerB.trusted).toBe(true);
        await app.screenshot('106-exchange-partners-a');

        // A's case, with a notebook entry, through the Cases section.
        await page.goto(`${base}#/cases`);
        await page.getByTestId('case-new').click();
        await page.getByTestId('case-title').fill(CASE_TITLE);
        await page.getByTestId('case-summary').fill('Reefer from Guayaquil to Bar, red lane; partner to control the onward truck to Belgrade.');
        await page.getByTestId('case-owner').fill('M. Analyst');
        await page.getByTestId('case-create').click();
        const caseView = page.getByTestId('case-view');
        await caseView.waitFor();
        const caseId = Number(await caseView.getAttribute('data-case-id'));
        await page.getByTestId('case-tab-notes').click();
        await page.getByTestId('note-new').click();
        await page.getByTestId('note-editor').click();
        await page.keyboard.type(NOTE);
        await page.getByTestId('note-save').click();
        await page.getByTestId('note-card').waitFor();
        expect(core.cases.get(caseId).notes).toHaveLength(1);

        // A shipment with containers and its consignee, to send with the case.
        const pick = core.workspace
          .db()
          .prepare(
            `SELECT s.id AS shipment, s.doc_number AS doc, p.id AS party, p.name AS name FROM shipment s
           JOIN shipment_party sp ON sp.shipment_id = s.id AND sp.role = 'consignee' JOIN party p ON p.id = sp.party_id
           WHERE EXISTS (SELECT 1 FROM shipment_container sc WHERE sc.shipment_id = s.id) AND length(p.name) > 5
           ORDER BY s.id LIMIT 1`,
          )
          .get() as { shipment: number; doc: string; party: number; name: string };
        expect(pick).toBeDefined();

        // Compose: a case package to B, with the shipment and the party found by the record finder.
        await goExchange(page, base, 'outbox');
        await page.getByText('Nothing sent yet').waitFor();
        await compose(page);
        await page.getByTestId('compose-kind').selectOption('case');
        await page.locator(`[data-testid="compose-recipient"][data-partner-id="${partnerB.id}"]`).check({ force: true });
        await page.getByTestId('compose-case').selectOption(String(caseId));
        expect(await page.getByTestId('compose-subject').inputValue()).toBe(CASE_TITLE);
        await page.getByTestId('compose-body').fill('Please control the onward truck at Batrovci; details in the case.');
        await page.locator('#compose-indicators').fill('reefer seal replaced, shared phone');
        await page.locator('#compose-indicators').press('Enter');
        for (const [text, record] of [
          [pick.doc, `shipment:${pick.shipment}`],
          [pick.name, `party:${pick.party}`],
        ] as const) {
          await page.getByTestId('record-finder-input').fill(text);
          await page.getByTestId('record-finder-input').press('Enter');
          await page.locator(`[data-testid="record-finder-item"][data-record="${record}"]`).click();
          await page.locator(`[data-testid="compose-record-tag"][data-record="${record}"]`).waitFor();
        }
        await app.screenshot('107-exchange-compose');
        const pkg = join(handover, 'a-to-b-case.age');
        await reviewAndSend(app, pkg, { plan: '108-exchange-plan', sent: '109-exchange-sent' }, async (plan) => {
          const count = async (name: string) => Number(await plan.locator(`[data-count="${name}"]`).getAttribute('data-value'));
          expect(await count('shipments')).toBe(1);
          expect(await count('parties')).toBe(1);
          expect(await count('notes')).toBe(1);
          expect(await count('attachments')).toBe(0);
          expect(await page.getByTestId('plan-case').textContent()).toContain(CASE_TITLE);
          expect(await page.getByTestId('plan-recipient').textContent()).toContain(fpB.digits.join(' '));
        });
        const sentRow = page.getByTestId('package-row');
        await sentRow.waitFor();
        expect(await sentRow.getAttribute('data-status')).toBe('sent');
        expect(await sentRow.textContent()).toContain('ACCU Belgrade');

        // --- B: verify (dry run), receive by path, preview, merge with a new case, open it ---------------
        await openB(app, base, dirB);
        await goExchange(page, base, 'inbox');
        await page.getByTestId('package-receive').click();
        await page.getByTestId('receive-path').fill(pkg);
        await page.getByTestId('receive-dry-run').check({ force: true });
        await page.getByTestId('receive-submit').click();
        await page.getByTestId('receive-verified').waitFor();
        expect(await page.getByTestId('receive-verified').textContent()).toContain('PCU Bar (ME)');
        expect(core.exchange.packages('in')).toHaveLength(0);
        await app.screenshot('110-exchange-receive-verified');
        await page.getByTestId('receive-dry-run').uncheck({ force: true });
        await page.getByTestId('receive-submit').click();
        await page.getByTestId('receive-dialog').waitFor({ state: 'detached', timeout: WRITE_TIMEOUT });
        const detail = page.getByTestId('package-detail');
        await detail.waitFor();
        const receivedId = Number(await detail.getAttribute('data-package-id'));
        expect(await page.getByTestId('package-subject').textContent()).toBe(CASE_TITLE);
        expect(await page.getByTestId('package-sender').textContent()).toContain(fpA.digits.join(' '));
        expect(await detail.getByTestId('tlp-badge').first().textContent()).toBe('TLP:AMBER');
        const records = page.getByTestId('preview-record');
        await expect.poll(() => records.count()).toBe(2);
        for (const r of await records.all()) {
          expect(await r.getAttribute('data-status')).toBe('new');
          expect(await r.getByTestId('preview-record-check').isChecked()).toBe(true);
        }
        expect(await page.getByTestId('package-case-title').textContent()).toBe(CASE_TITLE);
        expect(await page.getByTestId('package-note').textContent()).toContain(NOTE);
        await app.screenshot('111-exchange-preview');
        await page.getByTestId('merge-create-case').check({ force: true });
        await page.getByTestId('merge-submit').click();
        await page.getByTestId('merge-result').waitFor({ timeout: WRITE_TIMEOUT });
        expect(await page.getByTestId('merge-result').textContent()).toContain('Merged: 2.');
        await expect.poll(() => page.getByTestId('package-status').textContent()).toBe('Merged');
        await expect.poll(() => page.locator('[data-testid="preview-record"][data-merged="true"]').count()).toBe(2);
        await expect.poll(() => page.locator(`[data-testid="package-row"][data-package-id="${receivedId}"]`).getAttribute('data-status')).toBe('merged');
        await page.getByTestId('merge-result').scrollIntoViewIfNeeded();
        await app.screenshot('112-exchange-merged');
        await page.getByTestId('merge-open-case').click();
        await page.getByTestId('case-view').waitFor();
        expect(await page.getByTestId('case-heading').textContent()).toBe(CASE_TITLE);
        await page.getByTestId('case-tab-notes').click();
        await page.getByTestId('note-card').filter({ hasText: NOTE }).waitFor();
        await app.screenshot('113-exchange-case-opened');
        const bCase = core.cases.list({ offset: 0, limit: 10 }).cases.find((c) => c.title === CASE_TITLE)!;
        expect(bCase.tags).toContain('from:ME');

        // B replies with feedback (the sender is the recipient, the subject "Re: …").
        await page.goto(`${base}#/exchange/inbox/${receivedId}`);
        await page.getByTestId('package-reply').click();
        await page.getByTestId('compose-form').waitFor();
        expect(await page.getByTestId('compose-kind').inputValue()).toBe('feedback');
        expect(await page.getByTestId('compose-subject').inputValue()).toBe(`Re: ${CASE_TITLE}`);
        expect(await page.locator('[data-testid="compose-recipient"]').first().isChecked()).toBe(true);
        await page.getByTestId('compose-action').fill('Truck examined at Batrovci, x-ray and dogs');
        await page.getByTestId('compose-result').selectOption('positive');
        await page.getByTestId('compose-body').fill('34 kg of cocaine in the banana boxes behind the cooling unit.');
        const reply = join(handover, 'b-to-a-feedback.age');
        await reviewAndSend(app, reply, { plan: '114-exchange-reply-plan', sent: '115-exchange-reply-sent' });

        // B sends hashed matching of what it now holds (the merged shipment's containers and parties).
        await goExchange(page, base, 'matching');
        expect(await page.getByTestId('matching-explain').textContent()).toContain('never the identifiers themselves');
        const matchFile = join(handover, 'b-to-a-match.age');
        await page.getByTestId('matching-out').fill(matchFile);
        await page.getByTestId('matching-send').click();
        await page.getByTestId('matching-sent').waitFor({ timeout: WRITE_TIMEOUT });
        expect(Number(await page.getByTestId('matching-sent').getAttribute('data-hashes'))).toBeGreaterThanOrEqual(2);
        expect(await page.getByTestId('matching-sent-file').textContent()).toBe(matchFile);
        await app.screenshot('116-exchange-matching-sent');

        // The same package again: refused, and said so plainly.
        await goExchange(page, base, 'inbox');
        await page.getByTestId('package-receive').click();
        await page.getByTestId('receive-path').fill(pkg);
        await page.getByTestId('receive-submit').click();
        const refused = page.getByTestId('receive-refused');
        await refused.waitFor();
        expect(await refused.locator('[data-error-code]').getAttribute('data-error-code')).toBe('PACKAGE_DUPLICATE');
        expect(await refused.textContent()).toContain('This package has already been received.');
        await app.screenshot('117-exchange-duplicate-refused');
        expect(core.exchange.packages('in')).toHaveLength(1);

        // --- A: the reply by file upload, linked both ways; then B's hashed matching compared ------------
        await leaveWorkspace(page, base);
        await openDemo(app);
        await goExchange(page, base, 'inbox');
        await page.getByTestId('package-receive').click();
        await page.getByTestId('receive-file').setInputFiles(reply);
        await page.getByTestId('receive-submit').click();
        await page.getByTestId('receive-dialog').waitFor({ state: 'detached', timeout: WRITE_TIMEOUT });
        await page.getByTestId('package-detail').waitFor();
        expect(await page.getByTestId('package-feedback').textContent()).toContain('Truck examined at Batrovci');
        expect(await page.getByTestId('package-result').textContent()).toBe('Positive (found)');
        expect(await page.getByTestId('package-answers').textContent()).toContain(CASE_TITLE);
        expect(await page.getByTestId('package-in-reply-to').textContent()).toContain(CASE_TITLE);
        await app.screenshot('118-exchange-inbox-reply');
        await page.getByTestId('package-answers-link').click();
        await page.locator('[data-testid="package-detail"][data-direction="out"]').waitFor();
        expect(await page.getByTestId('package-replies-list').textContent()).toContain(`Re: ${CASE_TITLE}`);
        expect(await page.getByTestId('package-replies').first().getAttribute('data-replies')).toBe('1');
        expect(core.exchange.packages('out')[0]!.replies).toHaveLength(1);

        await goExchange(page, base, 'inbox');
        await page.getByTestId('package-receive').click();
        await page.getByTestId('receive-path').fill(matchFile);
        await page.getByTestId('receive-submit').click();
        await page.getByTestId('receive-dialog').waitFor({ state: 'detached', timeout: WRITE_TIMEOUT });
        // The hashes are counted, never listed.
        expect(await page.getByTestId('package-message').textContent()).toMatch(/Keyed hashes in this set: [1-9]/);
        expect(await page.getByTestId('package-message').textContent()).not.toMatch(/[0-9a-f]{64}/);
        await page.getByTestId('match-compare-button').click();
        const result = page.getByTestId('match-result');
        await result.waitFor();
        expect(Number(await result.getAttribute('data-overlaps'))).toBeGreaterThanOrEqual(2);
        expect(await result.textContent()).toContain(pick.name);
        await result.scrollIntoViewIfNeeded();
        await app.screenshot('119-exchange-match-compare');
      } finally {
        await app.close();
      }
    },
  );
});
