import { APICallError, JSONParseError, RetryError } from 'ai';
import { describe, expect, it } from 'vitest';
import { isTransientProviderError, retryAfterFromHeaders } from './transient-error';
import { unusableAnswerError } from './unusable-answer';

const apiError = (statusCode: number | undefined, responseHeaders?: Record<string, string>, extra: { isRetryable?: boolean; cause?: unknown } = {}) =>
  new APICallError({ message: `HTTP ${statusCode}`, url: 'http://127.0.0.1:1/v1/chat/completions', requestBodyValues: {}, statusCode, responseHeaders, ...extra });

const networkError = (code: string) => {
  const socketError = Object.assign(new Error(`socket: ${code}`), { code });
  return new TypeError('fetch failed', { cause: socketError });
};

describe('isTransientProviderError', () => {
  it.each([429, 500, 502, 503, 504, 529, 408])('retries HTTP %i', (status) => {
    expect(isTransientProviderError(apiError(status)).transient).toBe(true);
  });

  it.each([400, 401, 403, 404, 413, 422])('does not retry HTTP %i', (status) => {
    expect(isTransientProviderError(apiError(status))).toEqual({ transient: false });
  });

  it('reads Retry-After as seconds, as an HTTP date, and retry-after-ms', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(isTransientProviderError(apiError(429, { 'retry-after': '7' }), now)).toEqual({ transient: true, retryAfterMs: 7000 });
    expect(isTransientProviderError(apiError(503, { 'Retry-After': 'Thu, 01 Jan 2026 00:00:30 GMT' }), now)).toEqual({ transient: true, retryAfterMs: 30_000 });
    expect(isTransientProviderError(apiError(429, { 'retry-after-ms': '1500', 'retry-after': '2' }), now)).toEqual({ transient: true, retryAfterMs: 1500 });
    expect(retryAfterFromHeaders({ 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' }, now)).toBe(0);
    expect(retryAfterFromHeaders({ 'retry-after': 'soon' }, now)).toBeUndefined();
  });

  it('retries dropped connections but not a host that does not exist', () => {
    expect(isTransientProviderError(networkError('ECONNRESET')).transient).toBe(true);
    expect(isTransientProviderError(networkError('UND_ERR_SOCKET')).transient).toBe(true);
    expect(isTransientProviderError(apiError(undefined, undefined, { isRetryable: true, cause: networkError('ECONNREFUSED') })).transient).toBe(true);
    expect(isTransientProviderError(networkError('ENOTFOUND')).transient).toBe(false);
  });

  it('retries malformed chunks and provider errors sent inside the stream', () => {
    expect(isTransientProviderError(new JSONParseError({ text: '{not json', cause: new SyntaxError('bad') })).transient).toBe(true);
    expect(isTransientProviderError({ type: 'overloaded_error', message: 'Overloaded' }).transient).toBe(true);
    expect(isTransientProviderError({ message: 'boom', type: 'server_error', code: null }).transient).toBe(true);
    expect(isTransientProviderError({ type: 'invalid_request_error', message: 'bad tool schema' }).transient).toBe(false);
  });

  it('retries a 200 answer that was not a usable step (a login page, an empty stream)', () => {
    const response = { url: 'http://127.0.0.1:1/v1/chat/completions', status: 200, body: 'text/html ("<!doctype html>")' };
    expect(isTransientProviderError(unusableAnswerError('not-a-stream', { response })).transient).toBe(true);
    expect(isTransientProviderError(new Error('wrapped', { cause: unusableAnswerError('empty', { finishReason: 'stop' }) })).transient).toBe(true);
  });

  it('looks inside the SDK retry wrapper, and never retries a Stop', () => {
    const wrapped = new RetryError({ message: 'failed after 3 attempts', reason: 'maxRetriesExceeded', errors: [apiError(500), apiError(429, { 'retry-after': '1' })] });
    expect(isTransientProviderError(wrapped)).toEqual({ transient: true, retryAfterMs: 1000 });
    const stop = new DOMException('The operation was aborted.', 'AbortError');
    expect(isTransientProviderError(stop).transient).toBe(false);
    expect(isTransientProviderError(new Error('a bug')).transient).toBe(false);
  });
});
