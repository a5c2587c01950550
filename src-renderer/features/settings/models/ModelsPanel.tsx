import { useEffect, useId } from 'react';
import { useBridge } from '../../../bridge/bridge-context';
import { InlineError } from '../../../ui/InlineError';
import { AddEndpoint } from './AddEndpoint';
import { loadModelsOverview, useModelsSettingsStore } from './models-store';
import { OllamaDetection } from './OllamaDetection';
import { ProviderCard } from './ProviderCard';
import { RoleDefaults } from './RoleDefaults';

/** Settings → Models: providers and their keys, compatible endpoints, and a default model per role. */
export function ModelsPanel() {
  const api = useBridge();
  const overview = useModelsSettingsStore((s) => s.overview);
  const loadError = useModelsSettingsStore((s) => s.loadError);
  const headingId = useId();

  useEffect(() => {
    void loadModelsOverview(api);
  }, [api]);

  if (!overview) {
    return loadError ? <InlineError message={loadError} /> : <p className="muted">Loading providers…</p>;
  }
  return (
    <div className="settings-stack">
      <InlineError message={loadError} />
      <section aria-labelledby={headingId} className="settings-section">
        <h3 id={headingId} className="settings-section__title">
          Providers
        </h3>
        <ul className="settings-list">
          {overview.providers.map((provider) => (
            <li key={provider.id}>
              <ProviderCard provider={provider} />
            </li>
          ))}
        </ul>
        <AddEndpoint presets={overview.presets} existingIds={overview.providers.map((provider) => provider.id)} />
        <OllamaDetection ollama={overview.providers.find((provider) => provider.id === 'ollama')} />
      </section>
      <RoleDefaults roleDefaults={overview.roleDefaults} providers={overview.providers} />
    </div>
  );
}
