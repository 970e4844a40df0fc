// Whether the OS keychain can protect a key: Electron's safeStorage, refused where Linux offers only its
// plain-text fallback (DESIGN.md, "The workspace").
import type { SafeStorage } from 'electron';

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
