import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppError, Result } from '../../src-shared/contract';

export interface RunOptions {
  /**
   * What to tell the user about a failure: by default the host's own message. Return null
   * when the caller handles this failure itself (a refusal it turns into a dialog, say).
   */
  explain?(error: AppError): string | null;
}

export interface HostAction {
  /** A command is on its way: disable the button (and set `aria-busy`). */
  pending: boolean;
  /** What went wrong last, for `<InlineError>`; cleared when the next command starts. */
  error: string | null;
  /**
   * Runs `command` unless one is already on its way: then nothing is sent and it resolves to
   * `undefined` (a user who clicks twice must not send twice). Otherwise the error is cleared,
   * and a failure's message (see `explain`) becomes `error`. The host's answer is returned.
   */
  run<T>(command: () => Promise<Result<T>>, options?: RunOptions): Promise<Result<T> | undefined>;
  /** For what the component itself finds wrong before asking (an empty field, say). */
  setError(message: string | null): void;
  clearError(): void;
}

/**
 * One command behind a button: one at a time, the host's error kept for the place the user
 * acted, and no state set once the component is gone (a dialog closed while its call ran).
 */
export function useHostAction(): HostAction {
  // A ref, updated synchronously (unlike state), drops a second click landing before the re-render.
  const busy = useRef(false);
  const mounted = useRef(true);
  const [pending, setPending] = useState(false);
  const [error, setErrorState] = useState<string | null>(null);

  useEffect(() => {
    // Set here, not only initially: StrictMode unmounts and mounts again in development.
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const setError = useCallback((message: string | null) => {
    if (mounted.current) setErrorState(message);
  }, []);
  const clearError = useCallback(() => setError(null), [setError]);

  const run = useCallback(
    async <T>(command: () => Promise<Result<T>>, options?: RunOptions): Promise<Result<T> | undefined> => {
      if (busy.current) return undefined;
      busy.current = true;
      setPending(true);
      setErrorState(null);
      try {
        const result = await command();
        if (mounted.current && !result.ok) setErrorState(options?.explain ? options.explain(result.error) : result.error.message);
        return result;
      } finally {
        busy.current = false;
        if (mounted.current) setPending(false);
      }
    },
    [],
  );

  return useMemo(() => ({ pending, error, run, setError, clearError }), [pending, error, run, setError, clearError]);
}
