// Starts the browser shell: `node electron/host/start.ts [--port N] [--open]`. Prints the address (with
// its one-time token) and, with --open and a display, opens it in Chromium's app mode.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createHandlers, packageVersion } from '../api.ts';
import { defaultConfigDir } from '../core/app/paths.ts';
import { createCore } from '../core/core.ts';
import { Router } from '../router.ts';
import { startHost } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    open: { type: 'boolean', default: false },
    'renderer-dir': { type: 'string' },
  },
});

const rendererDir = values['renderer-dir'] ?? fileURLToPath(new URL('../../out/renderer', import.meta.url));
if (!existsSync(join(rendererDir, 'index.html'))) {
  console.error(`The user interface is not built (${rendererDir}). Run: npm run build`);
  process.exit(1);
}

const configDir = defaultConfigDir();
const core = createCore({ configDir, shell: 'browser', version: packageVersion() });
const router = new Router(createHandlers(core), core.workspace);
const host = await startHost({ router, events: core.events, rendererDir, port: values.port ? Number(values.port) : 0 });

console.log(`Portcullis is running. Open this address in Chromium or Chrome:\n\n  ${host.url}\n`);
console.log('The address holds a one-time secret and works once. Press Ctrl+C to stop (the workspace is locked).');

if (values.open && (process.env['DISPLAY'] || process.env['WAYLAND_DISPLAY'])) {
  const browser = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
  if (browser) {
    const child = spawn(
      browser,
      [
        `--app=${host.url}`,
        `--user-data-dir=${join(configDir, 'browser-profile')}`,
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
      { stdio: 'ignore', detached: true },
    );
    child.unref();
  }
}

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await core.shutdown();
  await host.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
