// On the demo workspace, scored: a case created from a red hit; two of its consignee's shipments and the
// consignee added from the grids; a notebook entry with a heading, a list, a table, Cyrillic text and an
// @-mention that opens its record; a photo (a PNG made here) attached through the file input, its hash
// and chain of custody; a seizure with its route, the consignee involved and the photo; the timeline; a
// full-text search; then the case report and the seizure report printed to PDF by Chromium, their text
// read back (handling code on every page, the hash, the note, the Cyrillic) and their pages counted.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openDemo, SCREENSHOT_DIR, startApp } from './harness.ts';
import { pdfText } from './pdf-text.ts';

/** A small RGB PNG: a red-and-amber diagonal pattern. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const on = (x + y) % 16 < 8;
      row.set(on ? [0xcd, 0x42, 0x46] : [0xff, 0xc0, 0x00], 1 + x * 3);
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const flat = (s: string) => s.replace(/\s+/g, '');

async function selectRows(page: Page, n: number) {
  for (let i = 0; i < n; i++) await page.locator(`.ag-row[row-index="${i}"] .ag-selection-checkbox input`).check();
  await expect.poll(() => page.getByTestId('grid-selected').textContent()).toBe(`Selected: ${n}`);
}

async function addSelectionToCase(page: Page, caseId: number, snapshot: boolean) {
  await page.getByTestId('grid-add-to-case').click();
  await page.locator(`[data-testid="add-to-case-item"][data-case-id="${caseId}"]`).click();
  if (!snapshot) await page.getByTestId('add-to-case-snapshot').uncheck({ force: true });
  await page.getByTestId('add-to-case-confirm').click();
  await page.getByTestId('add-to-case-done').waitFor();
}

describe('cases', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('case from a hit → grids → note with a mention → photo → seizure → timeline → search → reports as PDF', { timeout: 300_000 }, async () => {
    const app = await startApp(browser);
    const { page, core } = app;
    try {
      await openDemo(app);
      await core.targeting.scoreNow({ full: true });
      const db = core.workspace.db();
      const base = page.url().split('#')[0];

      // A red hit on a shipment whose consignee has at least two other shipments.
      const pick = db
        .prepare(
          `SELECT h.id AS hit, h.entity_id AS shipment, s.doc_number AS doc, p.id AS consignee, p.name AS name
           FROM target_hit h JOIN shipment s ON s.id = h.entity_id
           JOIN shipment_party c ON c.shipment_id = h.entity_id AND c.role = 'consignee' JOIN party p ON p.id = c.party_id
           WHERE h.entity = 'shipment' AND h.lane = 'red' AND h.status = 'open'
             AND (SELECT count(*) FROM shipment_party x WHERE x.party_id = p.id AND x.role = 'consignee') BETWEEN 3 AND 30
           ORDER BY h.score DESC, h.id LIMIT 1`,
        )
        .get() as { hit: number; shipment: number; doc: string; consignee: number; name: string };
      expect(pick).toBeDefined();

      // 1. The case, created from the hit: the hit and its shipment are linked.
      await page.goto(`${base}#/targeting/queue/${pick.hit}`);
      await page.getByTestId('hit-detail').waitFor();
      await page.getByTestId('hit-create-case').click();
      await page.getByTestId('case-from-hit').waitFor();
      await page.getByTestId('case-title').fill(`Cocaine route via ${pick.name}`);
      await page.getByTestId('case-summary').fill('Red hit on a reefer from Guayaquil; the consignee received two similar shipments this quarter.');
      await page.getByTestId('case-owner').fill('A. Analyst');
      await page.locator('#case-tags').fill('cocaine, reefer');
      await page.locator('#case-tags').press('Enter');
      await page.getByTestId('case-tlp').selectOption('AMBER');
      await page.getByTestId('case-create').click();
      const view = page.getByTestId('case-view');
      await view.waitFor();
      const caseId = Number(await view.getAttribute('data-case-id'));
      const reference = (await page.getByTestId('case-reference').textContent())!;
      expect(reference).toMatch(/\S+/);
      expect(core.cases.get(caseId).tags).toEqual(['cocaine', 'reefer']);
      expect(await page.getByTestId('tlp-badge').first().textContent()).toBe('TLP:AMBER');
      await expect.poll(() => page.getByTestId('link-row').count()).toBeGreaterThanOrEqual(2);
      expect(await page.locator(`[data-testid="link-row"][data-ref="hit:${pick.hit}"]`).count()).toBe(1);
      expect(await page.locator(`[data-testid="link-row"][data-ref="shipment:${pick.shipment}"]`).count()).toBe(1);
      await app.screenshot('80-case-from-hit');

      // 2. Two shipments of the consignee and the consignee itself, from the grids.
      const linked = () => core.cases.get(caseId).links;
      const before = linked().filter((l) => l.kind === 'shipment').length;
      await page.goto(`${base}#/shipments`);
      await page.getByTestId('tab-shipments').click();
      await page.getByTestId('grid-search').fill(pick.name);
      await expect.poll(() => page.getByTestId('grid-total').textContent(), { timeout: 20_000 }).toMatch(/^Rows: ([3-9]|\d\d)$/);
      await selectRows(page, 2);
      await addSelectionToCase(page, caseId, true);
      await app.screenshot('81-case-add-from-grid');
      await page.getByTestId('add-to-case-close').click();
      expect(linked().filter((l) => l.kind === 'shipment').length).toBeGreaterThanOrEqual(before + 1);
      await page.getByTestId('tab-parties').click();
      await page.getByTestId('grid-search').fill(pick.name);
      await expect.poll(() => page.locator('.ag-row[row-index="0"] [col-id="name"]').textContent(), { timeout: 20_000 }).toContain(pick.name);
      await selectRows(page, 1);
      await addSelectionToCase(page, caseId, false);
      await page.getByTestId('add-to-case-open').click();
      await page.locator(`[data-testid="link-row"][data-ref="party:${pick.consignee}"]`).waitFor();

      // A chart of the hit's shipment, saved in the graph and added to the case from there.
      await page.goto(`${base}#/graph/start/${encodeURIComponent(`shipment:${pick.shipment}`)}`);
      await page.getByTestId('graph-canvas').waitFor();
      await expect
        .poll(async () => Number((await page.getByTestId('graph-counts').textContent())!.match(/^(\d+) nodes/)![1]), { timeout: 20_000 })
        .toBeGreaterThan(2);
      await page.getByTestId('graph-save').click();
      await page.getByTestId('graph-chart-name').fill('Network of the hit');
      await page.getByTestId('graph-chart-save').click();
      await page.getByTestId('graph-notice').waitFor();
      await page.getByTestId('graph-add-to-case').click();
      await page.locator(`[data-testid="add-to-case-item"][data-case-id="${caseId}"]`).click();
      await page.getByTestId('add-to-case-confirm').click();
      await page.getByTestId('add-to-case-done').waitFor();
      await page.getByTestId('add-to-case-open').click();
      await page.locator('[data-testid="link-row"][data-ref^="chart:"]').waitFor();
      // Snapshots went into the notebook: the two shipment rows as a table, and a picture of the chart.
      const snapshots = core.cases.get(caseId).notes;
      expect(snapshots).toHaveLength(2);
      const rowsNote = snapshots.find((n) => n.text.startsWith('Snapshot of 2 rows'))!;
      expect(JSON.stringify(rowsNote.body)).toContain('"type":"table"');
      expect(JSON.stringify(rowsNote.body).match(/"type":"tableRow"/g)).toHaveLength(3);
      const chartNote = snapshots.find((n) => n.text.startsWith('Snapshot of the chart “Network of the hit”'))!;
      expect(JSON.stringify(chartNote.body)).toMatch(/"src":"data:image\/jpeg;base64,/);

      // 3. A notebook entry: heading, text with an @-mention and Cyrillic, a list, a table; graded B2.
      await page.getByTestId('case-tab-notes').click();
      await page.getByTestId('note-new').click();
      const editor = page.getByTestId('note-editor');
      await editor.click();
      await page.getByTestId('note-h2').click();
      await page.keyboard.type('Findings');
      await page.keyboard.press('Enter');
      await page.keyboard.type('The hit is on ');
      await page.keyboard.type(`@${pick.doc}`);
      const item = page.locator(`[data-testid="mention-item"][data-record="shipment:${pick.shipment}"]`);
      await item.waitFor();
      await app.screenshot('82-case-mention-popup');
      await item.dispatchEvent('mousedown');
      await page.keyboard.type('and the consignee contact is Петровић Јована.');
      await page.keyboard.press('Enter');
      await page.getByTestId('note-bullets').click();
      await page.keyboard.type('same reefer company');
      await page.keyboard.press('Enter');
      await page.keyboard.type('same agent in Guayaquil');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      await page.getByTestId('note-table').click();
      await page.keyboard.type('Container');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Seal');
      const composer = page.getByTestId('note-composer');
      await composer.getByTestId('grade-source').selectOption('B');
      await composer.getByTestId('grade-information').selectOption('2');
      await app.screenshot('83-case-note-editor');
      await page.getByTestId('note-save').click();
      const card = page.getByTestId('note-card').filter({ has: page.locator('h2', { hasText: 'Findings' }) });
      await card.waitFor();
      expect(await card.locator('h2').textContent()).toBe('Findings');
      expect(await card.locator('li').count()).toBe(2);
      expect(await card.locator('table td, table th').count()).toBe(9);
      expect(await card.getByTestId('grade-tag').textContent()).toBe('B2');
      const note = core.cases.get(caseId).notes.find((n) => n.text.includes('Findings'))!;
      expect(note.mentions).toContain(`shipment:${pick.shipment}`);
      expect(note.text).toContain('Петровић');
      // The mention is a live link: it opens the shipment in the record drawer.
      await card.locator(`button.pc-mention[data-id="shipment:${pick.shipment}"]`).click();
      await page.locator(`[data-testid="record-drawer"][data-ref="shipment:${pick.shipment}"]`).waitFor();
      await app.screenshot('84-case-note-mention-opens');
      await page.keyboard.press('Escape');
      await page.getByTestId('record-drawer').waitFor({ state: 'detached' });

      // An edit keeps the first version in the history.
      await card.getByTestId('note-edit').click();
      await page.getByTestId('note-editor').click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type(' Confirmed by the shipping line.');
      await page.getByTestId('note-save').click();
      await page.getByTestId('note-edited').waitFor();
      await page.getByTestId('note-history').click();
      await expect.poll(() => page.getByTestId('note-version').count()).toBe(2);
      await app.screenshot('85-case-note-history');
      await page.keyboard.press('Escape');

      // 4. A photo through the file input: stored with its SHA-256, previewed, handed over.
      const photo = png(96, 64);
      const sha = createHash('sha256').update(photo).digest('hex');
      const file = join(app.root, 'container-door.png');
      writeFileSync(file, photo);
      await page.getByTestId('case-tab-attachments').click();
      await page.getByTestId('attach-open').click();
      await page.getByTestId('attach-input').setInputFiles(file);
      await page.getByTestId('attach-description').fill('Container door, seal intact');
      await page.getByTestId('attach-upload').click();
      await page.getByTestId('attachment-row').waitFor();
      expect(await page.getByTestId('attachment-sha256').textContent()).toBe(sha);
      await page.getByTestId('attachment-image').waitFor();
      expect(await page.getByTestId('attachment-image').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(96);
      await page.getByTestId('attachment-custody').click();
      await page.getByTestId('custody-detail').fill('Handed to the forensic lab, seal PC-0042');
      await page.getByTestId('custody-add').click();
      await page.locator('[data-testid="custody-row"][data-action="transferred"]').waitFor();
      const custody = core.cases.get(caseId).attachments[0]!.custody.map((e) => e.action);
      expect(custody).toEqual(expect.arrayContaining(['added', 'viewed', 'transferred']));
      await app.screenshot('86-case-attachment-custody');
      await page.getByTestId('custody-close').click();

      // 5. A seizure: CEN fields, route, the consignee involved, the photo.
      await page.getByTestId('case-tab-seizures').click();
      await page.getByTestId('seizure-new').click();
      await page.getByTestId('cs-commodity').fill('cocaine');
      await page.getByTestId('cs-quantity').fill('42.5');
      await page.getByTestId('cs-concealment').selectOption('container_structure');
      await page.getByTestId('cs-detection').selectOption('x_ray');
      await page.getByTestId('cs-place').fill('MEBAR');
      await page.locator('#cs-route').fill('ECGYE NLRTM MEBAR');
      await page.getByTestId('cs-commodity').click();
      await page.getByTestId('record-finder-input').fill(pick.name);
      await page.getByTestId('record-finder-input').press('Enter');
      await page.locator(`[data-testid="record-finder-item"][data-record="party:${pick.consignee}"]`).click();
      await page.getByTestId('cs-involved-role').fill('consignee');
      await page.locator('label', { has: page.getByTestId('cs-photo') }).click();
      expect(await page.getByTestId('cs-photo').isChecked()).toBe(true);
      await app.screenshot('87-case-seizure-form');
      await page.getByTestId('cs-save').click();
      const seizureCard = page.getByTestId('seizure-card').first();
      await seizureCard.waitFor();
      await expect.poll(() => seizureCard.getByTestId('seizure-involved').textContent()).toContain(pick.name);
      const seizure = core.cases.get(caseId).seizures.find((s) => s.commodity === 'cocaine' && s.quantity === 42.5)!;
      expect(seizure).toMatchObject({ route: ['ECGYE', 'NLRTM', 'MEBAR'], involved: [{ kind: 'party', id: pick.consignee, role: 'consignee' }] });
      expect(seizure.photos).toHaveLength(1);
      await app.screenshot('88-case-seizures');

      // 6. The timeline merges the case's events with its records' dates.
      await page.getByTestId('case-tab-timeline').click();
      await page.getByTestId('case-timeline').waitFor();
      const kinds = new Set(await page.getByTestId('timeline-event').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind'))));
      for (const k of ['created', 'note', 'hit', 'seizure', 'attachment']) expect(kinds, k).toContain(k);
      await app.screenshot('89-case-timeline');
      await page.locator(`[data-testid="timeline-event"][data-ref="shipment:${pick.shipment}"] [data-testid="timeline-open"]`).first().click();
      await page.locator(`[data-testid="record-drawer"][data-ref="shipment:${pick.shipment}"]`).waitFor();
      await page.keyboard.press('Escape');

      // Tasks, and the case's own fields: a task with its assignee and due date, done; the case now pending.
      await page.getByTestId('case-tab-tasks').click();
      await page.getByTestId('task-title').fill('Ask the shipping line for the booking party');
      await page.getByTestId('task-assignee').fill('B. Officer');
      await page.getByTestId('task-due').fill('2026-12-01');
      await page.getByTestId('task-add').click();
      await page.getByTestId('task-row').waitFor();
      await page.locator('label', { has: page.getByTestId('task-done') }).click();
      await expect.poll(() => core.cases.get(caseId).tasks[0]?.done).toBe(true);
      await app.screenshot('94-case-tasks');
      await page.getByTestId('case-tab-summary').click();
      await page.getByTestId('case-status').selectOption('pending');
      await page.getByTestId('case-save').click();
      await page.getByTestId('case-saved').waitFor();
      await expect.poll(() => page.getByTestId('case-status-tag').textContent()).toBe('Pending');
      await app.screenshot('95-case-summary');

      // 7. Full-text search finds the note by a Latin spelling of its Cyrillic word.
      await page.getByTestId('case-back').click();
      await page.getByTestId('case-table').waitFor();
      await page.getByTestId('case-search').fill('petrovic');
      await page.getByTestId('case-search-button').click();
      const hit = page.getByTestId('case-search-hit').first();
      await hit.waitFor();
      expect(await hit.getByTestId('case-search-snippet').locator('mark').first().textContent()).toBe('Петровић');
      await app.screenshot('90-case-search');

      // 8. The case report, printed by Chromium to PDF.
      await hit.click();
      await page.getByTestId('case-report').click();
      await page.locator('[data-testid="print-view"][data-ready="true"]').waitFor();
      await page.getByTestId('print-seizure').first().waitFor();
      await expect.poll(() => page.getByTestId('print-seizure').first().textContent()).toContain(pick.name);
      await app.screenshot('91-case-report-screen');
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      writeFileSync(join(SCREENSHOT_DIR, '91-case-report.pdf'), pdf);
      await page.emulateMedia({ media: 'print' });
      await page.screenshot({ path: join(SCREENSHOT_DIR, '93-case-report-print-media.png'), fullPage: true });
      await page.emulateMedia({ media: null });
      const report = pdfText(pdf);
      expect(report.pages.length).toBeGreaterThanOrEqual(2);
      expect(pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)!.length).toBe(report.pages.length);
      expect(report.fonts.some((f) => /DejaVuSans/.test(f))).toBe(true);
      // The handling code and the grading system on every page (header and footer).
      for (const [i, text] of report.pages.entries()) {
        expect(flat(text).match(/TLP:AMBER/g)?.length ?? 0, `page ${i + 1}`).toBeGreaterThanOrEqual(2);
        expect(flat(text), `page ${i + 1}`).toContain(flat('Grading: 4×4'));
      }
      const all = flat(report.pages.join('\n'));
      for (const s of [
        reference,
        `Cocaine route via ${pick.name}`,
        'Case report',
        'Findings',
        'Петровић Јована',
        pick.doc,
        sha,
        'Container door',
        'ECGYE → NLRTM → MEBAR',
        'B2',
      ]) {
        expect(all, s).toContain(flat(s));
      }

      // 9. The seizure report.
      await page.goto(`${base}#/print/seizure/${caseId}/${seizure.id}`);
      await page.getByTestId('seizure-report').waitFor();
      await page.locator('[data-testid="print-photos"] img').waitFor();
      await app.screenshot('92-seizure-report-screen');
      const spdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      writeFileSync(join(SCREENSHOT_DIR, '92-seizure-report.pdf'), spdf);
      const sreport = pdfText(spdf);
      expect(sreport.pages.length).toBeGreaterThanOrEqual(1);
      const sall = flat(sreport.pages.join('\n'));
      for (const s of ['Seizure report', reference, '42.5 kilograms', 'cocaine', pick.name, 'X-ray', sha]) expect(sall, s).toContain(flat(s));
      for (const text of sreport.pages) expect(flat(text)).toContain('TLP:AMBER');

      // The same case in Bosnian/Croatian/Serbian.
      await page.evaluate(() => localStorage.setItem('portcullis.language', 'hbs'));
      await page.goto(`${base}#/cases/${caseId}/notes`);
      await page.reload();
      await page.getByTestId('note-card').first().waitFor();
      expect(await page.getByTestId('case-tab-notes').textContent()).toContain('Bilježnica');
      await app.screenshot('96-case-notes-hbs');
    } finally {
      await app.close();
    }
  });
});
