import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../testing/temp-folders';
import { createEncryptedSecretStore, type SecretCipher } from './index';

/** A reversible stand-in for safeStorage: XOR with a key the test can switch off. */
function fakeCipher(key = 0x5a) {
  const state = { available: true, key };
  const xor = (data: Buffer) => Buffer.from(data.map((byte) => byte ^ state.key));
  const cipher: SecretCipher = {
    encrypt: (plain) => xor(Buffer.from(`enc:${plain}`, 'utf8')),
    decrypt: (data) => {
      const text = xor(data).toString('utf8');
      if (!text.startsWith('enc:')) throw new Error('bad ciphertext');
      return text.slice(4);
    },
    isAvailable: () => state.available,
  };
  return { cipher, state };
}

function logged() {
  const lines: string[] = [];
  return { lines, log: (line: string) => lines.push(line) };
}

describe('encrypted secret store (desktop)', () => {
  it('writes only ciphertext to a private file and reads the key back', async () => {
    const file = join(tempFolder(), 'secrets', 'keys.json');
    const { cipher } = fakeCipher();
    await createEncryptedSecretStore(file, cipher).set('apiKey.anthropic', 'sk-ant-secret');

    expect(readFileSync(file, 'utf8')).not.toContain('sk-ant-secret');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await createEncryptedSecretStore(file, cipher).get('apiKey.anthropic')).toBe('sk-ant-secret');
  });

  it('falls back to the private plain file when secure storage is unavailable, and says so once', async () => {
    const file = join(tempFolder(), 'keys.json');
    const { cipher, state } = fakeCipher();
    state.available = false;
    const { lines, log } = logged();
    const store = createEncryptedSecretStore(file, cipher, { log });
    await store.set('apiKey.openai', 'sk-one');
    await store.set('apiKey.google', 'g-two');

    expect(await store.get('apiKey.openai')).toBe('sk-one');
    expect(lines).toEqual([`Secure storage is not available; API keys are kept unencrypted in ${file} (readable only by you).`]);
    // Once the keyring is back, the keys saved meanwhile still read.
    state.available = true;
    expect(await store.get('apiKey.google')).toBe('g-two');
  });

  it('treats a key it cannot decrypt as unset instead of failing', async () => {
    const file = join(tempFolder(), 'keys.json');
    await createEncryptedSecretStore(file, fakeCipher(0x11).cipher).set('apiKey.openai', 'sk-one');

    const { lines, log } = logged();
    const otherKeyring = createEncryptedSecretStore(file, fakeCipher(0x22).cipher, { log });
    expect(await otherKeyring.get('apiKey.openai')).toBeNull();
    expect(lines.join('\n')).toContain('"apiKey.openai" could not be decrypted');

    const { cipher, state } = fakeCipher(0x11);
    state.available = false;
    expect(await createEncryptedSecretStore(file, cipher, { log }).get('apiKey.openai')).toBeNull();
    expect(await createEncryptedSecretStore(file, cipher, { log }).list()).toEqual(['apiKey.openai']);
  });
});
