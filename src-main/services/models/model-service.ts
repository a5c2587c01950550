import type { LanguageModel } from 'ai';
import { fail, ok, taskRoles, type Result, type TaskRole } from '../../../src-shared/contract';
import type { SecretStore } from '../secrets';
import { testProviderConnection, type ConnectionTestResult } from './connection-test';
import { createSampledLanguageModel, type FetchFunction } from './create-language-model';
import type { ResponseFacts } from './response-sample';
import { chooseModelRef, envDefaultRef, type ModelChoiceSource } from './default-model';
import { defaultOllamaURL, detectOllama, type OllamaDetection } from './detect-ollama';
import { lookupModel, type ModelInfo } from './model-catalog';
import { parseModelRef } from './model-ref';
import {
  providerInputSchema,
  readRoleDefaults,
  readStoredProviders,
  writeRoleDefaults,
  writeStoredProviders,
  type ProviderInput,
  type SettingsStore,
  type StoredProvider,
} from './model-settings';
import { findProviderConfig, knownProviderIds, listProviderConfigs, type Env, type ProviderConfig } from './provider-config';
import { compatiblePresets, findBuiltIn, findPreset, type ProviderKind } from './provider-definitions';
import { describeProviderStatus, keyFor, type ProviderStatus, type StoredKeys } from './provider-status';

export interface ModelServiceOptions {
  /** Non-secret settings (SQLite in the app). */
  settings: SettingsStore;
  /** API keys typed in Settings (safeStorage on desktop, a 0600 file in web mode). */
  secrets: SecretStore;
  /** Where `*_API_KEY`, `OPENAI_BASE_URL` and `BRAID_MODEL` are read; process.env by default. */
  env?: Env;
  /** Used for every provider request (tests, proxies); global fetch by default. */
  fetch?: FetchFunction;
  now?: () => number;
  /** How long "test connection" waits for an answer. Default 20 s. */
  connectionTimeoutMs?: number;
  /** Default http://127.0.0.1:11434. */
  ollamaURL?: string;
}

export interface ResolvedModel {
  /** Ready for `streamText` / `generateText`. */
  model: LanguageModel;
  /** The full `<provider>:<model>` reference that was used. */
  ref: string;
  providerId: string;
  modelId: string;
  kind: ProviderKind;
  /** Price and context window. */
  info: ModelInfo;
  /** Anthropic honours prompt-caching markers on the stable prefix. */
  promptCaching: boolean;
  source: ModelChoiceSource;
  /** What the endpoint last answered this model, safely described (for "what came back"). */
  lastResponse(): ResponseFacts | undefined;
}

export interface RoleDefaultStatus {
  role: TaskRole;
  /** The model a task of this role gets when it names none; null when there is none. */
  ref: string | null;
  source: 'settings' | 'env' | 'automatic' | 'none';
}

export interface ProviderPreset {
  id: string;
  label: string;
  baseURL: string;
  keyRequired: boolean;
}

export interface ModelService {
  /** Every provider with whether it is usable and where its key comes from; never the key. */
  listProviders(): Promise<ProviderStatus[]>;
  /** Starting points for a new OpenAI-compatible endpoint (Ollama, LM Studio, vLLM, OpenRouter). */
  listPresets(): ProviderPreset[];
  /** Adds a compatible endpoint or changes a provider's label, base URL, model list or on/off. */
  saveProvider(input: ProviderInput): Promise<Result<ProviderStatus>>;
  /** Deletes a saved endpoint and its key; for a built-in, resets its settings (the key stays). */
  removeProvider(providerId: string): Promise<Result<{ removed: true }>>;
  setApiKey(providerId: string, key: string): Promise<Result<ProviderStatus>>;
  removeApiKey(providerId: string): Promise<Result<ProviderStatus>>;
  roleDefaults(): Promise<RoleDefaultStatus[]>;
  /** `null` clears the role's default. */
  setRoleDefault(role: TaskRole, modelRef: string | null): Promise<Result<RoleDefaultStatus[]>>;
  /** The model for a task: `modelRef` when given, else the role default, `BRAID_MODEL`, or a keyed provider's default. */
  resolveModel(modelRef: string | null | undefined, role: TaskRole): Promise<Result<ResolvedModel>>;
  /** Price and window for a reference, without needing a key; unknown models get no price. */
  describeModel(modelRef: string): ModelInfo;
  /** A real tiny request; failures name the key, the network (with URL) or the model. */
  testConnection(providerId: string, modelId?: string): Promise<Result<ConnectionTestResult>>;
  detectOllama(): Promise<OllamaDetection>;
}

