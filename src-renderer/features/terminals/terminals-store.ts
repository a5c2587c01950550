import { create } from 'zustand';
import type { TerminalInfo } from '../../../src-shared/contract';

/** The task view's tab: the agent's conversation, or one of the task's terminals. */
export type TaskTab = 'agent' | { terminalId: string };

interface TerminalsState {
  /** Each task's terminals as the host last said (oldest first). */
  terminalsByTask: Record<string, TerminalInfo[]>;
  /** Why listing a task's terminals failed, until a list arrives. */
  errorByTask: Record<string, string>;
  /** The tab each task shows (the agent's by default). */
  tabByTask: Record<string, TaskTab>;
  putTerminals(taskId: string, terminals: TerminalInfo[]): void;
  setError(taskId: string, message: string): void;
  showTab(taskId: string, tab: TaskTab): void;
  forgetTask(taskId: string): void;
}

export const useTerminalsStore = create<TerminalsState>()((set) => ({
  terminalsByTask: {},
  errorByTask: {},
  tabByTask: {},
  putTerminals: (taskId, terminals) =>
    set((state) => {
      const { [taskId]: _cleared, ...errorByTask } = state.errorByTask;
      const { [taskId]: _previous, ...others } = state.terminalsByTask;
      const tab = state.tabByTask[taskId];
      // A closed terminal's tab falls back to the agent's.
      const tabGone = tab !== undefined && tab !== 'agent' && !terminals.some((terminal) => terminal.id === tab.terminalId);
      return {
        terminalsByTask: terminals.length === 0 ? others : { ...others, [taskId]: terminals },
        errorByTask,
        tabByTask: tabGone ? { ...state.tabByTask, [taskId]: 'agent' } : state.tabByTask,
      };
    }),
  setError: (taskId, message) => set((state) => ({ errorByTask: { ...state.errorByTask, [taskId]: message } })),
  showTab: (taskId, tab) => set((state) => ({ tabByTask: { ...state.tabByTask, [taskId]: tab } })),
  forgetTask: (taskId) =>
    set((state) => {
      const { [taskId]: _terminals, ...terminalsByTask } = state.terminalsByTask;
      const { [taskId]: _error, ...errorByTask } = state.errorByTask;
      const { [taskId]: _tab, ...tabByTask } = state.tabByTask;
      return { terminalsByTask, errorByTask, tabByTask };
    }),
}));

const none: TerminalInfo[] = [];
export const useTaskTerminals = (taskId: string): TerminalInfo[] => useTerminalsStore((s) => s.terminalsByTask[taskId] ?? none);
export const useTaskTerminalsError = (taskId: string): string | null => useTerminalsStore((s) => s.errorByTask[taskId] ?? null);
export const useTaskTab = (taskId: string): TaskTab => useTerminalsStore((s) => s.tabByTask[taskId] ?? 'agent');
