import { create } from 'zustand';
import type { ViewItem } from './timeline-items';

export type TimelineLoad = 'loading' | 'ready' | 'failed';

/** What the conversation view of one open task reads. Everything else about it lives in `OpenTimeline`. */
export interface TimelineView {
  /** Bumped each time the task is opened, so "first render" is measured once per open. */
  openId: number;
  load: TimelineLoad;
  loadError: string | null;
  items: readonly ViewItem[];
  activeErrorKey: string | null;
  hasMore: boolean;
  loadingOlder: boolean;
  olderError: string | null;
  /** The newest finished assistant message, for the screen-reader announcement. */
  announcement: { id: number; text: string } | null;
}

interface TimelineState {
  /** Only open tasks have an entry: other tasks' streams are not kept. */
  byTask: Record<string, TimelineView>;
  /**
   * A tool call to scroll to and highlight, per task (DiffLens: "by agent, step N"). Kept
   * apart from `byTask` so it survives the task being opened after the request.
   */
  reveal: Record<string, { callId: string; nonce: number }>;
  revealCall(taskId: string, callId: string): void;
  put(taskId: string, view: TimelineView): void;
  patch(taskId: string, change: Partial<TimelineView>): void;
  drop(taskId: string): void;
}

let revealNonce = 0;

export const useTimelineStore = create<TimelineState>()((set) => ({
  byTask: {},
  reveal: {},
  revealCall: (taskId, callId) => set((state) => ({ reveal: { ...state.reveal, [taskId]: { callId, nonce: ++revealNonce } } })),
  put: (taskId, view) => set((state) => ({ byTask: { ...state.byTask, [taskId]: view } })),
  patch: (taskId, change) =>
    set((state) => {
      const current = state.byTask[taskId];
      if (!current) return state;
      return { byTask: { ...state.byTask, [taskId]: { ...current, ...change } } };
    }),
  drop: (taskId) =>
    set((state) => {
      if (!state.byTask[taskId]) return state;
      const { [taskId]: _dropped, ...byTask } = state.byTask;
      return { byTask };
    }),
}));

const noItems: readonly ViewItem[] = [];

/** Narrow selectors: a batch streaming into a task re-renders only what reads that task's rows. */
export const useTimelineItems = (taskId: string) => useTimelineStore((s) => s.byTask[taskId]?.items ?? noItems);
export const useTimelineLoad = (taskId: string) => useTimelineStore((s) => s.byTask[taskId]?.load ?? 'loading');
export const useTimelineLoadError = (taskId: string) => useTimelineStore((s) => s.byTask[taskId]?.loadError ?? null);
export const useTimelineOpenId = (taskId: string) => useTimelineStore((s) => s.byTask[taskId]?.openId ?? 0);
export const useHasOlder = (taskId: string) => useTimelineStore((s) => s.byTask[taskId]?.hasMore ?? false);
export const useLoadingOlder = (taskId: string) => useTimelineStore((s) => s.byTask[taskId]?.loadingOlder ?? false);
export const useOlderError = (taskId: string) => useTimelineStore((s) => s.byTask[taskId]?.olderError ?? null);
export const useIsActiveError = (taskId: string, key: string) =>
  useTimelineStore((s) => s.byTask[taskId]?.activeErrorKey === key);
export const useAnnouncement = (taskId: string) => useTimelineStore((s) => s.byTask[taskId]?.announcement ?? null);
export const useRevealRequest = (taskId: string) => useTimelineStore((s) => s.reveal[taskId] ?? null);
export const useIsRevealedCall = (taskId: string, callId: string) => useTimelineStore((s) => s.reveal[taskId]?.callId === callId);
