import { join } from 'node:path';
import { safeStorage } from 'electron';
import { createEncryptedSecretStore, type SecretStore } from '../services/secrets';

/**
 * API keys in the desktop app: encrypted with the OS keychain through Electron's
 * `safeStorage`, in a 0600 file inside a 0700 folder of the user's data directory.
 */
export function createSafeStorageSecretStore(dataDir: string, log: (line: string) => void): SecretStore {
  return createEncryptedSecretStore(
    join(dataDir, 'secrets', 'keys.json'),
    {
      encrypt: (plain) => safeStorage.encryptString(plain),
      decrypt: (data) => safeStorage.decryptString(data),
      isAvailable: () => safeStorage.isEncryptionAvailable(),
    },
    { log },
  );
}
