import type { ProviderStatusView } from '../../../../src-shared/contract';

/** Where the key comes from, never the key: it does not come back from the host once saved. */
export function keyStatusText(provider: Pick<ProviderStatusView, 'keySource' | 'keyEnvVar' | 'keyRequired'>): string {
  if (provider.keySource === 'settings') return 'Key saved in Braid';
  if (provider.keySource === 'env') return provider.keyEnvVar ? `Key from $${provider.keyEnvVar}` : 'Key from the environment';
  return provider.keyRequired ? 'No key' : 'No key (none needed)';
}

export function baseURLSourceText(source: ProviderStatusView['baseURLSource']): string {
  if (source === 'settings') return 'set in Braid';
  if (source === 'env') return 'from the environment';
  return 'default';
}

/** Built-ins and presets have a default URL to go back to; a custom endpoint has only its own. */
export const hasDefaultBaseURL = (provider: Pick<ProviderStatusView, 'builtIn' | 'preset'>): boolean => provider.builtIn || provider.preset !== null;
