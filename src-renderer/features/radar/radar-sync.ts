import type { Bridge, BridgeHandle } from '../../bridge/bridge';
import { onReconnected } from '../../bridge/on-reconnected';
import { useProjectsStore } from '../projects/projects-store';
import { useRadarStore } from './radar-store';

async function loadRadar(api: Bridge, projectId: string): Promise<void> {
  const result = await api.invoke('radar.get', { projectId });
  if (result.ok) useRadarStore.getState().put(projectId, result.data);
  else useRadarStore.getState().setError(projectId, result.error.message);
}

/**
 * Keeps every open project's conflict radar: `radar.get` when a project appears and after a
 * reconnect (events may have been missed), `radar.changed` whenever the host recomputes it.
 */
export function syncRadar({ api, connection }: BridgeHandle): () => void {
  let known = new Set<string>();
  const followProjects = (ids: readonly string[], reloadAll: boolean) => {
    const present = new Set(ids);
    const gone = [...known].filter((id) => !present.has(id));
    if (gone.length > 0) useRadarStore.getState().forgetProjects(gone);
    for (const id of ids) if (reloadAll || !known.has(id)) void loadRadar(api, id);
    known = present;
  };

  const unsubscribers = [
    api.on('radar.changed', ({ projectId, radar }) => useRadarStore.getState().put(projectId, radar)),
    useProjectsStore.subscribe((state, previous) => {
      if (state.ids !== previous.ids) followProjects(state.ids, false);
    }),
  ];
  followProjects(useProjectsStore.getState().ids, false);
  unsubscribers.push(onReconnected(connection, () => followProjects(useProjectsStore.getState().ids, true)));
  return () => unsubscribers.forEach((off) => off());
}
