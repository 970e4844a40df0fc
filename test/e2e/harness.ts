// End-to-end harness: a browser shell on a fresh temporary config folder, and Debian's Chromium driven
// by playwright-core. Each test gets its own host, browser context and workspace folder.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createHandlers } from '../../electron/api.ts';
import { createCore, type Core } from '../../electron/core/core.ts';
import { startHost, type Host } from '../../electron/host/server.ts';
import { Router } from '../../electron/router.ts';

export const CHROMIUM = process.env['PORTCULLIS_CHROMIUM'] ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];
export const RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-results/screenshots', import.meta.url));

export type App = {
  core: Core;
  host: Host;
  root: string;
  context: BrowserContext;
  page: Page;
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
};

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** A fresh app: cheap KDF so tests don't spend seconds in scrypt (the bench measures the real one). */
export async function startApp(browser: Browser, opts: { kdfCost?: { N: number; r: number; p: number } } = {}): Promise<App> {
  const root = mkdtempSync(join(tmpdir(), 'portcullis-e2e-'));
  const core = createCore({
    configDir: join(root, 'config'),
    workspacesDir: join(root, 'workspaces'),
    shell: 'browser',
    version: 'e2e',
    kdfCost: opts.kdfCost ?? { N: 2 ** 12, r: 8, p: 1 },
  });
  const router = new Router(createHandlers(core), core.workspace);
  const host = await startHost({ router, events: core.events, rendererDir: RENDERER_DIR });
  // Reduced motion: dialogs and drawers appear at once, so a slow machine never clicks a moving button.
  const context = await browser.newContext({ viewport: { width: 1366, height: 820 }, reducedMotion: 'reduce' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text() + (process.env['PC_E2E_DEBUG'] ? ` @ ${JSON.stringify(msg.location())}` : ''));
  });
  if (process.env['PC_E2E_DEBUG']) {
    // What broke the content security policy, and where (the browser's own message says neither).
    await page.addInitScript(`document.addEventListener('securitypolicyviolation', (e) =>
      console.error('CSP ' + e.violatedDirective + ' ' + e.sourceFile + ':' + e.lineNumber + ':' + e.columnNumber + ' [' + e.sample + '] ' + new Error().stack))`);
  }
  await page.goto(host.url);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    core,
    host,
    root,
    context,
    page,
    async screenshot(name) {
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
    },
    async close() {
      await context.close();
      await core.shutdown();
      await host.close();
      rmSync(root, { recursive: true, force: true });
      if (errors.length > 0) throw new Error(`the page reported errors:\n${errors.join('\n')}`);
    },
  };
}

/** First run → "Open demo workspace" → waits until the app shows the demo's overview. */
export async function openDemo(app: App): Promise<void> {
  await app.page.getByRole('button', { name: 'Open demo workspace' }).click();
  await app.page.getByRole('heading', { name: /Demo — Bar, Belgrade, Skopje/ }).waitFor({ timeout: 60_000 });
}
