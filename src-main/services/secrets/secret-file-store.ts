import { readPrivateFile, writePrivateFileAtomic } from './private-file';
import type { SecretStore } from './secret-store';

/** One stored secret; `encoding` says how `value` must be read back. */
export interface SecretEntry {
  encoding: 'plain' | 'encrypted';
  /** The secret itself (plain) or base64 ciphertext (encrypted). */
  value: string;
}

interface SecretFile {
  version: 1;
  secrets: Record<string, SecretEntry>;
}

/** How a store turns values into entries and back; `decode` may return null for "unreadable here". */
export interface SecretCodec {
  encode(value: string): SecretEntry;
  decode(name: string, entry: SecretEntry): string | null;
}

/**
 * A SecretStore over one private JSON file. Writes are serialised so two `set`s at once never
 * lose each other's key; every read goes to disk, so a key changed by hand is seen at once.
 */
export function createSecretFileStore(file: string, codec: SecretCodec): SecretStore {
  let queue: Promise<unknown> = Promise.resolve();
  const serialised = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  async function load(): Promise<SecretFile> {
    const data = await readPrivateFile(file);
    if (data === null) return { version: 1, secrets: {} };
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString('utf8'));
    } catch {
      throw new Error(`The secrets file ${file} is not valid JSON. Fix or delete it, then enter the keys again.`);
    }
    const secrets = (parsed as Partial<SecretFile> | null)?.secrets;
    if (typeof secrets !== 'object' || secrets === null) {
      throw new Error(`The secrets file ${file} has an unknown layout. Fix or delete it, then enter the keys again.`);
    }
    return { version: 1, secrets };
  }

  const save = (content: SecretFile) => writePrivateFileAtomic(file, `${JSON.stringify(content, null, 2)}\n`);

  return {
    async get(name) {
      await queue;
      const entry = (await load()).secrets[name];
      if (!entry || typeof entry.value !== 'string') return null;
      return codec.decode(name, entry);
    },
    set(name, value) {
      return serialised(async () => {
        const content = await load();
        content.secrets[name] = codec.encode(value);
        await save(content);
      });
    },
    delete(name) {
      return serialised(async () => {
        const content = await load();
        if (!(name in content.secrets)) return;
        delete content.secrets[name];
        await save(content);
      });
    },
    async list() {
      await queue;
      return Object.keys((await load()).secrets).sort();
    },
  };
}

/** Web mode: keys in a file only the user can read (0600 in a 0700 folder). */
export function createFileSecretStore(file: string): SecretStore {
  return createSecretFileStore(file, {
    encode: (value) => ({ encoding: 'plain', value }),
    decode: (_name, entry) => (entry.encoding === 'plain' ? entry.value : null),
  });
}
