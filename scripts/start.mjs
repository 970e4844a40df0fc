// `npm start`: Electron where its binary is installed; otherwise the browser shell, opened in Chromium's
// app mode when a display is available, or with its address printed to open by hand.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectron, buildRenderer } from './build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const built = join(root, 'out', 'renderer', 'index.html');
const sources = Math.max(newestMtime(join(root, 'renderer')), newestMtime(join(root, 'shared')));
if (!existsSync(built) || statSync(built).mtimeMs < sources) {
  console.log('Building the user interface…');
  buildRenderer();
}

/** Electron's executable when its binary was downloaded (node_modules/electron/path.txt names it). */
function electronBinary() {
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const exe = join(root, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(exe) ? exe : null;
}

const electron = electronBinary();
const forward = (child) => {
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
};

if (electron && process.env['PORTCULLIS_SHELL'] !== 'browser') {
  await buildElectron();
  forward(spawn(electron, [root], { stdio: 'inherit' }));
} else {
  if (!electron) console.log('Electron is not installed on this machine: starting the browser shell instead.\n');
  forward(spawn(process.execPath, [join(root, 'electron', 'host', 'start.ts'), '--open'], { stdio: 'inherit' }));
}
