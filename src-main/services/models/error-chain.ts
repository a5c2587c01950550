import { RetryError } from 'ai';

/**
 * An error and everything it wraps, outermost first: `cause` links, and the last attempt
 * inside the SDK's RetryError. Provider failures arrive wrapped two or three levels deep
 * (RetryError → APICallError → TypeError "fetch failed" → the socket error with its code).
 */
export function errorChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && !chain.includes(current) && chain.length < 10) {
    chain.push(current);
    current = RetryError.isInstance(current) ? current.lastError : (current as { cause?: unknown }).cause;
  }
  return chain;
}

/** The first system error code (`ECONNREFUSED`, `UND_ERR_SOCKET`, ...) anywhere in the chain. */
export function networkErrorCode(error: unknown): string | undefined {
  for (const item of errorChain(error)) {
    const code = (item as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && /^(E[A-Z]+|UND_ERR_[A-Z_]+|Connection\w+|FailedToOpenSocket)$/.test(code)) return code;
  }
  return undefined;
}

/** Our own abort (Stop) or an AbortSignal.timeout firing. */
export function isAbortLike(error: unknown): boolean {
  return errorChain(error).some((item) => item instanceof Error && (item.name === 'AbortError' || item.name === 'TimeoutError'));
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  return String(error);
}
