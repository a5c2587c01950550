import { create } from 'zustand';
import type { AppInfo } from '../../../src-shared/contract';

export type OpenDialog = { kind: 'addProject' } | { kind: 'newTask'; projectId: string } | null;

interface AppState {
  info: AppInfo | null;
  /** Why the initial load failed, when it did. */
  loadError: string | null;
  selectedProjectId: string | null;
  selectedTaskId: string | null;
  dialog: OpenDialog;
  setInfo(info: AppInfo): void;
  setLoadError(message: string | null): void;
  selectProject(projectId: string | null): void;
  selectTask(projectId: string, taskId: string): void;
  openDialog(dialog: Exclude<OpenDialog, null>): void;
  closeDialog(): void;
}

/** App-wide UI state: what is selected, which dialog is open, what the host said about itself. */
export const useAppStore = create<AppState>()((set) => ({
  info: null,
  loadError: null,
  selectedProjectId: null,
  selectedTaskId: null,
  dialog: null,
  setInfo: (info) => set({ info }),
  setLoadError: (loadError) => set({ loadError }),
  selectProject: (selectedProjectId) => set({ selectedProjectId, selectedTaskId: null }),
  selectTask: (selectedProjectId, selectedTaskId) => set({ selectedProjectId, selectedTaskId }),
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
}));
