import { useState } from 'react';
import { useBridge } from '../../../bridge/bridge-context';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { useHostAction } from '../../../ui/use-host-action';
import { loadMcpServers, useMcpSettingsStore } from './mcp-store';

/** Removes one of the user's servers after asking; tasks stop getting its tools. */
export function RemoveMcpServerButton({ name }: { name: string }) {
  const api = useBridge();
  const [asking, setAsking] = useState(false);
  const { pending, error, run, clearError } = useHostAction();

  const remove = async () => {
    const result = await run(() => api.invoke('mcp.removeServer', { name }));
    if (!result?.ok) return;
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
            clearError();
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
