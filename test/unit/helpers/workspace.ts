// A real workspace in a temporary folder, with a cheap KDF so tests stay fast.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHandlers } from '../../../electron/api.ts';
import { createCore, type Core } from '../../../electron/core/core.ts';
import { Router } from '../../../electron/router.ts';

export const PASSPHRASE = 'correct horse battery staple';
export const TEST_KDF = { N: 2 ** 12, r: 8, p: 1 };

export function tempDir(prefix = 'portcullis-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export type TestCore = { core: Core; router: Router; root: string; dispose(): Promise<void> };

export function testCore(): TestCore {
  const tmp = tempDir();
  const core = createCore({ configDir: join(tmp.path, 'config'), shell: 'cli', version: 'test', kdfCost: TEST_KDF });
  const router = new Router(createHandlers(core), core.workspace);
  return {
    core,
    router,
    root: tmp.path,
    async dispose() {
      await core.shutdown();
      tmp.remove();
    },
  };
}
