import { chmodSync, linkSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../testing/temp-folders';
import { createFileSecretStore, InsecureSecretFileError } from './index';

const mode = (path: string) => statSync(path).mode & 0o777;
const posix = process.platform !== 'win32';

describe('file secret store (web mode)', () => {
  it('keeps keys across restarts and lists names without values', async () => {
    const file = join(tempFolder(), 'secrets', 'keys.json');
    const store = createFileSecretStore(file);
    expect(await store.get('apiKey.openai')).toBeNull();
    await store.set('apiKey.openai', 'sk-one');
    await store.set('apiKey.anthropic', 'sk-ant');
    await store.delete('apiKey.nothing-here');

    const reopened = createFileSecretStore(file);
    expect(await reopened.get('apiKey.openai')).toBe('sk-one');
    expect(await reopened.list()).toEqual(['apiKey.anthropic', 'apiKey.openai']);
    await reopened.delete('apiKey.openai');
    expect(await createFileSecretStore(file).get('apiKey.openai')).toBeNull();
    expect(await createFileSecretStore(file).list()).toEqual(['apiKey.anthropic']);
  });

  it.runIf(posix)('creates the file 0600 in a 0700 folder, even under a permissive umask', async () => {
    const folder = join(tempFolder(), 'secrets');
    const file = join(folder, 'keys.json');
    const previous = process.umask(0);
    try {
      await createFileSecretStore(file).set('apiKey.openai', 'sk-one');
    } finally {
      process.umask(previous);
    }
    expect(mode(file)).toBe(0o600);
    expect(mode(folder)).toBe(0o700);
  });

  it.runIf(posix)('refuses a file other users can read, telling the user to chmod 600', async () => {
    const file = join(tempFolder(), 'keys.json');
    const store = createFileSecretStore(file);
    await store.set('apiKey.openai', 'sk-one');
    chmodSync(file, 0o644);

    const reading = store.get('apiKey.openai');
    await expect(reading).rejects.toBeInstanceOf(InsecureSecretFileError);
    await expect(reading).rejects.toThrow(`chmod 600 "${file}"`);
    await expect(store.set('apiKey.anthropic', 'sk-ant')).rejects.toThrow(/other users can read it \(mode 644\)/);
    // Refusing means not touching it either: the loose file is left exactly as it was.
    expect(mode(file)).toBe(0o644);
    expect(JSON.parse(readFileSync(file, 'utf8')).secrets).not.toHaveProperty(['apiKey.anthropic']);

    chmodSync(file, 0o600);
    expect(await store.get('apiKey.openai')).toBe('sk-one');
  });

  it('replaces the file by rename, so a reader never sees half a write and no temp file is left', async () => {
    const folder = tempFolder();
    const file = join(folder, 'keys.json');
    const store = createFileSecretStore(file);
    await store.set('apiKey.openai', 'sk-old');
    // A second name for the old file: an in-place write would change what it shows.
    const oldLink = join(folder, 'old-link.json');
    linkSync(file, oldLink);

    await store.set('apiKey.openai', 'sk-new');

    expect(JSON.parse(readFileSync(oldLink, 'utf8')).secrets['apiKey.openai'].value).toBe('sk-old');
    expect(await store.get('apiKey.openai')).toBe('sk-new');
    expect(readdirSync(folder).sort()).toEqual(['keys.json', 'old-link.json']);
  });

  it('loses no key when many are saved at once', async () => {
    const file = join(tempFolder(), 'keys.json');
    const store = createFileSecretStore(file);
    const names = Array.from({ length: 12 }, (_, index) => `apiKey.provider-${index}`);
    await Promise.all(names.map((name) => store.set(name, `value-of-${name}`)));
    expect(await store.list()).toEqual([...names].sort());
    for (const name of names) expect(await store.get(name)).toBe(`value-of-${name}`);
  });

  it('names the file when its content is not JSON', async () => {
    const file = join(tempFolder(), 'keys.json');
    writeFileSync(file, '{ broken', { mode: 0o600 });
    await expect(createFileSecretStore(file).list()).rejects.toThrow(`${file} is not valid JSON`);
  });
});
