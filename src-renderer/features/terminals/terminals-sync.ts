import type { BridgeHandle } from '../../bridge/bridge';
import { onReconnected } from '../../bridge/on-reconnected';
import { onSelectedTaskChanged, useSelectionStore } from '../selection/selection-store';
import { terminalStreams } from './terminal-streams';
import { useTerminalsStore } from './terminals-store';

/**
 * Keeps the terminals the UI shows: the selected task's list when it is opened (terminals
 * opened before the page loaded are only known that way), every `terminals.changed`, and
 * `terminals.data` for the terminals on screen. After a reconnect the list is loaded again and
 * every terminal on screen replays the host's snapshot (its output meanwhile was missed).
 */
export function syncTerminals({ api, connection }: BridgeHandle): () => void {
  /** Events seen per task: a list loaded meanwhile is older than the event, and dropped. */
  const eventsSeen = new Map<string, number>();
  const load = async (taskId: string) => {
    const seen = eventsSeen.get(taskId) ?? 0;
    const result = await api.invoke('terminals.list', { taskId });
    if ((eventsSeen.get(taskId) ?? 0) !== seen) return;
    if (result.ok) useTerminalsStore.getState().putTerminals(taskId, result.data);
    else useTerminalsStore.getState().setError(taskId, result.error.message);
  };
  const loadSelected = () => {
    const taskId = useSelectionStore.getState().selectedTaskId;
    if (taskId) void load(taskId);
  };

  const unsubscribers = [
    api.on('terminals.data', ({ terminalId, from, data }) => terminalStreams.get(terminalId)?.receive(from, data)),
    api.on('terminals.changed', ({ taskId, terminals }) => {
      eventsSeen.set(taskId, (eventsSeen.get(taskId) ?? 0) + 1);
      useTerminalsStore.getState().putTerminals(taskId, terminals);
    }),
    api.on('tasks.removed', ({ taskId }) => useTerminalsStore.getState().forgetTask(taskId)),
    onSelectedTaskChanged(loadSelected),
  ];
  if (connection.current() !== 'unauthorized') loadSelected();
  unsubscribers.push(
    onReconnected(connection, () => {
      loadSelected();
      for (const stream of terminalStreams.all()) void stream.resync();
    }),
  );
  return () => unsubscribers.forEach((off) => off());
}
