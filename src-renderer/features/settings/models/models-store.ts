import { create } from 'zustand';
import type { MethodOutput, ProviderStatusView } from '../../../../src-shared/contract';
import type { Bridge } from '../../../bridge/bridge';
import type { RoleDefault } from './role-default-input';

export type ModelsOverview = MethodOutput<'models.overview'>;

interface ModelsSettingsState {
  overview: ModelsOverview | null;
  loadError: string | null;
}

/**
 * Settings → Models as the host last described it. Holds no key, ever: keys go from an input
 * straight to `models.setApiKey` and only "where the key comes from" comes back.
 */
export const useModelsSettingsStore = create<ModelsSettingsState>()(() => ({ overview: null, loadError: null }));

// Every write bumps this, so an overview requested before a change cannot overwrite it.
let generation = 0;

export async function loadModelsOverview(api: Bridge): Promise<void> {
  const asked = ++generation;
  const result = await api.invoke('models.overview', {});
  if (asked !== generation) return;
  if (result.ok) useModelsSettingsStore.setState({ overview: result.data, loadError: null });
  else useModelsSettingsStore.setState({ loadError: result.error.message });
}

function change(update: (overview: ModelsOverview) => ModelsOverview): void {
  generation++;
  const { overview } = useModelsSettingsStore.getState();
  if (overview) useModelsSettingsStore.setState({ overview: update(overview) });
}

/**
 * Shows a provider the host just returned at once, then reloads: a key or switch can change
 * which model a role gets automatically.
 */
export function putProvider(api: Bridge, provider: ProviderStatusView): void {
  change((overview) => {
    const known = overview.providers.some((candidate) => candidate.id === provider.id);
    const providers = known
      ? overview.providers.map((candidate) => (candidate.id === provider.id ? provider : candidate))
      : [...overview.providers, provider];
    return { ...overview, providers };
  });
  void loadModelsOverview(api);
}

export function dropProvider(api: Bridge, providerId: string): void {
  change((overview) => ({ ...overview, providers: overview.providers.filter((candidate) => candidate.id !== providerId) }));
  void loadModelsOverview(api);
}

export function putRoleDefaults(roleDefaults: RoleDefault[]): void {
  change((overview) => ({ ...overview, roleDefaults }));
}

const noProviders: ProviderStatusView[] = [];
export const useProviders = () => useModelsSettingsStore((s) => s.overview?.providers ?? noProviders);
export const useProvider = (providerId: string) => useModelsSettingsStore((s) => s.overview?.providers.find((p) => p.id === providerId));
