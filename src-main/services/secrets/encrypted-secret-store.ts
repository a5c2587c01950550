import { createSecretFileStore } from './secret-file-store';
import type { SecretCipher, SecretStore } from './secret-store';

export interface EncryptedSecretStoreOptions {
  /** Where the one-time "falling back" notes go; console.warn by default. */
  log?: (line: string) => void;
}

/**
 * Desktop: each key is encrypted with the shell's cipher (Electron safeStorage) before it
 * reaches the private file. When the cipher is unavailable (no keyring on Linux, or before
 * the app is ready) keys are kept like web mode, in plain text in the 0600 file, and that is
 * logged once so the user can tell why.
 */
export function createEncryptedSecretStore(file: string, cipher: SecretCipher, options: EncryptedSecretStoreOptions = {}): SecretStore {
  const log = options.log ?? ((line: string) => console.warn(line));
  let warnedFallback = false;
  let warnedUnreadable = false;
  const available = () => {
    const yes = cipher.isAvailable();
    if (!yes && !warnedFallback) {
      warnedFallback = true;
      log(`Secure storage is not available; API keys are kept unencrypted in ${file} (readable only by you).`);
    }
    return yes;
  };

  return createSecretFileStore(file, {
    encode(value) {
      if (!available()) return { encoding: 'plain', value };
      return { encoding: 'encrypted', value: cipher.encrypt(value).toString('base64') };
    },
    decode(name, entry) {
      if (entry.encoding === 'plain') return entry.value;
      if (!available()) {
        if (!warnedUnreadable) {
          warnedUnreadable = true;
          log(`The key "${name}" was encrypted with secure storage, which is not available now; it reads as unset.`);
        }
        return null;
      }
      try {
        return cipher.decrypt(Buffer.from(entry.value, 'base64'));
      } catch {
        // Encrypted under another OS user or keyring: unusable, so treat as unset rather than crash.
        log(`The key "${name}" could not be decrypted (was it saved by another user or keyring?); it reads as unset.`);
        return null;
      }
    },
  });
}
