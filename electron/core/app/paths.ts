// Where the app keeps its own (non-workspace) files: the recent-workspaces list and the browser
// shell's Chromium profile. Workspaces live wherever the user puts them.
import { homedir } from 'node:os';
import { join } from 'node:path';

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
