import { create } from 'zustand';
import type { AppInfo, StorageTroubleInfo } from '../../../src-shared/contract';

export type OpenDialog = { kind: 'addProject' } | { kind: 'newTask'; projectId: string } | { kind: 'newPipeline'; projectId: string } | null;

interface AppState {
  info: AppInfo | null;
  /** Why the initial load failed, when it did. */
  loadError: string | null;
  dialog: OpenDialog;
  /** The host's database refuses writes (disk full, …): said in a banner until it accepts again. */
  storageTrouble: StorageTroubleInfo | null;
  setInfo(info: AppInfo): void;
  setStorageTrouble(trouble: StorageTroubleInfo | null): void;
  setLoadError(message: string | null): void;
  openDialog(dialog: Exclude<OpenDialog, null>): void;
  closeDialog(): void;
}

/**
 * The shell's own state: what the host said about itself, and which app-level dialog is open.
 * Features never read it: the shell hands them what they need (see `features/selection/` for
 * what is selected).
 */
export const useAppStore = create<AppState>()((set) => ({
  info: null,
  loadError: null,
  dialog: null,
  storageTrouble: null,
  setInfo: (info) => set({ info }),
  setStorageTrouble: (storageTrouble) => set({ storageTrouble }),
  setLoadError: (loadError) => set({ loadError }),
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
}));
