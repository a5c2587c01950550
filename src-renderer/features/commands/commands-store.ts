import { create } from 'zustand';
import type { BackgroundService, CommandIsolationInfo } from '../../../src-shared/contract';

interface CommandsState {
  /** How the host isolates agent commands; null until it answered. */
  isolation: CommandIsolationInfo | null;
  /** Each task's long-lived services, as the host last said. */
  servicesByTask: Record<string, BackgroundService[]>;
  /** Why listing a task's services failed, until a list arrives. */
  errorByTask: Record<string, string>;
  setIsolation(isolation: CommandIsolationInfo): void;
  putServices(taskId: string, services: BackgroundService[]): void;
  setError(taskId: string, message: string): void;
}

export const useCommandsStore = create<CommandsState>()((set) => ({
  isolation: null,
  servicesByTask: {},
  errorByTask: {},
  setIsolation: (isolation) => set({ isolation }),
  putServices: (taskId, services) =>
    set((state) => {
      const { [taskId]: _cleared, ...errorByTask } = state.errorByTask;
      const { [taskId]: _previous, ...others } = state.servicesByTask;
      // A task without services keeps no entry, so stores of long sessions stay small.
      return { servicesByTask: services.length === 0 ? others : { ...others, [taskId]: services }, errorByTask };
    }),
  setError: (taskId, message) => set((state) => ({ errorByTask: { ...state.errorByTask, [taskId]: message } })),
}));

const none: BackgroundService[] = [];
export const useTaskServices = (taskId: string): BackgroundService[] => useCommandsStore((s) => s.servicesByTask[taskId] ?? none);
export const useTaskServicesError = (taskId: string): string | null => useCommandsStore((s) => s.errorByTask[taskId] ?? null);
