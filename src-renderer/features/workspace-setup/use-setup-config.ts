import { useCallback, useEffect, useState } from 'react';
import type { WorkspaceSetupConfig } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';

/**
 * The project's workspace config as the host reads it now (what would run, its hash, whether it
 * is trusted), loaded when shown and again on `reload` (after trusting, or a change of `when`).
 */
export function useSetupConfig(projectId: string, when: unknown = null) {
  const api = useBridge();
  const [config, setConfig] = useState<WorkspaceSetupConfig | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    const result = await api.invoke('workspaces.setupConfig', { projectId });
    if (result.ok) {
      setConfig(result.data);
      setError(null);
    } else setError(result.error.message);
  }, [api, projectId]);
  useEffect(() => {
    let current = true;
    void api.invoke('workspaces.setupConfig', { projectId }).then((result) => {
      if (!current) return;
      if (result.ok) {
        setConfig(result.data);
        setError(null);
      } else setError(result.error.message);
    });
    return () => {
      current = false;
    };
  }, [api, projectId, when]);
  return { config, error, reload, setConfig };
}
