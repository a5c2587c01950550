import { create } from 'zustand';

interface MergeState {
  /** A merge stopped at conflicts, per task: reopening the dialog goes back to it. */
  pendingByTask: Record<string, string>;
  /** Files the task's agent was asked to resolve (`merge.askAgent`), per task. */
  agentResolvingByTask: Record<string, string[]>;
  setPending(taskId: string, mergeId: string | null): void;
  setAgentResolving(taskId: string, files: string[] | null): void;
  /** The task whose merge dialog is open (from its button or the palette); null: none. */
  dialogTaskId: string | null;
  openDialog(taskId: string): void;
  closeDialog(): void;
}

function withEntry<T>(record: Record<string, T>, key: string, value: T | null): Record<string, T> {
  const { [key]: _old, ...rest } = record;
  return value === null ? rest : { ...rest, [key]: value };
}

/** Merge state that outlives the dialog: pending conflicts, hand-overs to the agent, and which task's dialog is open. */
export const useMergeStore = create<MergeState>()((set) => ({
  pendingByTask: {},
  agentResolvingByTask: {},
  setPending: (taskId, mergeId) => set((state) => ({ pendingByTask: withEntry(state.pendingByTask, taskId, mergeId) })),
  setAgentResolving: (taskId, files) => set((state) => ({ agentResolvingByTask: withEntry(state.agentResolvingByTask, taskId, files) })),
  dialogTaskId: null,
  // A new look at the merge replaces the hand-over notice.
  openDialog: (taskId) => set((state) => ({ dialogTaskId: taskId, agentResolvingByTask: withEntry(state.agentResolvingByTask, taskId, null) })),
  closeDialog: () => set({ dialogTaskId: null }),
}));

export const usePendingMerge = (taskId: string) => useMergeStore((s) => s.pendingByTask[taskId] ?? null);
export const useAgentResolving = (taskId: string) => useMergeStore((s) => s.agentResolvingByTask[taskId] ?? null);
