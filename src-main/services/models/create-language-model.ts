import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogle } from '@ai-sdk/google';
import { createMoonshotAI } from '@ai-sdk/moonshotai';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';
import type { ProviderConfig } from './provider-config';
import { samplingFetch, type ResponseFacts } from './response-sample';

export type FetchFunction = typeof globalThis.fetch;

export interface LanguageModelRequest {
  provider: Pick<ProviderConfig, 'id' | 'kind' | 'baseURL'> & { api?: ProviderConfig['api'] };
  modelId: string;
  apiKey: string | undefined;
  fetch?: FetchFunction;
}

/** Models made from plain data only, with what they were made from (see `languageModelRequestOf`). */
const plainRequests = new WeakMap<object, LanguageModelRequest>();

/**
 * The plain request a model was made from, when that is all it needs (no custom `fetch`): the
 * same model can then be made again on another thread, where agents stream their steps.
 */
export function languageModelRequestOf(model: LanguageModel): LanguageModelRequest | undefined {
  return typeof model === 'object' ? plainRequests.get(model) : undefined;
}

/**
 * The AI SDK model for one provider and model id. The base URL and key are always passed
 * explicitly: the SDK's providers would otherwise read `process.env` themselves, behind the
 * service's injected environment.
 */
export function createLanguageModel(request: LanguageModelRequest): LanguageModel {
  const model = makeLanguageModel(request);
  if (!request.fetch && typeof model === 'object') {
    const { provider, modelId, apiKey } = request;
    plainRequests.set(model, { provider: { id: provider.id, kind: provider.kind, baseURL: provider.baseURL, api: provider.api }, modelId, apiKey });
  }
  return model;
}

/**
 * A model whose provider requests are sampled (`response-sample.ts`), so a step that gets no
 * usable answer can say what came back. The sampler is the only fetch of its own when the
 * request has none: such a model still counts as made from plain data, and the model-step
 * thread remakes it there with a sampler of its own.
 */
export function createSampledLanguageModel(request: LanguageModelRequest): { model: LanguageModel; lastResponse: () => ResponseFacts | undefined } {
  const sampler = samplingFetch(request.fetch, request.apiKey ? [request.apiKey] : []);
  const model = makeLanguageModel({ ...request, fetch: sampler.fetch });
  if (!request.fetch && typeof model === 'object') {
    const { provider, modelId, apiKey } = request;
    plainRequests.set(model, { provider: { id: provider.id, kind: provider.kind, baseURL: provider.baseURL, api: provider.api }, modelId, apiKey });
  }
  return { model, lastResponse: sampler.last };
}

function makeLanguageModel({ provider, modelId, apiKey, fetch }: LanguageModelRequest): LanguageModel {
  const baseURL = provider.baseURL;
  switch (provider.kind) {
    case 'anthropic':
      return createAnthropic({ baseURL, apiKey: apiKey ?? '', fetch })(modelId);
    case 'openai': {
      // The Responses API on OpenAI's own API (codex-tuned models exist only there); Chat
      // Completions for another server behind OPENAI_BASE_URL (see ProviderConfig.api). An empty
      // key is for local servers that need none.
      const openai = createOpenAI({ baseURL, apiKey: apiKey ?? '', fetch });
      return provider.api === 'chat-completions' ? openai.chat(modelId) : openai.responses(modelId);
    }
    case 'google':
      return createGoogle({ baseURL, apiKey: apiKey ?? '', fetch })(modelId);
    case 'moonshot':
      return createMoonshotAI({ baseURL, apiKey: apiKey ?? '', fetch })(modelId);
    case 'openai-compatible':
      return createOpenAICompatible({ name: provider.id, baseURL, apiKey, fetch, includeUsage: true })(modelId);
  }
}
