import type { Bridge, BridgeHandle } from '../../bridge/bridge';
import { onReconnected } from '../../bridge/on-reconnected';
import { onSelectedTaskChanged, useSelectionStore } from '../selection/selection-store';
import { useCommandsStore } from './commands-store';

/**
 * Keeps what the UI shows about agent commands: the machine's isolation (once, and after a
 * reconnect), every `commands.servicesChanged`, and the selected task's services when it is
 * opened (services started before the page loaded are only known that way).
 */
export function syncCommands({ api, connection }: BridgeHandle): () => void {
  /** Events seen per task: a list loaded meanwhile is older than the event, and dropped. */
  const eventsSeen = new Map<string, number>();
  const loadServices = async (taskId: string) => {
    const seen = eventsSeen.get(taskId) ?? 0;
    const result = await api.invoke('commands.services', { taskId });
    if ((eventsSeen.get(taskId) ?? 0) !== seen) return;
    if (result.ok) useCommandsStore.getState().putServices(taskId, result.data);
    else useCommandsStore.getState().setError(taskId, result.error.message);
  };
  const loadIsolation = async (bridge: Bridge) => {
    const result = await bridge.invoke('commands.isolation', {});
    if (result.ok) useCommandsStore.getState().setIsolation(result.data);
  };
  const loadSelected = () => {
    const taskId = useSelectionStore.getState().selectedTaskId;
    if (taskId) void loadServices(taskId);
  };

  const unsubscribers = [
    api.on('commands.servicesChanged', ({ taskId, services }) => {
      eventsSeen.set(taskId, (eventsSeen.get(taskId) ?? 0) + 1);
      useCommandsStore.getState().putServices(taskId, services);
    }),
    onSelectedTaskChanged(loadSelected),
  ];

  const loadAll = () => {
    void loadIsolation(api);
    loadSelected();
  };
  if (connection.current() !== 'unauthorized') loadAll();
  unsubscribers.push(onReconnected(connection, loadAll));
  return () => unsubscribers.forEach((off) => off());
}
