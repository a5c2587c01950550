import { useId, useState, type FormEvent } from 'react';
import type { ProviderStatusView } from '../../../../src-shared/contract';
import { useBridge } from '../../../bridge/bridge-context';
import { InlineError } from '../../../ui/InlineError';
import { useHostAction } from '../../../ui/use-host-action';
import { putProvider } from './models-store';
import { keyStatusText } from './provider-summary';

/**
 * Write-only: a typed key goes to the host and the field is emptied as it is sent. Only where
 * the key comes from is ever shown; the key itself never comes back.
 */
export function ProviderKeyForm({ provider }: { provider: ProviderStatusView }) {
  const api = useBridge();
  const inputId = useId();
  const [key, setKey] = useState('');
  const { pending, error, run, setError } = useHostAction();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (key.trim() === '') {
      setError('Paste the API key first.');
      return;
    }
    const typed = key;
    const result = await run(() => {
      setKey('');
      return api.invoke('models.setApiKey', { providerId: provider.id, key: typed });
    });
    if (result?.ok) putProvider(api, result.data);
  };

  const remove = async () => {
    const result = await run(() => api.invoke('models.removeApiKey', { providerId: provider.id }));
    if (result?.ok) putProvider(api, result.data);
  };

  return (
    <form className="settings-row" onSubmit={save}>
      <label htmlFor={inputId} className="settings-row__label">
        API key
      </label>
      <input
        id={inputId}
        className="input mono settings-row__input"
        type="password"
        value={key}
        autoComplete="off"
        spellCheck={false}
        placeholder={provider.keySource === 'none' ? 'Paste a key to keep it in Braid' : 'Paste a new key to replace it'}
        onChange={(e) => setKey(e.target.value)}
      />
      <button type="submit" className="button button--small" disabled={pending} aria-busy={pending}>
        Save key
      </button>
      {provider.keySource === 'settings' && (
        <button type="button" className="button button--small button--danger-quiet" onClick={remove} disabled={pending}>
          Remove key
        </button>
      )}
      <p role="status" className="settings-row__status">
        {keyStatusText(provider)}
      </p>
      <InlineError message={error} />
    </form>
  );
}
