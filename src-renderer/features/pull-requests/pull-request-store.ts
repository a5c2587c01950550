import { create } from 'zustand';

interface PullRequestState {
  /** The task whose pull request dialog is open (from the merge dialog or the palette); null: none. */
  dialogTaskId: string | null;
  openDialog(taskId: string): void;
  closeDialog(): void;
}

export const usePullRequestStore = create<PullRequestState>()((set) => ({
  dialogTaskId: null,
  openDialog: (taskId) => set({ dialogTaskId: taskId }),
  closeDialog: () => set({ dialogTaskId: null }),
}));
