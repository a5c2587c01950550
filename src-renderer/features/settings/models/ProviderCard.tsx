import { useId } from 'react';
import type { ProviderStatusView } from '../../../../src-shared/contract';
import { useBridge } from '../../../bridge/bridge-context';
import { EnabledSwitch } from '../EnabledSwitch';
import { putProvider } from './models-store';
import { ProviderBaseURLForm } from './ProviderBaseURLForm';
import { ProviderConnectionTest } from './ProviderConnectionTest';
import { ProviderKeyForm } from './ProviderKeyForm';
import { ProviderModelsForm } from './ProviderModelsForm';
import { RemoveProviderButton } from './RemoveProviderButton';

/** One provider: whether it is usable, its key, its URL, a real test, and on/off. */
export function ProviderCard({ provider }: { provider: ProviderStatusView }) {
  const api = useBridge();
  const headingId = useId();

  const setEnabled = async (enabled: boolean) => {
    const result = await api.invoke('models.saveProvider', { id: provider.id, enabled });
    if (result.ok) putProvider(api, result.data);
    return result;
  };

  return (
    <section aria-labelledby={headingId} className="settings-card">
      <header className="settings-card__header">
        <h4 id={headingId} className="settings-card__title">
          {provider.label}
        </h4>
        <span className={`badge ${provider.configured ? 'badge--ready' : 'badge--missing'}`}>{provider.configured ? 'configured' : 'not configured'}</span>
        <span className="settings-card__id mono">{provider.id}</span>
        <EnabledSwitch checked={provider.enabled} onToggle={setEnabled} />
      </header>
      {provider.problem && <p className="settings-card__state">{provider.problem}</p>}
      {provider.models.length > 0 && (
        <p className="settings-card__detail">
          Models: <span className="mono">{provider.models.join(', ')}</span>
        </p>
      )}
      <ProviderKeyForm provider={provider} />
      <ProviderBaseURLForm provider={provider} />
      {!provider.builtIn && <ProviderModelsForm provider={provider} />}
      <ProviderConnectionTest provider={provider} />
      {!provider.builtIn && <RemoveProviderButton provider={provider} />}
    </section>
  );
}
