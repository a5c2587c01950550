import { fail, ok, type Result } from '../../../src-shared/contract';

/** `<providerId>:<modelId>`; the model id may itself contain colons (`ollama:qwen3-coder:30b`). */
export interface ModelRef {
  providerId: string;
  modelId: string;
}

export const providerIdPattern = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export function parseModelRef(ref: string): Result<ModelRef> {
  const text = ref.trim();
  const colon = text.indexOf(':');
  const example = 'e.g. "anthropic:claude-sonnet-4-5" or "ollama:qwen3-coder"';
  if (colon < 0) return fail('INVALID_INPUT', `Model "${text}" needs a provider: write it as <provider>:<model>, ${example}.`);
  const providerId = text.slice(0, colon);
  const modelId = text.slice(colon + 1).trim();
  if (!providerIdPattern.test(providerId)) {
    return fail('INVALID_INPUT', `"${providerId}" in model "${text}" is not a provider id (lower-case letters, digits, ".", "_", "-"); ${example}.`);
  }
  if (!modelId) return fail('INVALID_INPUT', `Model "${text}" names no model after "${providerId}:"; ${example}.`);
  return ok({ providerId, modelId });
}

export const formatModelRef = (ref: ModelRef): string => `${ref.providerId}:${ref.modelId}`;
