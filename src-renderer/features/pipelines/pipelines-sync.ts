import type { BridgeHandle } from '../../bridge/bridge';
import { onReconnected } from '../../bridge/on-reconnected';
import { useProjectsStore } from '../projects/projects-store';
import { useSelectionStore } from '../selection/selection-store';
import { usePipelinesStore } from './pipelines-store';

let reloadLoaded: (() => void) | null = null;

/** Loads every pipeline view on screen again (the project's gates changed, say). */
export const reloadPipelines = (): void => reloadLoaded?.();

/**
 * Keeps the pipelines the UI shows in step with the host: every project's list
 * (`pipelines.list`) when the project appears and after a reconnect; a pipeline's view
 * (`pipelines.get`) when it is selected, and again on each `pipelines.changed` of a pipeline
 * that is loaded or listed (its line in the sidebar comes from its view). Loads of one pipeline
 * never overlap: a change announced during one loads it again once it answered, so an older
 * answer never replaces a newer one.
 */
export function syncPipelines({ api, connection }: BridgeHandle): () => void {
  const store = () => usePipelinesStore.getState();
  const loading = new Map<string, { again: boolean }>();
  const listed = new Set<string>();

  const loadView = async (pipelineId: string): Promise<void> => {
    const running = loading.get(pipelineId);
    if (running) {
      running.again = true;
      return;
    }
    const state = { again: false };
    loading.set(pipelineId, state);
    try {
      do {
        state.again = false;
        const result = await api.invoke('pipelines.get', { pipelineId });
        if (result.ok) store().putView(result.data);
        else store().fail(pipelineId, result.error.message);
      } while (state.again);
    } finally {
      loading.delete(pipelineId);
    }
  };

  const loadList = async (projectId: string) => {
    listed.add(projectId);
    const result = await api.invoke('pipelines.list', { projectId });
    if (result.ok) store().replaceProject(projectId, result.data);
  };

  const listNewProjects = () => {
    const { ids } = useProjectsStore.getState();
    const gone = [...listed].filter((id) => !ids.includes(id));
    if (gone.length > 0) {
      gone.forEach((id) => listed.delete(id));
      store().forgetProjects(gone);
    }
    for (const id of ids) if (!listed.has(id)) void loadList(id);
  };

  const loadSelected = () => {
    const { selectedPipelineId } = useSelectionStore.getState();
    if (selectedPipelineId) void loadView(selectedPipelineId);
  };

  const unsubscribers = [
    api.on('pipelines.changed', ({ projectId, pipelineId }) => {
      const known = store().views[pipelineId] !== undefined || listed.has(projectId);
      if (known) void loadView(pipelineId);
    }),
    useProjectsStore.subscribe((state, previous) => {
      if (state.ids !== previous.ids) listNewProjects();
    }),
    useSelectionStore.subscribe((state, previous) => {
      if (state.selectedPipelineId !== previous.selectedPipelineId) loadSelected();
    }),
    onReconnected(connection, () => {
      for (const projectId of listed) void loadList(projectId);
      for (const pipelineId of Object.keys(store().views)) void loadView(pipelineId);
    }),
  ];
  if (connection.current() !== 'unauthorized') listNewProjects();
  const reload = () => Object.keys(store().views).forEach((pipelineId) => void loadView(pipelineId));
  reloadLoaded = reload;
  return () => {
    unsubscribers.forEach((off) => off());
    if (reloadLoaded === reload) reloadLoaded = null;
  };
}
