import { create } from 'zustand';

interface PaletteState {
  /** The palette (Ctrl/Cmd+K) or the shortcuts sheet (?) is open. */
  open: 'palette' | 'shortcuts' | null;
  show(what: 'palette' | 'shortcuts'): void;
  close(): void;
}

export const usePaletteStore = create<PaletteState>()((set) => ({
  open: null,
  show: (what) => set({ open: what }),
  close: () => set({ open: null }),
}));
