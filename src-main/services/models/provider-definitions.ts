/**
 * The providers Braid knows without being told: the four first-party APIs and the presets for
 * common OpenAI-compatible servers. Users add any number of further compatible endpoints.
 */

export const providerKinds = ['anthropic', 'openai', 'google', 'moonshot', 'openai-compatible'] as const;
export type ProviderKind = (typeof providerKinds)[number];

export interface ProviderDefinition {
  id: string;
  kind: ProviderKind;
  label: string;
  defaultBaseURL: string;
  /** Environment variables holding the key, first one set wins. */
  keyEnv: string[];
  /** Environment variable that overrides the base URL. */
  baseURLEnv?: string;
  /** False for local servers that accept any request. */
  keyRequired: boolean;
  /** Offered in the model picker; the first one is used when nothing else names a model. */
  suggestedModels: string[];
}

export const builtInProviders: readonly ProviderDefinition[] = [
  {
    id: 'anthropic',
    kind: 'anthropic',
    label: 'Anthropic',
    defaultBaseURL: 'https://api.anthropic.com/v1',
    keyEnv: ['ANTHROPIC_API_KEY'],
    baseURLEnv: 'ANTHROPIC_BASE_URL',
    keyRequired: true,
    suggestedModels: ['claude-sonnet-4-5', 'claude-opus-4-5', 'claude-haiku-4-5', 'claude-opus-4-1'],
  },
  {
    id: 'openai',
    kind: 'openai',
    label: 'OpenAI',
    defaultBaseURL: 'https://api.openai.com/v1',
    keyEnv: ['OPENAI_API_KEY'],
    baseURLEnv: 'OPENAI_BASE_URL',
    keyRequired: true,
    suggestedModels: ['gpt-5', 'gpt-5-codex', 'gpt-5-mini', 'gpt-5-nano', 'gpt-4.1', 'gpt-4.1-mini', 'gpt-4o', 'gpt-4o-mini', 'o3', 'o4-mini'],
  },
  {
    id: 'google',
    kind: 'google',
    label: 'Google Gemini',
    defaultBaseURL: 'https://generativelanguage.googleapis.com/v1beta',
    keyEnv: ['GOOGLE_GENERATIVE_AI_API_KEY', 'GEMINI_API_KEY'],
    keyRequired: true,
    suggestedModels: ['gemini-2.5-pro', 'gemini-3-pro-preview', 'gemini-2.5-flash', 'gemini-2.5-flash-lite'],
  },
  {
    id: 'moonshot',
    kind: 'moonshot',
    label: 'Moonshot Kimi',
    defaultBaseURL: 'https://api.moonshot.ai/v1',
    keyEnv: ['MOONSHOT_API_KEY'],
    keyRequired: true,
    suggestedModels: ['kimi-k2-0905-preview', 'kimi-k2-turbo-preview', 'kimi-k2-thinking'],
  },
];

/** OpenAI-compatible servers people run; a reference like `ollama:qwen3-coder` works unsaved. */
export const compatiblePresets: readonly ProviderDefinition[] = [
  {
    id: 'ollama',
    kind: 'openai-compatible',
    label: 'Ollama',
    defaultBaseURL: 'http://127.0.0.1:11434/v1',
    keyEnv: [],
    keyRequired: false,
    suggestedModels: [],
  },
  {
    id: 'lmstudio',
    kind: 'openai-compatible',
    label: 'LM Studio',
    defaultBaseURL: 'http://127.0.0.1:1234/v1',
    keyEnv: [],
    keyRequired: false,
    suggestedModels: [],
  },
  {
    id: 'vllm',
    kind: 'openai-compatible',
    label: 'vLLM',
    defaultBaseURL: 'http://127.0.0.1:8000/v1',
    keyEnv: [],
    keyRequired: false,
    suggestedModels: [],
  },
  {
    id: 'openrouter',
    kind: 'openai-compatible',
    label: 'OpenRouter',
    defaultBaseURL: 'https://openrouter.ai/api/v1',
    keyEnv: ['OPENROUTER_API_KEY'],
    keyRequired: true,
    suggestedModels: ['anthropic/claude-sonnet-4.5', 'openai/gpt-5', 'google/gemini-2.5-pro', 'moonshotai/kimi-k2'],
  },
];

export function findBuiltIn(id: string): ProviderDefinition | undefined {
  return builtInProviders.find((definition) => definition.id === id);
}

export function findPreset(id: string): ProviderDefinition | undefined {
  return compatiblePresets.find((definition) => definition.id === id);
}
