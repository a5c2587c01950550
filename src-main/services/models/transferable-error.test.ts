import { APICallError, JSONParseError, RetryError } from 'ai';
import { describe, expect, it } from 'vitest';
import { errorChain, isAbortLike, networkErrorCode } from './error-chain';
import { describeProviderFailure } from './provider-failure';
import { fromTransferable, toTransferable } from './transferable-error';
import { isTransientProviderError } from './transient-error';

/** Across a thread boundary and back, as a model step's failure travels. */
const acrossThreads = (error: unknown) => fromTransferable(structuredClone(toTransferable(error)));

describe('errors carried between threads', () => {
  it('keep a rate limit a rate limit, with the wait the provider asked for', () => {
    const limited = new APICallError({
      message: 'Too Many Requests',
      url: 'https://api.example.test/v1/chat/completions',
      requestBodyValues: { model: 'm' },
      statusCode: 429,
      responseHeaders: { 'retry-after': '7' },
      responseBody: '{"error":{"message":"slow down"}}',
      isRetryable: true,
    });
    const carried = acrossThreads(limited);
    expect(APICallError.isInstance(carried)).toBe(true);
    expect(carried).toMatchObject({ message: 'Too Many Requests', statusCode: 429, responseBody: '{"error":{"message":"slow down"}}' });
    expect(isTransientProviderError(carried, 0)).toEqual({ transient: true, retryAfterMs: 7000 });
    const context = { providerLabel: 'OpenAI', baseURL: 'https://api.example.test/v1', modelId: 'm' };
    expect(describeProviderFailure(carried, context)).toEqual(describeProviderFailure(limited, context));
  });

  it('keep a dropped connection’s socket code at the end of its cause chain', () => {
    const socket = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED', errno: -111 });
    const fetchFailed = new TypeError('fetch failed', { cause: socket });
    const wrapped = new RetryError({ message: 'Failed after 1 attempt', reason: 'maxRetriesExceeded', errors: [fetchFailed] });
    const carried = acrossThreads(wrapped);
    expect(RetryError.isInstance(carried)).toBe(true);
    expect(networkErrorCode(carried)).toBe('ECONNREFUSED');
    expect(errorChain(carried)[1]).toBeInstanceOf(TypeError);
    expect(isTransientProviderError(carried)).toEqual({ transient: true });
  });

  it('keep the errors that mean the stream broke, and Stop', () => {
    expect(isTransientProviderError(acrossThreads(new TypeError('terminated')))).toEqual({ transient: true });
    const malformed = new JSONParseError({ text: '{not json', cause: new SyntaxError('Unexpected token') });
    const carried = acrossThreads(malformed);
    expect(JSONParseError.isInstance(carried)).toBe(true);
    expect((carried as Error).message).toBe(malformed.message);
    expect(isTransientProviderError(carried)).toEqual({ transient: true });
    expect(isAbortLike(acrossThreads(new DOMException('The step was stopped.', 'AbortError')))).toBe(true);
    // A provider's error object inside a 200 stream is plain data, and stays so.
    expect(isTransientProviderError(acrossThreads({ type: 'overloaded_error', message: 'Overloaded' }))).toEqual({ transient: true });
  });

  it('keep a refusal a refusal', () => {
    const refused = new APICallError({ message: 'Unauthorized', url: 'u', requestBodyValues: {}, statusCode: 401, isRetryable: false });
    expect(isTransientProviderError(acrossThreads(refused))).toEqual({ transient: false });
  });
});
