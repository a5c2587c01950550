import type { Env, ProviderConfig } from './provider-config';
import type { ProviderKind } from './provider-definitions';

export type KeySource = 'env' | 'settings' | 'none';

/** What Settings → Models shows about a provider. Deliberately has no field for the key. */
export interface ProviderStatus {
  id: string;
  kind: ProviderKind;
  label: string;
  enabled: boolean;
  builtIn: boolean;
  preset: string | null;
  /** Enabled and has what a request needs (a key, unless the server needs none). */
  configured: boolean;
  keySource: KeySource;
  /** The variable the key came from when `keySource` is `env`, e.g. `OPENAI_API_KEY`. */
  keyEnvVar: string | null;
  keyRequired: boolean;
  baseURL: string;
  baseURLSource: 'default' | 'env' | 'settings';
  /** Model ids to offer in pickers. */
  models: string[];
  /** Why it is not usable, in words; null when configured. */
  problem: string | null;
}

export interface StoredKeys {
  /** Provider id → key typed in Settings. */
  keys: Map<string, string>;
  /** Set when the secret store could not be read (e.g. a secrets file others can read). */
  problem: string | null;
}

/** A key saved in Settings wins over the environment: the user typed it in Braid on purpose. */
export function keyFor(config: ProviderConfig, stored: StoredKeys, env: Env): { value: string | undefined; source: KeySource; envVar: string | null } {
  const saved = stored.keys.get(config.id);
  if (saved) return { value: saved, source: 'settings', envVar: null };
  for (const name of config.keyEnv) {
    const value = env[name]?.trim();
    if (value) return { value, source: 'env', envVar: name };
  }
  return { value: undefined, source: 'none', envVar: null };
}

export function describeProviderStatus(config: ProviderConfig, stored: StoredKeys, env: Env): ProviderStatus {
  const key = keyFor(config, stored, env);
  const missingKey = config.keyRequired && !key.value;
  let problem: string | null = null;
  if (!config.enabled) problem = 'Turned off.';
  else if (missingKey && stored.problem) problem = `The saved key could not be read: ${stored.problem}`;
  else if (missingKey) problem = config.keyEnv.length ? `No API key: set ${config.keyEnv.join(' or ')} or enter one.` : 'No API key: enter one.';
  return {
    id: config.id,
    kind: config.kind,
    label: config.label,
    enabled: config.enabled,
    builtIn: config.builtIn,
    preset: config.preset,
    configured: problem === null,
    keySource: key.source,
    keyEnvVar: key.envVar,
    keyRequired: config.keyRequired,
    baseURL: config.baseURL,
    baseURLSource: config.baseURLSource,
    models: config.models,
    problem,
  };
}
