import { useCallback, useState } from 'react';
import type { Result } from '../../../src-shared/contract';
import { useSingleFlight } from '../../ui/use-single-flight';

/**
 * One review command behind a button: one run at a time, the host's error kept for the
 * button's side, and a callback when the file moved under us (`HUNK_CHANGED`).
 */
export function useReviewAction(onHunkChanged?: () => void) {
  const { pending, run } = useSingleFlight();
  const [error, setError] = useState<string | null>(null);
  const act = useCallback(
    async <T,>(command: () => Promise<Result<T>>): Promise<T | null> => {
      const result = await run(command);
      if (result === undefined) return null;
      if (result.ok) {
        setError(null);
        return result.data;
      }
      setError(result.error.code === 'HUNK_CHANGED' ? `${result.error.message} The diff has been reloaded.` : result.error.message);
      if (result.error.code === 'HUNK_CHANGED') onHunkChanged?.();
      return null;
    },
    [run, onHunkChanged],
  );
  return { pending, error, setError, act };
}
