import { create } from 'zustand';
import type { AttentionKind } from './attention';

/** Whether the page may show system notifications: the desktop always can; a browser after the user allows it. */
export type NotificationPermission = 'desktop' | 'granted' | 'default' | 'denied' | 'unsupported';

export interface Attention {
  taskId: string;
  kind: AttentionKind;
  at: number;
}

interface NotificationsState {
  /** Tasks that needed the user while they were not on screen, not looked at since (newest last). */
  unseen: Record<string, Attention>;
  permission: NotificationPermission;
  /** How many notifications were raised (shown by the system), for the status line and tests. */
  raised: number;
  add(attention: Attention): void;
  seen(taskId: string): void;
  forget(taskIds: readonly string[]): void;
  setPermission(permission: NotificationPermission): void;
  countRaised(): void;
}

export const useNotificationsStore = create<NotificationsState>()((set) => ({
  unseen: {},
  permission: 'unsupported',
  raised: 0,
  add: (attention) => set((state) => ({ unseen: { ...state.unseen, [attention.taskId]: attention } })),
  seen: (taskId) =>
    set((state) => {
      if (!state.unseen[taskId]) return state;
      const { [taskId]: _seen, ...unseen } = state.unseen;
      return { unseen };
    }),
  forget: (taskIds) =>
    set((state) => {
      const gone = new Set(taskIds);
      if (!Object.keys(state.unseen).some((id) => gone.has(id))) return state;
      return { unseen: Object.fromEntries(Object.entries(state.unseen).filter(([id]) => !gone.has(id))) };
    }),
  setPermission: (permission) => set({ permission }),
  countRaised: () => set((state) => ({ raised: state.raised + 1 })),
}));

export const useUnseenCount = () => useNotificationsStore((s) => Object.keys(s.unseen).length);
