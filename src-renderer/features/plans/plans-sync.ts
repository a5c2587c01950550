import type { BridgeHandle } from '../../bridge/bridge';
import { onReconnected } from '../../bridge/on-reconnected';
import { onSelectedTaskChanged, useSelectionStore } from '../selection/selection-store';
import { useTasksStore } from '../tasks/tasks-store';
import { usePlansStore } from './plans-store';

/**
 * Keeps the open plan task's versions: loaded when it is selected, again on every
 * `plans.changed` for a task whose versions are loaded, and after a reconnect. A list answered
 * after a newer change was announced is dropped (the newer load follows).
 */
export function syncPlans({ api, connection }: BridgeHandle): () => void {
  const changes = new Map<string, number>();
  const load = async (taskId: string) => {
    const seen = changes.get(taskId) ?? 0;
    const result = await api.invoke('plans.list', { taskId });
    if ((changes.get(taskId) ?? 0) !== seen) return;
    if (result.ok) usePlansStore.getState().putVersions(taskId, result.data);
    else usePlansStore.getState().setError(taskId, result.error.message);
  };
  const isPlanTask = (taskId: string) => useTasksStore.getState().byId[taskId]?.role === 'plan';
  const selected = () => useSelectionStore.getState().selectedTaskId;
  const loadSelected = () => {
    const taskId = selected();
    if (taskId && isPlanTask(taskId)) void load(taskId);
  };

  const unsubscribers = [
    api.on('plans.changed', ({ taskId }) => {
      changes.set(taskId, (changes.get(taskId) ?? 0) + 1);
      if (usePlansStore.getState().byTask[taskId] || selected() === taskId) void load(taskId);
    }),
    onSelectedTaskChanged(() => loadSelected()),
    // The tasks arrive after the selection on a fresh page: load once the task is known.
    useTasksStore.subscribe((state, previous) => {
      const taskId = selected();
      if (taskId && state.byId[taskId] !== previous.byId[taskId] && !previous.byId[taskId]) loadSelected();
    }),
  ];
  if (connection.current() !== 'unauthorized') loadSelected();
  unsubscribers.push(onReconnected(connection, loadSelected));
  return () => unsubscribers.forEach((off) => off());
}
