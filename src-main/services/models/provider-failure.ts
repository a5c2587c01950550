import { APICallError, LoadAPIKeyError } from 'ai';
import type { AppError } from '../../../src-shared/contract';
import { errorChain, isAbortLike, messageOf, networkErrorCode } from './error-chain';

export interface FailureContext {
  providerLabel: string;
  baseURL: string;
  modelId?: string;
  timeoutMs?: number;
}

/**
 * Providers say "unknown model" in many ways: OpenAI `model_not_found`, Anthropic 404
 * "model: <id>", Gemini 404 "models/<id> is not found", Ollama 404 `model "<id>" not found`,
 * vLLM 400/404 "The model `<id>` does not exist". A 404 that does not mention a model is a wrong URL.
 */
function isModelMissing(status: number, message: string, body: string): boolean {
  if (/model_not_found/i.test(body)) return true;
  if (status === 404) return /\bmodels?[\s:'"`/]/i.test(message);
  if (status === 400) return /\bmodel\b.{0,80}(not (be )?found|does not exist|unknown|not supported)|(unknown|invalid) model/i.test(message);
  return false;
}

const describeNetworkCode: Record<string, string> = {
  ECONNREFUSED: 'connection refused (is the server running?)',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
};

const shorten = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max)}…` : text);

/**
 * Names what went wrong with a provider call in words the Settings screen can show:
 * the key (401/403), the network (with the URL tried), the model id (404 / model_not_found),
 * or anything else with the status and the provider's own message.
 */
export function describeProviderFailure(error: unknown, context: FailureContext): AppError {
  const { providerLabel, baseURL, modelId } = context;
  const apiError = errorChain(error).find((item) => APICallError.isInstance(item));
  const status = apiError?.statusCode;

  if (status !== undefined && apiError) {
    const providerMessage = shorten(apiError.message || apiError.responseBody || '');
    const details = { status, url: apiError.url, providerMessage };
    if (status === 401 || status === 403) {
      return { code: 'PROVIDER_AUTH_FAILED', message: `${providerLabel} refused the API key (${status}): ${providerMessage}`, details };
    }
    if (isModelMissing(status, apiError.message, apiError.responseBody ?? '')) {
      const which = modelId ? `"${modelId}"` : 'the model';
      return { code: 'MODEL_NOT_FOUND', message: `${providerLabel} does not know model ${which} (${status}): ${providerMessage}`, details };
    }
    if (status === 404) {
      return {
        code: 'PROVIDER_ERROR',
        message: `${apiError.url} answered 404 Not Found. Check the base URL (compatible servers usually end in /v1).`,
        details,
      };
    }
    return { code: 'PROVIDER_ERROR', message: `${providerLabel} answered ${status}: ${providerMessage}`, details };
  }

  if (errorChain(error).some((item) => LoadAPIKeyError.isInstance(item))) {
    return { code: 'MODEL_NOT_CONFIGURED', message: `${providerLabel} has no API key: ${messageOf(error)}` };
  }

  const code = networkErrorCode(error);
  if (code || apiError?.isRetryable) {
    const reason = (code && describeNetworkCode[code]) ?? messageOf(apiError ?? error);
    return { code: 'PROVIDER_UNREACHABLE', message: `Cannot reach ${providerLabel} at ${baseURL}: ${reason}.`, details: { url: baseURL, networkCode: code } };
  }
  if (isAbortLike(error)) {
    const ms = context.timeoutMs;
    const within = ms === undefined ? '' : ms >= 1000 ? ` within ${Math.round(ms / 1000)} s` : ` within ${ms} ms`;
    return { code: 'PROVIDER_UNREACHABLE', message: `No answer from ${providerLabel} at ${baseURL}${within}.`, details: { url: baseURL } };
  }
  return { code: 'PROVIDER_ERROR', message: `${providerLabel} request failed: ${shorten(messageOf(error))}` };
}
