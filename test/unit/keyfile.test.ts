import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveWrappingKey, newKeyFile, parseKeyFile, rewrapKeyFile, unlockKeyFile, unwrapKey, wrapKey } from '../../electron/core/workspace/keyfile.ts';
import { TEST_KDF } from './helpers/workspace.ts';

describe('key file', () => {
  it('wraps a random 256-bit key that only the passphrase unwraps', async () => {
    const { keyFile, dataKey } = await newKeyFile('ws', 'a good long passphrase', TEST_KDF);
    expect(dataKey).toHaveLength(32);
    expect((await unlockKeyFile(keyFile, 'a good long passphrase')).equals(dataKey)).toBe(true);
    await expect(unlockKeyFile(keyFile, 'a good long passphrasE')).rejects.toMatchObject({ code: 'WORKSPACE_WRONG_PASSPHRASE' });
    expect(JSON.stringify(keyFile)).not.toContain(dataKey.toString('hex'));
    expect(JSON.stringify(keyFile)).not.toContain(dataKey.toString('base64'));
  });

  it('rewraps the same key under a new passphrase and a new salt', async () => {
    const { keyFile, dataKey } = await newKeyFile('ws', 'first passphrase here', TEST_KDF);
    const next = await rewrapKeyFile(keyFile, dataKey, 'second passphrase here', TEST_KDF);
    expect(next.kdf.salt).not.toBe(keyFile.kdf.salt);
    expect((await unlockKeyFile(next, 'second passphrase here')).equals(dataKey)).toBe(true);
    await expect(unlockKeyFile(next, 'first passphrase here')).rejects.toMatchObject({ code: 'WORKSPACE_WRONG_PASSPHRASE' });
  });

  it('binds the wrap to the workspace id and the KDF parameters', async () => {
    const kdf = { alg: 'scrypt' as const, ...TEST_KDF, salt: randomBytes(16).toString('base64') };
    const wk = await deriveWrappingKey('p', kdf);
    const key = randomBytes(32);
    const wrapped = wrapKey(key, wk, 'id-1', kdf);
    expect(unwrapKey(wrapped, wk, 'id-1', kdf).equals(key)).toBe(true);
    expect(() => unwrapKey(wrapped, wk, 'id-2', kdf)).toThrowError(expect.objectContaining({ code: 'WORKSPACE_WRONG_PASSPHRASE' }));
    expect(() => unwrapKey(wrapped, wk, 'id-1', { ...kdf, N: 2 ** 10 })).toThrowError(expect.objectContaining({ code: 'WORKSPACE_WRONG_PASSPHRASE' }));
  });

  it('stores the scrypt parameters, and refuses damaged or future key files', async () => {
    const { keyFile } = await newKeyFile('ws', 'a good long passphrase');
    expect(keyFile.kdf).toMatchObject({ alg: 'scrypt', N: 2 ** 17, r: 8, p: 1 });
    expect(() => parseKeyFile('{not json')).toThrowError(expect.objectContaining({ code: 'WORKSPACE_CORRUPT' }));
    expect(() => parseKeyFile(JSON.stringify({ ...keyFile, wrap: undefined }))).toThrowError(expect.objectContaining({ code: 'WORKSPACE_CORRUPT' }));
    expect(() => parseKeyFile(JSON.stringify({ ...keyFile, version: 2 }))).toThrowError(expect.objectContaining({ code: 'WORKSPACE_FROM_NEWER_VERSION' }));
  });
});
