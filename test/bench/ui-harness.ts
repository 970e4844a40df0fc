// The real renderer in Chromium (browser shell) on a core the bench has filled: the workstation on screen
// and unlocked, for a UI figure to be measured from there. Closes browser and server together.
import type { Page } from 'playwright-core';
import { createHandlers } from '../../electron/api.ts';
import type { Core } from '../../electron/core/core.ts';
import { startHost } from '../../electron/host/server.ts';
import { Router } from '../../electron/router.ts';
import { launchBrowser, RENDERER_DIR } from '../e2e/harness.ts';

export async function openWorkstation(core: Core): Promise<{ page: Page; base: string; close(): Promise<void> }> {
  const host = await startHost({ router: new Router(createHandlers(core), core.workspace), events: core.events, rendererDir: RENDERER_DIR });
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1366, height: 820 } });
  context.setDefaultTimeout(120_000);
  const page = await context.newPage();
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Sections' }).waitFor();
  return {
    page,
    base: page.url().split('#')[0]!,
    async close() {
      await browser.close();
      await host.close();
    },
  };
}
