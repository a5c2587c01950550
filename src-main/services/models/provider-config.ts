import type { StoredProvider } from './model-settings';
import { builtInProviders, compatiblePresets, findBuiltIn, findPreset, type ProviderDefinition, type ProviderKind } from './provider-definitions';

export type Env = Record<string, string | undefined>;

/** A provider with settings, environment and defaults merged: what a request would use. */
export interface ProviderConfig {
  id: string;
  kind: ProviderKind;
  label: string;
  enabled: boolean;
  /** Anthropic, OpenAI, Google, Moonshot: always listed, cannot be removed. */
  builtIn: boolean;
  /** The preset it was made from (`ollama`, `openrouter`, ...), if any. */
  preset: string | null;
  /** Whether the user saved anything for it (an unsaved preset is usable but not listed). */
  saved: boolean;
  baseURL: string;
  baseURLSource: 'default' | 'env' | 'settings';
  keyEnv: string[];
  keyRequired: boolean;
  models: string[];
  /**
   * How an OpenAI-kind provider is spoken to: the Responses API on OpenAI's own API (the only API
   * of its codex-tuned models), Chat Completions on another server behind `OPENAI_BASE_URL` (the
   * API every OpenAI-compatible server speaks). `OPENAI_API=responses|chat-completions` overrides
   * it (a proxy in front of OpenAI). Other kinds: `native`.
   */
  api: OpenAIApi | 'native';
}

export type OpenAIApi = 'responses' | 'chat-completions';

const nonEmpty = (value: string | undefined) => (value && value.trim() ? value.trim() : undefined);
const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '');

function merge(definition: ProviderDefinition | undefined, stored: StoredProvider | undefined, env: Env): ProviderConfig | undefined {
  const base = definition ?? (stored ? customDefinition(stored) : undefined);
  if (!base) return undefined;
  const envURL = base.baseURLEnv ? nonEmpty(env[base.baseURLEnv]) : undefined;
  const baseURL = withoutTrailingSlash(stored?.baseURL ?? envURL ?? base.defaultBaseURL);
  const baseURLSource = stored?.baseURL ? 'settings' : envURL ? 'env' : 'default';
  const onOwnServer = baseURL !== base.defaultBaseURL;
  // api.openai.com needs a key; a local server reached through OPENAI_BASE_URL often does not.
  const keyRequired = base.kind === 'openai' && onOwnServer ? false : base.keyRequired;
  // The suggested list names the vendor's models, which another server behind the URL may not have.
  const suggested = base.kind !== 'openai-compatible' && onOwnServer ? [] : base.suggestedModels;
  return {
    id: base.id,
    kind: base.kind,
    label: stored?.label ?? base.label,
    enabled: stored?.enabled ?? true,
    builtIn: findBuiltIn(base.id) !== undefined,
    preset: findPreset(base.id)?.id ?? null,
    saved: stored !== undefined,
    baseURL,
    baseURLSource,
    keyEnv: base.keyEnv,
    keyRequired,
    models: unique([...suggested, ...(stored?.models ?? [])]),
    api: base.kind === 'openai' ? openaiApi(env, onOwnServer) : 'native',
  };
}

function openaiApi(env: Env, onOwnServer: boolean): OpenAIApi {
  const chosen = nonEmpty(env.OPENAI_API)?.toLowerCase();
  if (chosen === 'responses' || chosen === 'chat-completions') return chosen;
  return onOwnServer ? 'chat-completions' : 'responses';
}

function customDefinition(stored: StoredProvider): ProviderDefinition {
  return {
    id: stored.id,
    kind: 'openai-compatible',
    label: stored.label ?? stored.id,
    defaultBaseURL: stored.baseURL ?? '',
    keyEnv: [],
    keyRequired: false,
    suggestedModels: [],
  };
}

const unique = (values: string[]) => [...new Set(values)];

/** Every provider to show: the built-ins, then saved endpoints (presets included) in saved order. */
export function listProviderConfigs(stored: StoredProvider[], env: Env): ProviderConfig[] {
  const byId = new Map(stored.map((entry) => [entry.id, entry]));
  const builtIns = builtInProviders.map((definition) => merge(definition, byId.get(definition.id), env) as ProviderConfig);
  const endpoints = stored
    .filter((entry) => !findBuiltIn(entry.id))
    .map((entry) => merge(findPreset(entry.id), entry, env))
    .filter((config): config is ProviderConfig => config !== undefined);
  return [...builtIns, ...endpoints];
}

/** One provider by id, including presets nobody saved yet (so `ollama:qwen3-coder` just works). */
export function findProviderConfig(id: string, stored: StoredProvider[], env: Env): ProviderConfig | undefined {
  const entry = stored.find((candidate) => candidate.id === id);
  return merge(findBuiltIn(id) ?? findPreset(id), entry, env);
}

export function knownProviderIds(stored: StoredProvider[]): string[] {
  return unique([...builtInProviders.map((p) => p.id), ...compatiblePresets.map((p) => p.id), ...stored.map((p) => p.id)]);
}
