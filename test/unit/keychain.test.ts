// The OS-keychain wrap, with a stand-in for Electron's safeStorage (an AES key held by "the OS").
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/api.ts';
import { createCore } from '../../electron/core/core.ts';
import type { Keychain } from '../../electron/core/workspace/workspace-service.ts';
import { Router } from '../../electron/router.ts';
import { PASSPHRASE, TEST_KDF, tempDir } from './helpers/workspace.ts';

function fakeOsKeychain(): Keychain {
  const osKey = randomBytes(32);
  return {
    wrap(dataKey) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', osKey, iv);
      const data = Buffer.concat([c.update(dataKey), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), data]).toString('base64');
    },
    unwrap(blob) {
      const b = Buffer.from(blob, 'base64');
      const d = createDecipheriv('aes-256-gcm', osKey, b.subarray(0, 12));
      d.setAuthTag(b.subarray(12, 28));
      return Buffer.concat([d.update(b.subarray(28)), d.final()]);
    },
  };
}

describe('keychain unlock', () => {
  const tmp = tempDir();
  const keychain = fakeOsKeychain();
  const core = () => createCore({ configDir: join(tmp.path, 'config'), shell: 'electron', version: 't', kdfCost: TEST_KDF, keychain });
  let c = core();
  const dir = join(tmp.path, 'ws');
  beforeEach(async () => {
    c = core();
    await c.workspace.create({ dir: `${dir}-${Math.random()}`, name: 'ws', passphrase: PASSPHRASE });
  });
  afterEach(() => c.shutdown());

  it('is off until enabled with the passphrase, then unlocks without it', async () => {
    const wsDir = c.workspace.status().state === 'unlocked' ? (c.workspace.status() as { workspace: { dir: string } }).workspace.dir : '';
    expect(c.workspace.describe({ dir: wsDir }).keychain).toBe(false);
    await expect(c.workspace.setKeychain({ enabled: true, passphrase: 'wrong wrong wrong' })).rejects.toMatchObject({ code: 'WORKSPACE_WRONG_PASSPHRASE' });
    expect(await c.workspace.setKeychain({ enabled: true, passphrase: PASSPHRASE })).toEqual({ keychain: true });
    await c.workspace.lock();
    expect(c.workspace.describe({ dir: wsDir }).keychain).toBe(true);
    const info = await c.workspace.unlockWithKeychain({ dir: wsDir });
    expect(info.keychain).toBe(true);
    const last = c.workspace.db().prepare('SELECT details FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { details: string };
    expect(JSON.parse(last.details)).toEqual({ via: 'keychain' });

    await c.workspace.setKeychain({ enabled: false, passphrase: PASSPHRASE });
    expect(JSON.parse(readFileSync(join(wsDir, 'workspace.json'), 'utf8')).keychain).toBeUndefined();
    await c.workspace.lock();
    await expect(c.workspace.unlockWithKeychain({ dir: wsDir })).rejects.toMatchObject({ code: 'WORKSPACE_KEYCHAIN_UNAVAILABLE' });
  });

  it('refuses a key the keychain gives back that is not this workspace’s, before opening the database', async () => {
    const status = c.workspace.status() as { workspace: { dir: string } };
    await c.workspace.setKeychain({ enabled: true, passphrase: PASSPHRASE });
    await c.workspace.close();
    const liar = createCore({
      configDir: join(tmp.path, 'config2'),
      shell: 'electron',
      version: 't',
      keychain: { wrap: () => '', unwrap: () => randomBytes(32) },
    });
    await expect(liar.workspace.unlockWithKeychain({ dir: status.workspace.dir })).rejects.toMatchObject({ code: 'WORKSPACE_KEYCHAIN_UNAVAILABLE' });
    await liar.shutdown();
  });

  it('is refused where there is no keychain (the browser shell)', async () => {
    const status = c.workspace.status() as { workspace: { dir: string } };
    await c.workspace.setKeychain({ enabled: true, passphrase: PASSPHRASE });
    await c.workspace.close();
    const browser = createCore({ configDir: join(tmp.path, 'config3'), shell: 'browser', version: 't' });
    const router = new Router(createHandlers(browser), browser.workspace);
    expect(await router.call('app.info', {})).toMatchObject({ ok: true, result: { keychainAvailable: false } });
    expect(await router.call('workspace.describe', { dir: status.workspace.dir })).toMatchObject({ ok: true, result: { keychain: false } });
    expect(await router.call('workspace.unlockWithKeychain', { dir: status.workspace.dir })).toMatchObject({
      ok: false,
      error: { code: 'WORKSPACE_KEYCHAIN_UNAVAILABLE' },
    });
    await browser.shutdown();
  });
});
