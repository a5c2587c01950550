/**
 * Where API keys live. Never SQLite, never the renderer: the host reads a key only to hand it
 * to a provider client. Names are opaque strings chosen by the caller (e.g. `apiKey.openai`).
 */
export interface SecretStore {
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
  list(): Promise<string[]>;
}

/**
 * Encryption supplied by the desktop shell (Electron `safeStorage`), so this folder never
 * imports electron. `isAvailable()` is asked on every use: safeStorage only works after the
 * app is ready and may be missing on Linux without a keyring.
 */
export interface SecretCipher {
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
  isAvailable(): boolean;
}

/** The secrets file can be read by other users, so Braid refuses to trust or extend it. */
export class InsecureSecretFileError extends Error {
  constructor(
    readonly file: string,
    readonly mode: number,
  ) {
    super(
      `Braid will not read ${file}: other users can read it (mode ${(mode & 0o777).toString(8).padStart(3, '0')}). ` +
        `Run: chmod 600 "${file}"`,
    );
    this.name = 'InsecureSecretFileError';
  }
}
