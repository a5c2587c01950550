import { create } from 'zustand';

export type SettingsSection = 'models' | 'mcp' | 'permissions' | 'rules' | 'review' | 'agents' | 'editor';

interface SettingsOpenState {
  /** The section shown when Settings is open; null while closed. */
  open: SettingsSection | null;
  openSettings(section?: SettingsSection): void;
  closeSettings(): void;
}

/** Whether Settings is open and at which section: its button, Ctrl/Cmd+, and the palette open it. */
export const useSettingsStore = create<SettingsOpenState>()((set) => ({
  open: null,
  openSettings: (section = 'models') => set({ open: section }),
  closeSettings: () => set({ open: null }),
}));
