// Builds what Electron and the installers need: the renderer (Vite) into out/renderer, and the main
// process, preload and job workers (esbuild) into out/electron. Development and tests run the
// TypeScript sources directly and need only the renderer.
//   node scripts/build.mjs              renderer + electron bundles
//   node scripts/build.mjs --renderer   renderer only
import { build as esbuild } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function buildRenderer() {
  const r = spawnSync('vite', ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) throw new Error('renderer build failed');
}

export async function buildElectron() {
  rmSync(join(root, 'out', 'electron'), { recursive: true, force: true });
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node22',
    external: ['electron', 'better-sqlite3-multiple-ciphers'],
    define: { __PORTCULLIS_BUNDLED__: 'true' },
    logLevel: 'warning',
    absWorkingDir: root,
  };
  await esbuild({
    ...common,
    format: 'esm',
    entryPoints: {
      main: 'electron/main.ts',
      'workers/backup': 'electron/workers/backup-worker.ts',
      'workers/integrity': 'electron/workers/integrity-worker.ts',
      'workers/demo': 'electron/workers/demo-worker.ts',
      'workers/import': 'electron/workers/import-worker.ts',
      'workers/export': 'electron/workers/export-worker.ts',
      'workers/count': 'electron/workers/count-worker.ts',
      'workers/score': 'electron/workers/score-worker.ts',
      'workers/resolve': 'electron/workers/resolve-worker.ts',
      'workers/age': 'electron/workers/age-worker.ts',
      'workers/training': 'electron/workers/training-worker.ts',
    },
    outdir: 'out/electron',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  // A sandboxed preload must be CommonJS.
  await esbuild({ ...common, format: 'cjs', entryPoints: ['electron/preload.ts'], outfile: 'out/electron/preload.cjs' });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildRenderer();
  if (!process.argv.includes('--renderer')) await buildElectron();
}
