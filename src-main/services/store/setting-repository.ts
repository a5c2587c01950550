import type { Db } from './database';

/** Non-secret settings as JSON values. Secrets never come here: see services/secrets. */
export interface SettingsStore {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

export function createSettingRepository(db: Db, now: () => number = Date.now): SettingsStore {
  const select = db.prepare<[string], { value: string }>('SELECT value FROM setting WHERE key = ?');
  const upsert = db.prepare(
    'INSERT INTO setting (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  );
  const remove = db.prepare('DELETE FROM setting WHERE key = ?');
  return {
    get<T>(key: string): T | undefined {
      const row = select.get(key);
      if (!row) return undefined;
      try {
        return JSON.parse(row.value) as T;
      } catch {
        // A hand-edited or corrupted value reads as unset rather than crashing start-up.
        return undefined;
      }
    },
    set(key, value) {
      upsert.run(key, JSON.stringify(value ?? null), now());
    },
    delete(key) {
      remove.run(key);
    },
  };
}
