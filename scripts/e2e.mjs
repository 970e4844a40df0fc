// End-to-end tests: build the renderer, then drive it in Debian's Chromium through the browser shell.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { buildRenderer } from './build.mjs';

const chromium = process.env['PORTCULLIS_CHROMIUM'] ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`Chromium was not found at ${chromium}. Install it with: sudo apt-get install chromium (or set PORTCULLIS_CHROMIUM).`);
  process.exit(1);
}
buildRenderer();
const r = spawnSync('vitest', ['run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
});
process.exit(r.status ?? 1);
