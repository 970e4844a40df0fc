// Where the app keeps its own (non-workspace) files: the recent-workspaces list and the browser
// shell's Chromium profile. Workspaces live wherever the user puts them.
import { homedir } from 'node:os';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function defaultConfigDir(): string {
  const override = process.env['PORTCULLIS_CONFIG_DIR'];
  if (override) return override;
  if (process.platform === 'win32') return join(process.env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'Portcullis');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Portcullis');
  return join(process.env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'portcullis');
}

export function defaultWorkspacesDir(): string {
  return join(homedir(), 'Portcullis');
}

let resources: string | null = null;

/** The repository's (or the packaged app's) resources/ folder: the nearest one above this module. */
export function resourcesDir(): string {
  if (resources) return resources;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'resources', 'reference'))) return (resources = join(dir, 'resources'));
    const up = dirname(dir);
    if (up === dir) throw new Error('the resources folder was not found');
    dir = up;
  }
}
