import { useBridge } from '../../../bridge/bridge-context';
import { InlineError } from '../../../ui/InlineError';
import { useHostAction } from '../../../ui/use-host-action';
import { receiveMcpStatus } from './mcp-store';

/** Starts a failed server again (resets its backoff); the new status arrives live. */
export function RestartMcpServerButton({ statusKey }: { statusKey: string }) {
  const api = useBridge();
  const { pending, error, run } = useHostAction();

  const restart = async () => {
    const result = await run(() => api.invoke('mcp.restart', { key: statusKey }));
    if (result?.ok) receiveMcpStatus(api, result.data);
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
