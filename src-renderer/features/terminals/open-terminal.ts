import type { Result, TerminalInfo } from '../../../src-shared/contract';
import type { Bridge } from '../../bridge/bridge';
import { useTerminalsStore } from './terminals-store';

/** The size a new terminal starts with; its view fits it to the panel at once. */
const startSize = { cols: 120, rows: 30 };

/** Opens a shell in the task's worktree and shows its tab (from "New terminal" or the palette). */
export async function openTaskTerminal(api: Bridge, taskId: string): Promise<Result<TerminalInfo>> {
  const result = await api.invoke('terminals.open', { taskId, ...startSize });
  if (!result.ok) return result;
  // The list may not have it yet (the event and the answer race): put it in now.
  const store = useTerminalsStore.getState();
  const known = store.terminalsByTask[taskId] ?? [];
  if (!known.some((terminal) => terminal.id === result.data.id)) store.putTerminals(taskId, [...known, result.data]);
  store.showTab(taskId, { terminalId: result.data.id });
  return result;
}
