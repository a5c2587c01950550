export interface RetryClassification {
  transient: boolean;
  /** From the provider's `Retry-After`, when it sent one. */
  retryAfterMs?: number;
}

export interface RetryOptions {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  classify: (error: unknown) => RetryClassification;
  onRetry: (info: { attempt: number; delayMs: number; error: unknown }) => void;
  signal: AbortSignal;
  random?: () => number;
}

/**
 * Delay before retry number `attempt` (1-based): the server's `Retry-After` when given,
 * otherwise exponential backoff with "equal jitter" (half fixed, half random), capped.
 */
export function retryDelay(attempt: number, classification: RetryClassification, options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  if (classification.retryAfterMs !== undefined) return Math.min(Math.max(0, classification.retryAfterMs), options.maxDelayMs);
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  const random = options.random ?? Math.random;
  return Math.round(exponential / 2 + (exponential / 2) * random());
}

/** Runs `attempt` until it succeeds, fails for good, or is aborted; transient errors wait and retry. */
export async function withRetries<T>(attempt: (attemptNumber: number) => Promise<T>, options: RetryOptions): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (options.signal.aborted) throw error;
      const classification = options.classify(error);
      if (!classification.transient || n >= options.maxAttempts) throw error;
      const delayMs = retryDelay(n, classification, options);
      options.onRetry({ attempt: n, delayMs, error });
      await abortableDelay(delayMs, options.signal);
    }
  }
}

export function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
