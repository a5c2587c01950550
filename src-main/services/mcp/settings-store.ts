/**
 * The slice of the app's settings the MCP service needs (JSON values by key). The host backs it
 * with SQLite (store/setting-repository.ts); tests use `createMemorySettings`.
 */
export interface McpSettingsStore {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
}

export function createMemorySettings(initial: Record<string, unknown> = {}): McpSettingsStore {
  const values = new Map<string, string>(Object.entries(initial).map(([key, value]) => [key, JSON.stringify(value)]));
  return {
    get: <T>(key: string) => {
      const stored = values.get(key);
      return stored === undefined ? undefined : (JSON.parse(stored) as T);
    },
    set: (key, value) => void values.set(key, JSON.stringify(value ?? null)),
  };
}
