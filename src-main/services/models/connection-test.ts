import { generateText } from 'ai';
import { fail, ok, type Result } from '../../../src-shared/contract';
import { createLanguageModel, type FetchFunction } from './create-language-model';
import type { ProviderConfig } from './provider-config';
import { describeProviderFailure } from './provider-failure';

export interface ConnectionTestResult {
  latencyMs: number;
  /** The model that answered, or (when none was named) the first the server listed. */
  model: string;
  /** What GET /models returned, when that is how the connection was tested. */
  models?: string[];
}

export interface ConnectionTestInput {
  provider: ProviderConfig;
  apiKey: string | undefined;
  /** Without one, OpenAI-style servers are asked for their model list instead. */
  modelId: string | undefined;
  fetch?: FetchFunction;
  timeoutMs: number;
  now: () => number;
}

/** A real, tiny request (one output token, or the model list) that names what went wrong. */
export async function testProviderConnection(input: ConnectionTestInput): Promise<Result<ConnectionTestResult>> {
  const { provider, modelId, now } = input;
  const context = { providerLabel: provider.label, baseURL: provider.baseURL, modelId, timeoutMs: input.timeoutMs };
  const started = now();
  try {
    if (!modelId) return await listModels(input, started);
    await generateText({
      model: createLanguageModel({ provider, modelId, apiKey: input.apiKey, fetch: input.fetch }),
      prompt: 'Reply with OK.',
      maxOutputTokens: 1,
      maxRetries: 0,
      abortSignal: AbortSignal.timeout(input.timeoutMs),
    });
    return ok({ latencyMs: now() - started, model: modelId });
  } catch (error) {
    const described = describeProviderFailure(error, context);
    return fail(described.code, described.message, described.details);
  }
}

async function listModels(input: ConnectionTestInput, started: number): Promise<Result<ConnectionTestResult>> {
  const { provider } = input;
  if (provider.kind !== 'openai' && provider.kind !== 'openai-compatible') {
    return fail('INVALID_INPUT', `Name a model to test ${provider.label} with, e.g. ${provider.models[0] ?? 'its model id'}.`);
  }
  const url = `${provider.baseURL}/models`;
  const headers: Record<string, string> = input.apiKey ? { authorization: `Bearer ${input.apiKey}` } : {};
  const response = await (input.fetch ?? globalThis.fetch)(url, { headers, signal: AbortSignal.timeout(input.timeoutMs) });
  const text = await response.text();
  if (response.status === 401 || response.status === 403) {
    return fail('PROVIDER_AUTH_FAILED', `${provider.label} refused the API key (${response.status}): ${providerMessage(text)}`, { status: response.status, url });
  }
  if (!response.ok) {
    return fail('PROVIDER_ERROR', `${url} answered ${response.status}: ${providerMessage(text)}`, { status: response.status, url });
  }
  const models = parseModelList(text);
  if (models.length === 0) return fail('PROVIDER_ERROR', `${url} answered, but listed no models. Name a model to test with.`, { url });
  return ok({ latencyMs: input.now() - started, model: models[0] as string, models });
}

function parseModelList(text: string): string[] {
  try {
    const body = JSON.parse(text) as { data?: { id?: unknown }[] };
    return (body.data ?? []).map((entry) => entry.id).filter((id): id is string => typeof id === 'string');
  } catch {
    return [];
  }
}

function providerMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof body.error === 'string' ? body.error : (body.error?.message ?? body.message);
    if (typeof message === 'string') return message;
  } catch {
    // Not JSON: the raw text says more than nothing.
  }
  return text.slice(0, 300) || '(empty response)';
}
