import { useState } from 'react';
import { useBridge } from '../../../bridge/bridge-context';
import { InlineError } from '../../../ui/InlineError';
import { useSingleFlight } from '../../../ui/use-single-flight';
import { receiveMcpStatus } from './mcp-store';

/** Starts a failed server again (resets its backoff); the new status arrives live. */
export function RestartMcpServerButton({ statusKey }: { statusKey: string }) {
  const api = useBridge();
  const [error, setError] = useState<string | null>(null);
  const { pending, run } = useSingleFlight();

  const restart = async () => {
    const result = await run(() => {
      setError(null);
      return api.invoke('mcp.restart', { key: statusKey });
    });
    if (!result) return;
    if (result.ok) receiveMcpStatus(api, result.data);
    else setError(result.error.message);
  };

  return (
    <>
      <button type="button" className="button button--small" onClick={restart} disabled={pending} aria-busy={pending}>
        Restart
      </button>
      <InlineError message={error} />
    </>
  );
}
