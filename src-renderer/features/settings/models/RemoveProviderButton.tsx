import { useState } from 'react';
import type { ProviderStatusView } from '../../../../src-shared/contract';
import { useBridge } from '../../../bridge/bridge-context';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { useHostAction } from '../../../ui/use-host-action';
import { dropProvider } from './models-store';

/** Removes a compatible endpoint and the key saved for it, after asking. */
export function RemoveProviderButton({ provider }: { provider: ProviderStatusView }) {
  const api = useBridge();
  const [asking, setAsking] = useState(false);
  const { pending, error, run, clearError } = useHostAction();

  const remove = async () => {
    const result = await run(() => api.invoke('models.removeProvider', { providerId: provider.id }));
    if (!result?.ok) return;
    setAsking(false);
    dropProvider(api, provider.id);
  };

  return (
    <div className="settings-card__actions">
      <button type="button" className="button button--small button--danger-quiet" onClick={() => setAsking(true)}>
        Remove
      </button>
      {asking && (
        <ConfirmDialog
          title={`Remove ${provider.label}?`}
          confirmLabel="Remove"
          onConfirm={() => void remove()}
          onCancel={() => {
            setAsking(false);
            clearError();
          }}
          pending={pending}
          error={error}
        >
          <p>
            Tasks can no longer use <span className="mono">{provider.id}:…</span> models
            {provider.keySource === 'settings' ? ', and the key saved for it is deleted' : ''}.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
