import { useCallback, useMemo } from 'react';
import type { AppError, Result } from '../../../src-shared/contract';
import { useHostAction, type HostAction, type RunOptions } from '../../ui/use-host-action';

/** A hunk that moved under the user is said so, with the news that the diff is fresh again. */
const explainReviewFailure = (error: AppError): string =>
  error.code === 'HUNK_CHANGED' ? `${error.message} The diff has been reloaded.` : error.message;

/**
 * `useHostAction` for DiffLens: the same one-at-a-time run and inline error, plus a callback
 * when the file moved under us (`HUNK_CHANGED`), so the caller fetches it again.
 */
export function useReviewAction(onHunkChanged?: () => void): HostAction {
  const action = useHostAction();
  const { run: runAction } = action;
  const run = useCallback(
    async <T>(command: () => Promise<Result<T>>, options?: RunOptions): Promise<Result<T> | undefined> => {
      const result = await runAction(command, { explain: explainReviewFailure, ...options });
      if (result && !result.ok && result.error.code === 'HUNK_CHANGED') onHunkChanged?.();
      return result;
    },
    [runAction, onHunkChanged],
  );
  return useMemo(() => ({ ...action, run }), [action, run]);
}
