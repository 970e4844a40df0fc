// Every job worker has an entry in the Electron bundle: a worker left out would fail only in the
// packaged app, which cannot run on these machines.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('Electron bundle', () => {
  it('bundles every worker', () => {
    const build = readFileSync(join(process.cwd(), 'scripts', 'build.mjs'), 'utf8');
    const workers = readdirSync(join(process.cwd(), 'electron', 'workers')).filter((f) => f.endsWith('-worker.ts'));
    expect(workers.length).toBeGreaterThan(3);
    for (const w of workers) expect(build, w).toContain(`'workers/${w.replace('-worker.ts', '')}': 'electron/workers/${w}'`);
    const names = readFileSync(join(process.cwd(), 'electron', 'workers', 'index.ts'), 'utf8');
    for (const w of workers) expect(names, w).toContain(`'${w.replace('-worker.ts', '')}'`);
  });
});
