import { useCallback, useRef, useState } from 'react';

/**
 * Runs one command at a time: `pending` drives the disabled button, and a ref (updated
 * synchronously, unlike state) drops a second click that lands before the re-render.
 * Returns `undefined` for a dropped call.
 */
export function useSingleFlight(): { pending: boolean; run: <T>(command: () => Promise<T>) => Promise<T | undefined> } {
  const busy = useRef(false);
  const [pending, setPending] = useState(false);
  const run = useCallback(async <T,>(command: () => Promise<T>): Promise<T | undefined> => {
    if (busy.current) return undefined;
    busy.current = true;
    setPending(true);
    try {
      return await command();
    } finally {
      busy.current = false;
      setPending(false);
    }
  }, []);
  return { pending, run };
}
