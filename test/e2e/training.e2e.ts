// Training mode through the UI, trainer and trainee in one run, switched by locking (as in a classroom
// where the trainer's laptop also serves as a trainee's). The trainer (the demo workspace) is told that
// authoring needs the unit's identity, sets it up, authors a small seaport exercise, follows the job to
// the pack and reveals the answer key. A trainee opens the pack into a new training workspace (TRAINING
// on every screen and printed report), imports the cargo report through the exercise's files, selects
// two true targets (one from the form citing an indicator, one from the shipment's record view) and a
// false one, and submits after confirming. Back as the trainer: the submission is received and scored,
// the leaderboard shows precision 2/3, the trainee's results show hits, the false alarm and the misses
// with their indicators, and both debriefs print; the trainer's signed answer key, opened in the trainee's
// workspace after submitting, reveals the ground truth there.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openDemo, SCREENSHOT_DIR, startApp } from './harness.ts';
import { pdfText } from './pdf-text.ts';

const TITLE = 'Seaport drill — reefers via the hubs';
const TRAINEE = 'Ana Kovač';
const PASS_T = 'trainee harbour lantern seven';
/** Writes may queue behind the demo's background jobs on a busy machine; authoring runs a generator. */
const WRITE_TIMEOUT = 60_000;
const JOB_TIMEOUT = 240_000;

const norm = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');

async function leaveWorkspace(page: Page, base: string) {
  await page.goto(`${base}#/overview`);
  await page.getByTestId('lock-button').click();
  await page.getByRole('button', { name: 'Open a different workspace' }).click();
  await page.getByRole('button', { name: 'Open demo workspace' }).waitFor();
}

