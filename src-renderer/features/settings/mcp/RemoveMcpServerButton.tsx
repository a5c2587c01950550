import { useState } from 'react';
import { useBridge } from '../../../bridge/bridge-context';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { useSingleFlight } from '../../../ui/use-single-flight';
import { loadMcpServers, useMcpSettingsStore } from './mcp-store';

/** Removes one of the user's servers after asking; tasks stop getting its tools. */
export function RemoveMcpServerButton({ name }: { name: string }) {
  const api = useBridge();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { pending, run } = useSingleFlight();

  const remove = async () => {
    const result = await run(() => {
      setError(null);
      return api.invoke('mcp.removeServer', { name });
    });
    if (!result) return;
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setAsking(false);
    void loadMcpServers(api, useMcpSettingsStore.getState().projectId);
  };

  return (
    <>
      <button type="button" className="button button--small button--danger-quiet" onClick={() => setAsking(true)}>
        Remove
      </button>
      {asking && (
        <ConfirmDialog
          title={`Remove ${name}?`}
          confirmLabel="Remove"
          onConfirm={() => void remove()}
          onCancel={() => {
            setAsking(false);
            setError(null);
          }}
          pending={pending}
          error={error}
        >
          <p>Agents stop getting its tools, and its settings here are deleted.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
