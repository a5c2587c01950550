import { useCallback, useState } from 'react';
import { useBridge } from '../../bridge/bridge-context';

/**
 * `<provider>:<model>` refs of every configured provider, for the model picker's suggestions.
 * Loaded on demand (when the picker is focused), so opening a task costs nothing.
 */
export function useConfiguredModels(): { models: string[]; load: () => void } {
  const api = useBridge();
  const [models, setModels] = useState<string[]>([]);
  const [requested, setRequested] = useState(false);
  const load = useCallback(() => {
    if (requested) return;
    setRequested(true);
    void api.invoke('models.overview', {}).then((result) => {
      if (!result.ok) return;
      setModels(result.data.providers.filter((provider) => provider.configured).flatMap((provider) => provider.models.map((model) => `${provider.id}:${model}`)));
    });
  }, [api, requested]);
  return { models, load };
}
