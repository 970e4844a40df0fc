// The foundation flow a user does on day one: create a workspace, lock it, mistype the passphrase,
// unlock, and walk through every section, the command palette, settings and a backup.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startApp } from './harness.ts';

const PASSPHRASE = 'amber harbour crane ledger';
const SECTIONS = ['Overview', 'Imports', 'Shipments', 'Passengers', 'Targeting', 'Graph', 'Cases', 'Exchange', 'Training', 'Settings'];

describe('workspace foundation', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('create → lock → wrong passphrase → unlock → every section', async () => {
    const app = await startApp(browser);
    const { page } = app;
    try {
      const dir = join(app.root, 'pcu-bar');
      await page.getByRole('tab', { name: 'Create new' }).waitFor();
      await app.screenshot('01-first-run');

      await page.getByLabel('Workspace name').fill('PCU Bar');
      await page.getByLabel('Folder').fill(dir);
      await page.getByLabel('Passphrase', { exact: true }).fill('short');
      await expect.poll(() => page.getByText('Too short').isVisible()).toBe(true);
      await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
      await page.getByLabel('Repeat the passphrase').fill(PASSPHRASE);
      await expect.poll(() => page.getByText('Strong', { exact: false }).first().isVisible()).toBe(true);
      await app.screenshot('02-create-filled');
      await page.getByRole('button', { name: 'Create workspace' }).click();

      await page.getByRole('heading', { name: 'PCU Bar' }).waitFor();
      await expect.poll(() => page.locator('[data-stat="shipments"] .pc-stat-value').textContent()).toBe('0');
      expect(existsSync(join(dir, 'workspace.db'))).toBe(true);
      await app.screenshot('03-overview');

      await page.getByTestId('lock-button').click();
      await page.getByText('The workspace is locked').waitFor();
      await page.getByLabel('Passphrase').fill('not my passphrase');
      await page.getByRole('button', { name: 'Unlock' }).click();
      const error = page.locator('[data-error-code="WORKSPACE_WRONG_PASSPHRASE"]');
      await error.waitFor();
      expect(await error.textContent()).toContain('The passphrase is not correct');
      await app.screenshot('04-wrong-passphrase');

      await page.getByLabel('Passphrase').fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Unlock' }).click();
      await page.getByRole('heading', { name: 'PCU Bar' }).waitFor();

      for (const [i, name] of SECTIONS.entries()) {
        await page
          .getByRole('navigation', { name: 'Sections' })
          .getByRole('button', { name: new RegExp(`^${name}`) })
          .click();
        await page.getByRole('heading', { name: i === 0 ? 'PCU Bar' : name, level: 2 }).waitFor();
        if (!['Overview', 'Imports', 'Shipments', 'Passengers', 'Targeting', 'Graph', 'Cases', 'Exchange', 'Training', 'Settings'].includes(name)) {
          expect(await page.getByTestId('not-built').textContent()).toContain('not built yet');
        }
        await app.screenshot(`05-section-${String(i + 1).padStart(2, '0')}-${name.toLowerCase()}`);
      }

      // Keyboard: Alt+3 goes to Shipments; Ctrl+K opens the command palette.
      await page.keyboard.press('Alt+3');
      await page.getByRole('heading', { name: 'Shipments', level: 2 }).waitFor();
      await page.keyboard.press('Control+k');
      await page.getByPlaceholder('Type a command or a section…').fill('cases');
      await page.getByRole('option', { name: /Go to Cases/ }).waitFor();
      await app.screenshot('06-command-palette');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Cases', level: 2 }).waitFor();

      // The audit chain records what happened and verifies.
      await page.keyboard.press('Alt+1');
      await page.getByRole('button', { name: 'Verify audit chain' }).click();
      expect(await page.getByTestId('audit-result').textContent()).toMatch(/verified: 2 entries/);
    } finally {
      await app.close();
    }
  });

  it('settings: language, theme, auto-lock, backup with progress, passphrase change', async () => {
    const app = await startApp(browser);
    const { page } = app;
    try {
      await app.core.workspace.create({ dir: join(app.root, 'ws'), name: 'JAITF Sarajevo', passphrase: PASSPHRASE });
      await page.getByRole('heading', { name: 'JAITF Sarajevo' }).waitFor();
      await page.keyboard.press('Alt+0');
      await page.getByRole('tab', { name: 'General' }).waitFor();

      await page.getByLabel('Language').selectOption('hbs');
      await page.getByRole('heading', { name: 'Postavke', level: 2 }).waitFor();
      expect(await page.getByRole('navigation').textContent()).toContain('Pošiljke');
      await page.getByText('Svijetla').click();
      expect(await page.locator('body').getAttribute('class')).not.toContain('bp6-dark');
      await app.screenshot('07-settings-hbs-light');
      await page.getByLabel('Jezik').selectOption('en');
      await page.getByText('Dark', { exact: true }).click();

      await page.getByRole('tab', { name: 'Security' }).click();
      await page.getByLabel('Auto-lock').fill('5');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Auto-lock after 5 min idle').waitFor();

      await page.getByRole('tab', { name: 'Backup' }).click();
      const out = join(app.root, 'ws-backup.pcbackup');
      await page.getByLabel('Backup file').fill(out);
      await page.getByRole('button', { name: 'Back up now' }).click();
      await page.getByTestId('backup-done').waitFor();
      expect(existsSync(out)).toBe(true);
      await app.screenshot('08-backup-done');

      await page.getByRole('tab', { name: 'Security' }).click();
      await page.getByLabel('Current passphrase').fill('wrong wrong wrong');
      await page.getByLabel('New passphrase').fill('violet quay anchor morning');
      await page.getByLabel('Repeat the passphrase').fill('violet quay anchor morning');
      await page.getByRole('button', { name: 'Change passphrase' }).click();
      await page.locator('[data-error-code="WORKSPACE_WRONG_PASSPHRASE"]').waitFor();
      await page.getByLabel('Current passphrase').fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Change passphrase' }).click();
      await page.getByText('The passphrase was changed').waitFor();

      await page.getByRole('tab', { name: 'Audit log' }).click();
      await page.getByText('Changed the passphrase').waitFor();
      await page.getByText('Made a backup').waitFor();
      await app.screenshot('09-audit-log');

      await page.keyboard.press('Control+l');
      await page.getByLabel('Passphrase').fill('violet quay anchor morning');
      await page.getByRole('button', { name: 'Unlock' }).click();
      await page.getByRole('heading', { name: 'Settings', level: 2 }).waitFor();
    } finally {
      await app.close();
    }
  });
});
