import { create } from 'zustand';
import type { AppInfo } from '../../../src-shared/contract';

export type OpenDialog = { kind: 'addProject' } | { kind: 'newTask'; projectId: string } | null;

interface AppState {
  info: AppInfo | null;
  /** Why the initial load failed, when it did. */
  loadError: string | null;
  selectedProjectId: string | null;
  selectedTaskId: string | null;
  /** DiffLens is on screen (for the selected project, focused on the selected task). */
  reviewing: boolean;
  dialog: OpenDialog;
  setInfo(info: AppInfo): void;
  setLoadError(message: string | null): void;
  selectProject(projectId: string | null): void;
  selectTask(projectId: string, taskId: string): void;
  /** Opens DiffLens for a project; `taskId` picks the task in it (undefined keeps the selected one if it belongs there). */
  openReview(projectId: string, taskId?: string | null): void;
  closeReview(): void;
  openDialog(dialog: Exclude<OpenDialog, null>): void;
  closeDialog(): void;
}

/** App-wide UI state: what is selected, which dialog is open, what the host said about itself. */
export const useAppStore = create<AppState>()((set) => ({
  info: null,
  loadError: null,
  selectedProjectId: null,
  selectedTaskId: null,
  reviewing: false,
  dialog: null,
  setInfo: (info) => set({ info }),
  setLoadError: (loadError) => set({ loadError }),
  selectProject: (selectedProjectId) => set({ selectedProjectId, selectedTaskId: null, reviewing: false }),
  selectTask: (selectedProjectId, selectedTaskId) => set({ selectedProjectId, selectedTaskId, reviewing: false }),
  openReview: (projectId, taskId) =>
    set((state) => ({
      selectedProjectId: projectId,
      selectedTaskId: taskId !== undefined ? taskId : state.selectedProjectId === projectId ? state.selectedTaskId : null,
      reviewing: true,
    })),
  closeReview: () => set({ reviewing: false }),
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
}));
