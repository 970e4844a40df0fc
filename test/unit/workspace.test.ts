import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, truncateSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { openDatabase } from '../../electron/core/workspace/database.ts';
import { readKeyFile, unlockKeyFile } from '../../electron/core/workspace/keyfile.ts';
import { PASSPHRASE, testCore, type TestCore } from './helpers/workspace.ts';
import { SCHEMA_VERSION } from '../../electron/core/workspace/migrations/index.ts';

const fileHash = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

function addParties(db: ReturnType<TestCore['core']['workspace']['db']>, n: number) {
  const ins = db.prepare(`INSERT INTO party (kind, name, name_norm) VALUES ('company', ?, ?)`);
  db.transaction(() => {
    for (let i = 0; i < n; i++) ins.run(`Company ${i}`, `company ${i}`);
  })();
}

async function expectCode(p: Promise<unknown>, code: string) {
  await expect(p).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.code === code);
}

describe('workspace lifecycle', () => {
  let t: TestCore;
  let dir: string;
  beforeEach(() => {
    t = testCore();
    dir = join(t.root, 'ws');
  });
  afterEach(() => t.dispose());

  it('creates an encrypted database with no plaintext of what was stored', async () => {
    const info = await t.core.workspace.create({ dir, name: 'PCU Bar — Tajno', passphrase: PASSPHRASE });
    expect(info).toMatchObject({ name: 'PCU Bar — Tajno', schemaVersion: SCHEMA_VERSION, autoLockMinutes: 15 });
    const db = t.core.workspace.db();
    db.prepare(`INSERT INTO party (kind, name, name_norm) VALUES ('company', 'ZEBRA-SECRET TRADING DOO', 'zebra secret trading doo')`).run();
    await t.core.workspace.close();
    const bytes = readFileSync(join(dir, 'workspace.db'));
    expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    for (const needle of ['ZEBRA-SECRET', 'zebra secret', 'CREATE TABLE', 'audit_log', 'Tajno']) {
      expect(bytes.includes(Buffer.from(needle))).toBe(false);
    }
    expect(existsSync(join(dir, 'workspace.db-wal'))).toBe(false);
  });

  it('locks, refuses a wrong passphrase with its code, and unlocks with the right one', async () => {
    await t.core.workspace.create({ dir, name: 'ws', passphrase: PASSPHRASE });
    await t.core.workspace.lock();
    expect(t.core.workspace.status()).toMatchObject({ state: 'locked', dir });
    expect(() => t.core.workspace.db()).toThrowError(expect.objectContaining({ code: 'WORKSPACE_LOCKED' }));
    await expectCode(t.core.workspace.unlock({ dir, passphrase: 'not the passphrase' }), 'WORKSPACE_WRONG_PASSPHRASE');
    expect(t.core.workspace.status().state).toBe('locked');
    const info = await t.core.workspace.unlock({ dir, passphrase: PASSPHRASE });
    expect(info.name).toBe('ws');
    expect(t.core.workspace.status().state).toBe('unlocked');
  });

  it('refuses a passphrase that is too short', async () => {
    await expectCode(t.core.workspace.create({ dir, name: 'ws', passphrase: 'short' }), 'WORKSPACE_WEAK_PASSPHRASE');
    expect(existsSync(join(dir, 'workspace.json'))).toBe(false);
  });

  it('refuses to create over an existing workspace', async () => {
    await t.core.workspace.create({ dir, name: 'ws', passphrase: PASSPHRASE });
    await expectCode(t.core.workspace.create({ dir, name: 'again', passphrase: PASSPHRASE }), 'WORKSPACE_EXISTS');
  });

  it('changes the passphrase by rewrapping the key, leaving the database encryption alone', async () => {
    await t.core.workspace.create({ dir, name: 'ws', passphrase: PASSPHRASE });
    const before = readKeyFile(join(dir, 'workspace.json'));
    const oldKey = await unlockKeyFile(before, PASSPHRASE);
    await expectCode(t.core.workspace.changePassphrase({ current: 'wrong wrong wrong', next: 'a brand new passphrase' }), 'WORKSPACE_WRONG_PASSPHRASE');
    await t.core.workspace.changePassphrase({ current: PASSPHRASE, next: 'a brand new passphrase' });
    await t.core.workspace.close();
    const after = readKeyFile(join(dir, 'workspace.json'));
    expect(after.kdf.salt).not.toBe(before.kdf.salt);
    expect(after.id).toBe(before.id);
    // The same data key still opens the database: it was not re-encrypted.
    expect((await unlockKeyFile(after, 'a brand new passphrase')).equals(oldKey)).toBe(true);
    await expectCode(t.core.workspace.unlock({ dir, passphrase: PASSPHRASE }), 'WORKSPACE_WRONG_PASSPHRASE');
    await t.core.workspace.unlock({ dir, passphrase: 'a brand new passphrase' });
  });

  it('refuses a workspace from a newer version without touching it', async () => {
    await t.core.workspace.create({ dir, name: 'ws', passphrase: PASSPHRASE });
    await t.core.workspace.close();
    const key = await unlockKeyFile(readKeyFile(join(dir, 'workspace.json')), PASSPHRASE);
    const db = openDatabase(join(dir, 'workspace.db'), key);
    db.pragma('user_version = 99');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const hash = fileHash(join(dir, 'workspace.db'));
    await expectCode(t.core.workspace.unlock({ dir, passphrase: PASSPHRASE }), 'WORKSPACE_FROM_NEWER_VERSION');
    expect(fileHash(join(dir, 'workspace.db'))).toBe(hash);
    expect(t.core.workspace.status().state).toBe('closed');
  });

  it('detects a flipped byte in a page as corruption and deletes nothing', async () => {
    await t.core.workspace.create({ dir, name: 'ws', passphrase: PASSPHRASE });
    addParties(t.core.workspace.db(), 2000);
    await t.core.workspace.close();
    const file = join(dir, 'workspace.db');
    const bytes = readFileSync(file);
    bytes[4096 * 5 + 100]! ^= 0x01;
    writeFileSync(file, bytes);
    await expectCode(t.core.workspace.unlock({ dir, passphrase: PASSPHRASE }), 'WORKSPACE_CORRUPT');
    expect(statSync(file).size).toBe(bytes.length);
    expect(existsSync(join(dir, 'workspace.json'))).toBe(true);
  });

  it('detects a truncated file as corruption', async () => {
    await t.core.workspace.create({ dir, name: 'ws', passphrase: PASSPHRASE });
    addParties(t.core.workspace.db(), 2000);
    await t.core.workspace.close();
    const file = join(dir, 'workspace.db');
    truncateSync(file, statSync(file).size - 4096 * 3);
    await expectCode(t.core.workspace.unlock({ dir, passphrase: PASSPHRASE }), 'WORKSPACE_CORRUPT');
    // Truncation by less than a page is caught too.
    truncateSync(file, statSync(file).size - 100);
    await expectCode(t.core.workspace.unlock({ dir, passphrase: PASSPHRASE }), 'WORKSPACE_CORRUPT');
  });

  it('reports a damaged key file as corruption', async () => {
    await t.core.workspace.create({ dir, name: 'ws', passphrase: PASSPHRASE });
    await t.core.workspace.close();
    writeFileSync(join(dir, 'workspace.json'), '{"format":"portcullis-workspace", "trunc');
    await expectCode(t.core.workspace.unlock({ dir, passphrase: PASSPHRASE }), 'WORKSPACE_CORRUPT');
  });

  it('lets one process write: a second process gets WORKSPACE_IN_USE', async () => {
    await t.core.workspace.create({ dir, name: 'ws', passphrase: PASSPHRASE });
    const script = `
      import { acquireWriterLock } from ${JSON.stringify(join(process.cwd(), 'electron/core/workspace/writer-lock.ts'))};
      try { acquireWriterLock(${JSON.stringify(dir)}); console.log('acquired'); } catch (e) { console.log(e.code); }`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(child.stdout.trim()).toBe('WORKSPACE_IN_USE');
    // Locked (key forgotten) still holds the folder; closing lets go.
    await t.core.workspace.lock();
    expect(spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).stdout.trim()).toBe('WORKSPACE_IN_USE');
    await t.core.workspace.close();
    expect(spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).stdout.trim()).toBe('acquired');
  });

  it('auto-locks after the idle minutes, and activity pushes it back', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      await t.core.workspace.create({ dir, name: 'ws', passphrase: PASSPHRASE });
      t.core.workspace.updateSettings({ autoLockMinutes: 2 });
      await vi.advanceTimersByTimeAsync(90_000);
      t.core.workspace.touch();
      await vi.advanceTimersByTimeAsync(90_000);
      expect(t.core.workspace.status().state).toBe('unlocked');
      await vi.advanceTimersByTimeAsync(31_000);
      expect(t.core.workspace.status().state).toBe('locked');
    } finally {
      vi.useRealTimers();
    }
  });

  it('writes the audit trail of what happened', async () => {
    await t.core.workspace.create({ dir, name: 'ws', passphrase: PASSPHRASE });
    await t.core.workspace.lock();
    await t.core.workspace.unlock({ dir, passphrase: PASSPHRASE });
    const actions = (t.core.workspace.db().prepare('SELECT action FROM audit_log ORDER BY seq').all() as { action: string }[]).map((r) => r.action);
    expect(actions).toEqual(['workspace.create', 'workspace.unlock']);
  });

  it('the raw database refuses every key but its own', async () => {
    await t.core.workspace.create({ dir, name: 'ws', passphrase: PASSPHRASE });
    await t.core.workspace.close();
    const db = new Database(join(dir, 'workspace.db'));
    expect(() => db.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow();
    db.close();
  });
});
