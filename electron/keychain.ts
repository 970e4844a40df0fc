// Whether the OS keychain can protect a key: Electron's safeStorage, refused where Linux offers only its
// plain-text fallback (DESIGN.md, "The workspace").
import type { SafeStorage } from 'electron';
import type { Keychain } from './core/workspace/workspace-service.ts';

export function keychainUsable(
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable'> & { getSelectedStorageBackend?: () => string },
  platform: NodeJS.Platform = process.platform,
): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
    return backend !== 'basic_text' && backend !== 'unknown';
  }
  return true;
}

/** The data key wrapped with safeStorage, as the workspace key file stores it (base64). */
export function safeStorageKeychain(safeStorage: Pick<SafeStorage, 'encryptString' | 'decryptString'>): Keychain {
  return {
    wrap: (dataKey) => safeStorage.encryptString(dataKey.toString('hex')).toString('base64'),
    unwrap: (blob) => Buffer.from(safeStorage.decryptString(Buffer.from(blob, 'base64')), 'hex'),
  };
}
