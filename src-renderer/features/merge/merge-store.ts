import { create } from 'zustand';

interface MergeState {
  /** A merge stopped at conflicts, per task: reopening the dialog goes back to it. */
  pendingByTask: Record<string, string>;
  /** Files the task's agent was asked to resolve (`merge.askAgent`), per task. */
  agentResolvingByTask: Record<string, string[]>;
  setPending(taskId: string, mergeId: string | null): void;
  setAgentResolving(taskId: string, files: string[] | null): void;
}

function withEntry<T>(record: Record<string, T>, key: string, value: T | null): Record<string, T> {
  const { [key]: _old, ...rest } = record;
  return value === null ? rest : { ...rest, [key]: value };
}

/** Merge state that outlives the dialog: pending conflicts and hand-overs to the agent. */
export const useMergeStore = create<MergeState>()((set) => ({
  pendingByTask: {},
  agentResolvingByTask: {},
  setPending: (taskId, mergeId) => set((state) => ({ pendingByTask: withEntry(state.pendingByTask, taskId, mergeId) })),
  setAgentResolving: (taskId, files) => set((state) => ({ agentResolvingByTask: withEntry(state.agentResolvingByTask, taskId, files) })),
}));

export const usePendingMerge = (taskId: string) => useMergeStore((s) => s.pendingByTask[taskId] ?? null);
export const useAgentResolving = (taskId: string) => useMergeStore((s) => s.agentResolvingByTask[taskId] ?? null);
