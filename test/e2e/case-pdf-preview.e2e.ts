// A PDF attachment previewed inside the case: its pages drawn by PDF.js on canvases (no embedded viewer,
// which the content security policy forbids), from the bytes decrypted and checked against their hash.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openDemo, startApp } from './harness.ts';

describe('case attachments', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('previews a PDF page by page', async () => {
    const app = await startApp(browser);
    const { page, core } = app;
    try {
      await openDemo(app);
      // A two-page PDF, printed by Chromium in a blank page of its own (outside the app and its policy).
      const blank = await app.context.newPage();
      await blank.setContent('<h1>Bill of lading scan</h1><p style="page-break-after: always">Page one</p><p>Page two</p>');
      const pdf = await blank.pdf({ format: 'A4' });
      await blank.close();
      const kase = core.cases.create({
        draft: { title: 'Scans', owner: 'test', summary: '', status: 'open', tags: [], tlp: 'GREEN', grading: '4x4' },
        from: null,
      });
      const up = core.cases.attachChunk({
        caseId: kase.id,
        attachId: null,
        name: 'bl-scan.pdf',
        mediaType: 'application/pdf',
        offset: 0,
        data: pdf.toString('base64'),
      });
      const att = core.cases.attachFinish({ attachId: up.attachId, description: 'B/L scan', grade: null });
      await page.goto(`${page.url().split('#')[0]}#/cases/${kase.id}/attachments`);
      await page.locator(`[data-testid="attachment-row"][data-attachment-id="${att.id}"] [data-testid="attachment-preview"]`).click();
      const pages = page.locator('canvas[data-testid="attachment-pdf-page"]');
      await expect.poll(() => pages.count(), { timeout: 20_000 }).toBe(2);
      expect(await pages.first().evaluate((c) => (c as unknown as { width: number }).width)).toBeGreaterThan(500);
      await app.screenshot('97-case-pdf-preview');
      expect(core.cases.get(kase.id).attachments[0]!.custody.map((e) => e.action)).toContain('viewed');
    } finally {
      await app.close();
    }
  }, 120_000);
});
