import type { BridgeHandle } from '../../bridge/bridge';
import { onReconnected } from '../../bridge/on-reconnected';
import { useSelectionStore } from '../selection/selection-store';
import { useQueueStore } from './queue-store';

/**
 * Keeps the selected project's merge queues: loaded when the project is selected (a task
 * selects its project too) and after a reconnect, then every `mergeQueue.changed`; gate output
 * for the logs on screen; `mergeQueue.settled` for the live status. A list answered after a
 * newer change of the same project is dropped.
 */
export function syncMergeQueue({ api, connection }: BridgeHandle): () => void {
  const changesSeen = new Map<string, number>();
  const load = async (projectId: string) => {
    const seen = changesSeen.get(projectId) ?? 0;
    const result = await api.invoke('mergeQueue.list', { projectId });
    if (!result.ok || (changesSeen.get(projectId) ?? 0) !== seen) return;
    useQueueStore.getState().putQueues(projectId, result.data);
  };
  const loadSelected = () => {
    const projectId = useSelectionStore.getState().selectedProjectId;
    if (projectId) void load(projectId);
  };
  const unsubscribers = [
    api.on('mergeQueue.changed', ({ projectId, queue }) => {
      changesSeen.set(projectId, (changesSeen.get(projectId) ?? 0) + 1);
      useQueueStore.getState().putQueue(projectId, queue);
    }),
    api.on('mergeQueue.gateOutput', ({ entryId, chunk }) => useQueueStore.getState().appendLog(entryId, chunk)),
    api.on('mergeQueue.settled', (event) => useQueueStore.getState().settled(event)),
    useSelectionStore.subscribe((state, before) => {
      if (state.selectedProjectId !== before.selectedProjectId) loadSelected();
    }),
  ];
  if (connection.current() !== 'unauthorized') loadSelected();
  unsubscribers.push(onReconnected(connection, loadSelected));
  return () => unsubscribers.forEach((off) => off());
}
