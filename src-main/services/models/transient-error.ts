import { APICallError, JSONParseError, TypeValidationError } from 'ai';
import { errorChain, isAbortLike, networkErrorCode } from './error-chain';
import { UnusableAnswerError } from './unusable-answer';

export interface TransientClassification {
  transient: boolean;
  /** What the provider asked for in `Retry-After` (or `retry-after-ms`), when it said. */
  retryAfterMs?: number;
}

// 408 timeout, 409 conflict (OpenAI asks for a retry), 425 too early, 429 rate limit,
// every 5xx including Anthropic's 529 "overloaded".
const transientStatus = (status: number) => status === 408 || status === 409 || status === 425 || status === 429 || status >= 500;

// Connection failures worth retrying. ENOTFOUND is missing on purpose: a wrong host name stays wrong.
const transientNetworkCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'ConnectionRefused',
  'ConnectionClosed',
  'FailedToOpenSocket',
]);

// Errors a provider reports inside a 200 stream (Anthropic `event: error`, OpenAI `{"error": ...}`).
const transientStreamErrorType = /overloaded|rate_limit|server_error|api_error|internal|timeout|unavailable/i;

/**
 * Should the agent loop try this model call again? Rate limits, server errors, dropped
 * connections, malformed stream chunks and 200 answers with no usable step: yes. Bad requests, auth, unknown model, Stop: no.
 */
export function isTransientProviderError(error: unknown, now: number = Date.now()): TransientClassification {
  if (isAbortLike(error)) return { transient: false };
  for (const item of errorChain(error)) {
    if (APICallError.isInstance(item)) {
      // A 2xx whose body broke (connection cut mid-stream): the SDK marks it retryable.
      if (item.statusCode !== undefined && item.statusCode >= 200 && item.statusCode < 300) {
        if (item.isRetryable) return { transient: true };
        continue;
      }
      if (item.statusCode !== undefined) {
        if (!transientStatus(item.statusCode)) return { transient: false };
        const retryAfterMs = retryAfterFromHeaders(item.responseHeaders, now);
        return retryAfterMs === undefined ? { transient: true } : { transient: true, retryAfterMs };
      }
      // No status: the SDK wraps connection failures this way and marks them retryable.
      if (item.isRetryable) return { transient: true };
      continue;
    }
    // A chunk that is not JSON or not the expected shape: the stream broke, the request was fine.
    if (JSONParseError.isInstance(item) || TypeValidationError.isInstance(item)) return { transient: true };
    if (item instanceof TypeError && item.message === 'terminated') return { transient: true };
    // A 200 that carried no usable step (a login page, an empty stream): often a gateway's hiccup.
    if (item instanceof UnusableAnswerError) return { transient: true };
    if (isStreamErrorObject(item)) return { transient: true };
  }
  const code = networkErrorCode(error);
  return { transient: code !== undefined && transientNetworkCodes.has(code) };
}

function isStreamErrorObject(item: unknown): boolean {
  if (item instanceof Error || typeof item !== 'object' || item === null) return false;
  const { type, code } = item as { type?: unknown; code?: unknown };
  return [type, code].some((value) => typeof value === 'string' && transientStreamErrorType.test(value));
}

/** `Retry-After` is either delta-seconds or an HTTP date; `retry-after-ms` (OpenAI) is milliseconds. */
export function retryAfterFromHeaders(headers: Record<string, string> | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const header = (name: string) => Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1]?.trim();
  const milliseconds = header('retry-after-ms');
  if (milliseconds && /^\d+(\.\d+)?$/.test(milliseconds)) return Math.round(Number(milliseconds));
  const value = header('retry-after');
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