const keyName = (providerId: string) => `apiKey.${providerId}`;
const keyNamePrefix = 'apiKey.';

export function createModelService(options: ModelServiceOptions): ModelService {
  const env = options.env ?? process.env;
  const now = options.now ?? Date.now;
  const { settings, secrets } = options;
  const stored = () => readStoredProviders(settings);

  /** Also offers the models the user already named for this provider (role defaults, BRAID_MODEL). */
  function withNamedModels(config: ProviderConfig): ProviderConfig {
    const refs = [...Object.values(readRoleDefaults(settings)), envDefaultRef(env, stored())];
    const named = refs.flatMap((ref) => {
      const parsed = ref ? parseModelRef(ref) : undefined;
      return parsed?.ok && parsed.data.providerId === config.id ? [parsed.data.modelId] : [];
    });
    return { ...config, models: [...new Set([...named, ...config.models])] };
  }
  const providerById = (id: string) => {
    const config = findProviderConfig(id, stored(), env);
    return config && withNamedModels(config);
  };
  const allProviders = () => listProviderConfigs(stored(), env).map(withNamedModels);

  // Keys are read once and then kept current by our own writes; a failed read (say, a secrets
  // file others can read) is retried next time, so fixing the permissions needs no restart.
  let keysCache: Map<string, string> | undefined;
  async function storedKeys(): Promise<StoredKeys> {
    if (keysCache) return { keys: keysCache, problem: null };
    try {
      const names = (await secrets.list()).filter((name) => name.startsWith(keyNamePrefix));
      const keys = new Map<string, string>();
      for (const name of names) {
        const value = await secrets.get(name);
        if (value) keys.set(name.slice(keyNamePrefix.length), value);
      }
      keysCache = keys;
      return { keys, problem: null };
    } catch (error) {
      return { keys: new Map(), problem: error instanceof Error ? error.message : String(error) };
    }
  }

  async function status(config: ProviderConfig): Promise<ProviderStatus> {
    return describeProviderStatus(config, await storedKeys(), env);
  }

  /** The provider behind `providerId`, with its key, or why it cannot be used. */
  async function usableProvider(providerId: string, context: string): Promise<Result<{ config: ProviderConfig; apiKey: string | undefined }>> {
    const list = stored();
    const config = findProviderConfig(providerId, list, env);
    if (!config) {
      return fail('MODEL_NOT_CONFIGURED', `No provider "${providerId}" (${context}). Known providers: ${knownProviderIds(list).join(', ')}. Add it in Settings → Models.`);
    }
    if (!config.enabled) return fail('MODEL_NOT_CONFIGURED', `${config.label} is turned off in Settings → Models (${context}).`);
    const keys = await storedKeys();
    const key = keyFor(config, keys, env);
    if (!key.value && config.keyRequired) {
      if (keys.problem) return fail('SECRETS_UNREADABLE', `The ${config.label} API key could not be read: ${keys.problem}`);
      const where = config.keyEnv.length ? `set ${config.keyEnv.join(' or ')} or enter one` : 'enter one';
      return fail('MODEL_NOT_CONFIGURED', `${config.label} has no API key (${context}): ${where} in Settings → Models.`);
    }
    return ok({ config, apiKey: key.value });
  }

  async function usableBuiltIns(): Promise<ProviderConfig[]> {
    const keys = await storedKeys();
    return allProviders().filter((config) => config.builtIn && config.enabled && keyFor(config, keys, env).value);
  }

  async function roleDefaults(): Promise<RoleDefaultStatus[]> {
    const saved = readRoleDefaults(settings);
    const fromEnv = envDefaultRef(env, stored());
    const automatic = fromEnv ? undefined : (await usableBuiltIns()).find((config) => config.models.length > 0);
    return taskRoles.map((role): RoleDefaultStatus => {
      if (saved[role]) return { role, ref: saved[role], source: 'settings' };
      if (fromEnv) return { role, ref: fromEnv, source: 'env' };
      if (automatic) return { role, ref: `${automatic.id}:${automatic.models[0]}`, source: 'automatic' };
      return { role, ref: null, source: 'none' };
    });
  }

  async function writeKey(providerId: string, change: (name: string) => Promise<void>): Promise<Result<ProviderStatus>> {
    const list = stored();
    const config = findProviderConfig(providerId, list, env);
    if (!config) return fail('NOT_FOUND', `No provider "${providerId}".`);
    try {
      await change(keyName(providerId));
    } catch (error) {
      return fail('SECRETS_UNREADABLE', `The key could not be changed: ${error instanceof Error ? error.message : String(error)}`);
    }
    // Keying a preset nobody saved yet (e.g. OpenRouter) makes it one of the user's providers.
    if (!config.saved && !config.builtIn) writeStoredProviders(settings, [...list, { id: config.id, kind: config.kind }]);
    return ok(await status(providerById(providerId) as ProviderConfig));
  }

  return {
    async listProviders() {
      const keys = await storedKeys();
      return allProviders().map((config) => describeProviderStatus(config, keys, env));
    },

    listPresets() {
      return compatiblePresets.map((preset) => ({ id: preset.id, label: preset.label, baseURL: preset.defaultBaseURL, keyRequired: preset.keyRequired }));
    },

    async saveProvider(input) {
      const parsed = providerInputSchema.safeParse(input);
      if (!parsed.success) return fail('INVALID_INPUT', parsed.error.issues.map((issue) => `${issue.path.join('.') || 'provider'}: ${issue.message}`).join('; '));
      const { id, label, enabled, baseURL, models } = parsed.data;
      const list = stored();
      const existing = list.find((entry) => entry.id === id);
      const builtIn = findBuiltIn(id);
      const next: StoredProvider = { ...existing, id, kind: builtIn?.kind ?? 'openai-compatible' };
      if (label !== undefined) next.label = label;
      if (enabled !== undefined) next.enabled = enabled;
      if (models !== undefined) next.models = models;
      if (baseURL === null) delete next.baseURL;
      else if (baseURL !== undefined) next.baseURL = baseURL;
      if (!builtIn && !findPreset(id) && !next.baseURL) {
        return fail('INVALID_INPUT', `The endpoint "${id}" needs a base URL, e.g. http://127.0.0.1:8000/v1.`);
      }
      writeStoredProviders(settings, existing ? list.map((entry) => (entry.id === id ? next : entry)) : [...list, next]);
      return ok(await status(providerById(id) as ProviderConfig));
    },

    async removeProvider(providerId) {
      const list = stored();
      const isBuiltIn = findBuiltIn(providerId) !== undefined;
      if (!isBuiltIn && !list.some((entry) => entry.id === providerId)) return fail('NOT_FOUND', `No saved provider "${providerId}".`);
      writeStoredProviders(settings, list.filter((entry) => entry.id !== providerId));
      if (!isBuiltIn) {
        try {
          await secrets.delete(keyName(providerId));
          keysCache?.delete(providerId);
        } catch (error) {
          return fail('SECRETS_UNREADABLE', `The provider was removed, but its key could not be deleted: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      return ok({ removed: true as const });
    },

    async setApiKey(providerId, key) {
      const value = key.trim();
      if (!value) return fail('INVALID_INPUT', 'The API key is empty.');
      if (/\s/.test(value)) return fail('INVALID_INPUT', 'The API key contains spaces or line breaks; paste only the key.');
      return writeKey(providerId, async (name) => {
        await secrets.set(name, value);
        keysCache?.set(providerId, value);
      });
    },

    async removeApiKey(providerId) {
      return writeKey(providerId, async (name) => {
        await secrets.delete(name);
        keysCache?.delete(providerId);
      });
    },

    roleDefaults,

    async setRoleDefault(role, modelRef) {
      if (!taskRoles.includes(role)) return fail('INVALID_INPUT', `Unknown role "${role}"; one of ${taskRoles.join(', ')}.`);
      const defaults = readRoleDefaults(settings);
      if (modelRef === null || !modelRef.trim()) {
        delete defaults[role];
      } else {
        const parsed = parseModelRef(modelRef);
        if (!parsed.ok) return parsed;
        if (!findProviderConfig(parsed.data.providerId, stored(), env)) {
          return fail('NOT_FOUND', `No provider "${parsed.data.providerId}". Known providers: ${knownProviderIds(stored()).join(', ')}.`);
        }
        defaults[role] = `${parsed.data.providerId}:${parsed.data.modelId}`;
      }
      writeRoleDefaults(settings, defaults);
      return ok(await roleDefaults());
    },

    async resolveModel(modelRef, role) {
      const choice = chooseModelRef({
        requested: modelRef,
        role,
        roleDefaults: readRoleDefaults(settings),
        env,
        stored: stored(),
        usableBuiltIns: await usableBuiltIns(),
      });
      if (!choice) {
        return fail(
          'MODEL_NOT_CONFIGURED',
          `No model for the ${role} role: choose a default in Settings → Models, set an API key (e.g. ANTHROPIC_API_KEY or OPENAI_API_KEY), or set BRAID_MODEL.`,
        );
      }
      const parsed = parseModelRef(choice.ref);
      if (!parsed.ok) return parsed;
      const { providerId, modelId } = parsed.data;
      const ref = `${providerId}:${modelId}`;
      const provider = await usableProvider(providerId, `model "${ref}"`);
      if (!provider.ok) return provider;
      const { config, apiKey } = provider.data;
      const sampled = createSampledLanguageModel({ provider: config, modelId, apiKey, ...(options.fetch ? { fetch: options.fetch } : {}) });
      return ok({
        model: sampled.model,
        ref,
        providerId,
        modelId,
        kind: config.kind,
        info: lookupModel(modelId),
        promptCaching: config.kind === 'anthropic',
        source: choice.source,
        lastResponse: sampled.lastResponse,
      });
    },

    describeModel(modelRef) {
      const parsed = parseModelRef(modelRef);
      return lookupModel(parsed.ok ? parsed.data.modelId : modelRef);
    },

    async testConnection(providerId, modelId) {
      const config = providerById(providerId);
      if (!config) return fail('NOT_FOUND', `No provider "${providerId}".`);
      const keys = await storedKeys();
      const key = keyFor(config, keys, env);
      if (!key.value && config.keyRequired) {
        if (keys.problem) return fail('SECRETS_UNREADABLE', `The ${config.label} API key could not be read: ${keys.problem}`);
        return fail('MODEL_NOT_CONFIGURED', `${config.label} has no API key to test.`);
      }
      // Without a model named, the first known one: a role default or BRAID_MODEL come first.
      const chosen = modelId?.trim() || config.models[0];
      return testProviderConnection({
        provider: config,
        apiKey: key.value,
        modelId: chosen,
        fetch: options.fetch,
        timeoutMs: options.connectionTimeoutMs ?? 20_000,
        now,
      });
    },

    detectOllama() {
      return detectOllama({ baseURL: options.ollamaURL ?? defaultOllamaURL, fetch: options.fetch });
    },
  };
}