describe('training', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('trainer authors an exercise, a trainee opens it, imports, selects and submits, the trainer scores and debriefs', { timeout: 900_000 }, async () => {
    const app = await startApp(browser);
    const { page, core } = app;
    const handover = join(app.root, 'handover');
    mkdirSync(handover);
    const packFile = join(handover, 'seaport-drill.pcexercise');
    const submissionFile = join(handover, 'ana-kovac.pcsubmission');
    const traineeDir = join(app.root, 'training-ana');
    try {
      // --- Trainer: the demo workspace, no unit identity yet -------------------------------------------
      await openDemo(app);
      const base = page.url().split('#')[0]!;
      await page.goto(`${base}#/training`);
      await page.getByTestId('trainer-view').waitFor();
      expect(await page.getByTestId('training-banner').count()).toBe(0);
      await page.getByTestId('training-no-unit').waitFor();
      expect(await page.getByTestId('training-no-unit').textContent()).toContain('signed with this unit’s key');
      await app.screenshot('120-training-unit-needed');
      await page.getByTestId('training-setup-unit').click();
      await page.getByTestId('unit-setup').waitFor();
      await page.getByTestId('unit-name').fill('PCU Bar Training Cell');
      await page.getByTestId('unit-agency').fill('Customs Administration of Montenegro');
      await page.getByTestId('unit-country').fill('ME');
      await page.getByTestId('unit-save').click();
      await page.getByTestId('unit-view').waitFor({ timeout: WRITE_TIMEOUT });

      // --- Author a small seaport exercise and follow the job to the pack ------------------------------
      await page.goto(`${base}#/training`);
      await page.getByTestId('trainer-view').waitFor();
      expect(await page.getByTestId('training-no-unit').count()).toBe(0);
      await page.getByTestId('training-author-open').click();
      await page.getByTestId('author-form').waitFor();
      await page.getByTestId('author-title').fill(TITLE);
      await page.getByTestId('author-template').selectOption('seaport');
      await page.getByTestId('author-size').fill('200');
      await page.getByTestId('author-targets').fill('6');
      await page.getByTestId('author-time').fill('30');
      await page.getByTestId('author-difficulty-introductory').check({ force: true });
      // Every seaport scheme offered, all checked; one left out.
      const schemes = page.getByTestId('author-scheme');
      expect(await schemes.count()).toBe(5);
      await page.locator('[data-testid="author-scheme"][data-scheme="cigarettes_underdeclared"]').uncheck({ force: true });
      await page.getByTestId('author-instructions').fill('Import the cargo report, work the manifest and select the bills of lading you would control.');
      await page.getByTestId('author-objectives').fill('Find the reefers routed through risk hubs\nCite the indicators you saw');
      expect(Number(await page.getByTestId('author-seed').inputValue())).toBeGreaterThanOrEqual(0);
      await page.getByTestId('author-seed').fill('4242');
      await page.getByTestId('author-out').fill(packFile);
      await app.screenshot('121-training-author-form');
      await page.getByTestId('author-submit').click();
      await page.getByTestId('author-done').waitFor({ timeout: JOB_TIMEOUT });
      expect(await page.getByTestId('author-file').textContent()).toBe(packFile);
      expect(existsSync(packFile)).toBe(true);
      await app.screenshot('122-training-pack-ready');
      await page.getByTestId('author-open').click();
      const detail = page.getByTestId('exercise-detail');
      await detail.waitFor();
      expect(await page.getByTestId('exercise-title').textContent()).toBe(TITLE);
      expect(await page.getByTestId('exercise-file').textContent()).toBe(packFile);

      // The answer key stays hidden until asked for; then two targets are read off the screen.
      expect(await page.getByTestId('answer-target').count()).toBe(0);
      await page.getByTestId('answer-reveal').check({ force: true });
      const targetRows = page.locator('[data-testid="answer-target"][data-entity="shipment"]');
      await targetRows.first().waitFor();
      const targets = await targetRows.evaluateAll((rows) => rows.map((r) => ({ ref: r.getAttribute('data-ref')!, scheme: r.getAttribute('data-scheme')! })));
      const targetCount = Number(await page.getByTestId('exercise-targets').textContent());
      expect(targets.length).toBe(targetCount);
      expect(targets.length).toBeGreaterThanOrEqual(3);
      const [first, second] = targets as [{ ref: string; scheme: string }, { ref: string; scheme: string }];
      const firstIndicators = await page.locator(`[data-testid="answer-scheme"][data-scheme="${first.scheme}"] li`).allTextContents();
      expect(firstIndicators.length).toBeGreaterThan(0);
      await page.getByTestId('answer-key').scrollIntoViewIfNeeded();
      await app.screenshot('123-training-answer-key');

      // --- Trainee: the pack opened into a new training workspace ---------------------------------------
      await leaveWorkspace(page, base);
      await page.getByRole('tab', { name: 'Open an exercise pack' }).click();
      await page.getByTestId('pack-path').fill(packFile);
      await page.getByTestId('pack-trainee').fill(TRAINEE);
      await page.getByTestId('pack-dir').fill(traineeDir);
      await page.getByTestId('pack-passphrase').fill(PASS_T);
      await page.getByTestId('pack-confirm').fill(PASS_T);
      await app.screenshot('124-training-open-pack');
      await page.getByTestId('pack-open').click();
      const banner = page.getByTestId('training-banner');
      await banner.waitFor({ timeout: WRITE_TIMEOUT });
      expect(await page.getByTestId('training-banner-title').textContent()).toBe(`TRAINING — ${TITLE}`);
      expect(await banner.textContent()).toContain(TRAINEE);
      expect(core.workspace.status()).toMatchObject({ state: 'unlocked', workspace: { dir: traineeDir } });

      await page.goto(`${base}#/training`);
      await page.getByTestId('trainee-view').waitFor();
      const briefing = page.getByTestId('training-briefing');
      expect(await page.getByTestId('briefing-title').textContent()).toBe(TITLE);
      expect(await page.getByTestId('briefing-trainee').textContent()).toBe(TRAINEE);
      expect(await page.getByTestId('briefing-trainer').textContent()).toBe('PCU Bar Training Cell (ME)');
      expect(await page.getByTestId('briefing-objectives').locator('li').count()).toBe(2);
      // Introductory: the schemes in play and their indicators are told; the one left out is not.
      expect(await briefing.locator('[data-scheme]').count()).toBe(4);
      expect(await briefing.locator('[data-scheme="cigarettes_underdeclared"]').count()).toBe(0);
      expect(await briefing.textContent()).toContain(firstIndicators[0]!);
      const clock = page.getByTestId('training-clock').first();
      expect(await clock.getAttribute('data-over')).toBe('false');
      expect(await clock.textContent()).toMatch(/\b(29|30):\d\d left$/);
      await app.screenshot('125-training-trainee-briefing');

      // Import the cargo report through the exercise's files (EDIFACT: read as it is).
      const files = page.getByTestId('training-file');
      expect(await files.count()).toBeGreaterThanOrEqual(4);
      const cuscar = page.locator('[data-testid="training-file"][data-file="cuscar.edi"]');
      await cuscar.getByTestId('training-file-import').click();
      const report = page.getByTestId('training-files').getByTestId('import-report');
      await report.waitFor({ timeout: JOB_TIMEOUT });
      expect(await report.textContent()).toContain('cuscar.edi');
      await cuscar.getByTestId('training-file-imported').waitFor();
      const docs = core.workspace.db().prepare('SELECT doc_number FROM shipment').pluck().all() as string[];
      const imported = new Set(docs.map(norm));
      expect(imported.has(norm(first.ref))).toBe(true);
      expect(imported.has(norm(second.ref))).toBe(true);
      const targetSet = new Set(targets.map((x) => norm(x.ref)));
      const decoy = docs.find((d) => !targetSet.has(norm(d)))!;
      expect(decoy).toBeDefined();
      await page.getByTestId('training-files').scrollIntoViewIfNeeded();
      await app.screenshot('126-training-file-imported');

      // A true target from the form, citing one of the indicators that reveal it.
      await page.getByTestId('selection-ref').fill(first.ref);
      await page.getByTestId('selection-indicators').click();
      await page.getByTestId('selection-indicators').fill(firstIndicators[0]!.slice(0, 12));
      await page.locator(`[data-testid="indicator-option"][data-indicator="${firstIndicators[0]}"]`).click();
      await page.getByTestId('selection-justification').fill('Reefer of fruit from a source country, transshipped at a risk hub.');
      await page.getByTestId('selection-add').click();
      await page.getByTestId('selection-added').waitFor({ timeout: WRITE_TIMEOUT });
      await page.locator(`[data-testid="selection-row"][data-ref="${first.ref}"]`).waitFor();
      // A false one from the form.
      await page.getByTestId('selection-ref').fill(decoy);
      await page.getByTestId('selection-justification').fill('Consignee looks new.');
      await page.getByTestId('selection-add').click();
      await page.locator(`[data-testid="selection-row"][data-ref="${decoy}"]`).waitFor({ timeout: WRITE_TIMEOUT });

      // The second true target from the shipment's own record view ("Select as target"), banner still on.
      await page.goto(`${base}#/shipments`);
      await page.getByRole('heading', { name: 'Shipments', level: 2 }).waitFor();
      expect(await page.getByTestId('training-banner-title').textContent()).toBe(`TRAINING — ${TITLE}`);
      await page.getByTestId('grid-search').fill(second.ref);
      await expect.poll(() => page.locator('.ag-row[row-index="0"] .pc-grid-link').textContent(), { timeout: 30_000 }).toBe(second.ref);
      await page.locator('.ag-row[row-index="0"] .pc-grid-link').click();
      const drawer = page.getByTestId('record-drawer');
      await drawer.getByTestId('shipment-view').waitFor();
      await drawer.getByTestId('record-select-target').click();
      const dialog = page.getByTestId('select-target-dialog');
      await dialog.waitFor();
      expect(await dialog.getByTestId('selection-ref').inputValue()).toBe(second.ref);
      await dialog.getByTestId('selection-justification').fill('Seen in the record: route and container history.');
      await app.screenshot('127-training-select-from-record');
      await dialog.getByTestId('selection-add').click();
      await dialog.getByTestId('selection-added').waitFor({ timeout: WRITE_TIMEOUT });
      await page.getByTestId('select-target-close').click();
      await page.keyboard.press('Escape');

      await page.goto(`${base}#/training`);
      await page.getByTestId('trainee-view').waitFor();
      await expect.poll(() => page.getByTestId('selection-row').count()).toBe(3);
      expect(await page.locator(`[data-testid="selection-row"][data-ref="${first.ref}"]`).textContent()).toContain(firstIndicators[0]!);
      await page.getByTestId('selection-list').scrollIntoViewIfNeeded();
      await app.screenshot('128-training-selections');

      // Submit to a path, after confirming; then the selections are frozen.
      await page.getByTestId('submit-out').fill(submissionFile);
      await page.getByTestId('submit-button').click();
      expect(await page.getByTestId('submit-confirm-text').textContent()).toContain('Submit your 3 selections?');
      await app.screenshot('129-training-submit-confirm');
      await page.getByRole('button', { name: 'Submit', exact: true }).click();
      await page.getByTestId('submit-done').waitFor({ timeout: WRITE_TIMEOUT });
      expect(await page.getByTestId('submit-file').textContent()).toBe(submissionFile);
      expect(await page.getByTestId('submit-late').getAttribute('data-late')).toBe('false');
      expect(existsSync(submissionFile)).toBe(true);
      await page.getByTestId('selections-frozen').waitFor();
      expect(await page.getByTestId('selection-form').count()).toBe(0);
      expect(await page.getByTestId('selection-remove').count()).toBe(0);
      expect(await page.getByTestId('trainee-view').getAttribute('data-submitted')).toBe('true');
      await page.getByTestId('submit-done').scrollIntoViewIfNeeded();
      await app.screenshot('130-training-submitted');

      // A printed report of the training workspace carries the mark on its pages.
      await page.goto(`${base}#/cases`);
      await page.getByTestId('case-new').click();
      await page.getByTestId('case-title').fill('Exercise case: reefer via a risk hub');
      await page.getByTestId('case-summary').fill('Opened during the exercise.');
      await page.getByTestId('case-owner').fill(TRAINEE);
      await page.getByTestId('case-create').click();
      await page.getByTestId('case-view').waitFor({ timeout: WRITE_TIMEOUT });
      await page.getByTestId('case-report').click();
      await page.locator('[data-testid="print-view"][data-ready="true"]').waitFor();
      // Short in the header and the footer (every printed page), in full above the first page.
      const marks = page.getByTestId('print-training-mark');
      expect(await marks.count()).toBe(2);
      expect(await marks.allTextContents()).toEqual(['TRAINING', 'TRAINING']);
      expect(await page.getByTestId('print-training-band').textContent()).toContain(`TRAINING — ${TITLE} — ${TRAINEE}`);
      await app.screenshot('131-training-print-mark');

      // --- Trainer again: receive, score, leaderboard, results, debriefs --------------------------------
      await leaveWorkspace(page, base);
      await openDemo(app);
      await page.goto(`${base}#/training`);
      await page.getByTestId('exercise-row').filter({ hasText: TITLE }).click();
      await detail.waitFor();
      await page.getByTestId('submission-receive').click();
      await page.getByTestId('receive-submission-path').fill(submissionFile);
      await page.getByTestId('receive-submission-submit').click();
      const received = page.getByTestId('receive-submission-done');
      await received.waitFor({ timeout: WRITE_TIMEOUT });
      expect(await received.textContent()).toContain(TRAINEE);
      await app.screenshot('132-training-received');
      await page.getByTestId('receive-submission-close').click();

      const row = page.locator(`[data-testid="leaderboard-row"][data-trainee="${TRAINEE}"]`);
      await row.waitFor();
      expect(await row.locator('[data-cell="rank"]').textContent()).toBe('1');
      expect(await row.locator('[data-cell="precision"]').textContent()).toBe('2/3 (67%)');
      expect(await row.locator('[data-cell="recall"]').textContent()).toBe(`2/${targetCount} (${Math.round((2 / targetCount) * 100)}%)`);
      expect(await row.locator('[data-cell="false-alarms"]').textContent()).toBe('1');
      expect(await row.locator('[data-cell="late"]').textContent()).toBe('on time');
      const total = core.training.results(core.training.exercises().find((x) => x.title === TITLE)!.id).submissions[0]!.total;
      expect(Number((await row.locator('[data-cell="total"]').textContent())!.replace(',', '.'))).toBe(total);
      // The trainee's results (opened by the receipt): two hits, one false alarm, the rest missed.
      const result = page.getByTestId('trainee-detail');
      await result.waitFor();
      expect(await result.locator('[data-testid="result-selection"][data-outcome="hit"]').count()).toBe(2);
      expect(await result.locator(`[data-testid="result-selection"][data-outcome="falseAlarm"][data-ref="${decoy}"]`).count()).toBe(1);
      expect(await result.getByTestId('result-missed-row').count()).toBe(targetCount - 2);
      expect(await result.getByTestId('result-missed').locator('li').count()).toBeGreaterThan(0);
      await page.getByTestId('leaderboard').scrollIntoViewIfNeeded();
      await app.screenshot('133-training-leaderboard');
      await page.getByTestId('scoring-rules').scrollIntoViewIfNeeded();
      expect(await page.getByTestId('scoring-rules').textContent()).toContain('Precision is the share of selections that are correct');
      await app.screenshot('134-training-results-rules');

      // The trainee's debrief, then the class's.
      await page.getByTestId('debrief-trainee').click();
      const traineeReport = page.getByTestId('debrief-trainee-report');
      await traineeReport.waitFor();
      expect(await traineeReport.getAttribute('data-trainee')).toBe(TRAINEE);
      expect(await page.getByTestId('debrief-hits').locator('tbody tr').count()).toBe(2);
      expect(await page.getByTestId('debrief-false-alarms').textContent()).toContain(decoy);
      expect(await page.getByTestId('debrief-missed').locator('[data-testid="result-missed-row"]').count()).toBe(targetCount - 2);
      expect(await page.getByTestId('debrief-rank').textContent()).toBe('1 of 1');
      // A live workspace's report carries no TRAINING mark.
      expect(await page.getByTestId('print-training-mark').count()).toBe(0);
      expect(await page.getByTestId('print-training-band').count()).toBe(0);
      await app.screenshot('135-training-debrief-trainee');
      await page.getByTestId('debrief-missed').scrollIntoViewIfNeeded();
      await app.screenshot('136-training-debrief-trainee-missed');
      // The trainee's debrief exported as PDF (the print view, as the desktop app prints it): the text is there.
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      writeFileSync(join(SCREENSHOT_DIR, '136-training-debrief.pdf'), pdf);
      const debriefText = pdfText(pdf).pages.join('\n').replace(/\s+/g, '');
      expect(debriefText).toContain(TRAINEE.replace(/\s+/g, ''));
      expect(debriefText).toContain(decoy);
      await page.getByTestId('print-back').click();
      await detail.waitFor();
      await page.getByTestId('debrief-class').click();
      const classReport = page.getByTestId('debrief-class-report');
      await classReport.waitFor();
      expect(await classReport.getByTestId('leaderboard-row').count()).toBe(1);
      expect(await page.getByTestId('debrief-summary').textContent()).toContain(`2 of ${targetCount}`);
      expect(await page.getByTestId('debrief-targets').locator('tbody tr').count()).toBe(targetCount);
      await app.screenshot('137-training-debrief-class');

      // The answer key for the debrief, as a file signed by this unit.
      await page.getByTestId('print-back').click();
      await detail.waitFor();
      const answersFile = join(handover, 'answers.pcanswers');
      await page.getByTestId('answers-export-out').fill(answersFile);
      await page.getByTestId('answers-export-button').click();
      await page.getByTestId('answers-exported').waitFor({ timeout: WRITE_TIMEOUT });
      expect(await page.getByTestId('answers-exported-file').textContent()).toBe(answersFile);
      expect(existsSync(answersFile)).toBe(true);

      // --- The trainee's workspace again: the ground truth revealed after submitting --------------------
      await leaveWorkspace(page, base);
      await page
        .getByRole('menuitem', { name: /TRAINING — Seaport drill/ })
        .getByText(`TRAINING — ${TITLE}`, { exact: true })
        .click();
      await page.getByLabel('Passphrase').fill(PASS_T);
      await page.getByRole('button', { name: 'Unlock' }).click();
      await page.getByTestId('training-banner').waitFor({ timeout: WRITE_TIMEOUT });
      await page.goto(`${base}#/training`);
      await page.getByTestId('trainee-view').waitFor();
      expect(await page.getByTestId('trainee-view').getAttribute('data-submitted')).toBe('true');
      await page.getByTestId('truth-path').fill(answersFile);
      await page.getByTestId('truth-submit').click();
      const truth = page.getByTestId('truth');
      await truth.waitFor({ timeout: WRITE_TIMEOUT });
      expect(await truth.getByTestId('truth-row').count()).toBe(targetCount);
      expect(await truth.locator('[data-testid="truth-row"][data-selected="true"]').count()).toBe(2);
      expect(await truth.textContent()).toContain(`You selected 2 of the ${targetCount} hidden targets.`);
      await truth.scrollIntoViewIfNeeded();
      await app.screenshot('138-training-ground-truth');
    } finally {
      await app.close();
    }
  });
});
