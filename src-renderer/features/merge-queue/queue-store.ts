import { create } from 'zustand';
import type { EventPayload, MergeQueueView, QueueEntry } from '../../../src-shared/contract';

/** A gate log on screen: loading (chunks that arrive meanwhile are already in the answer), then growing with every chunk; a log cut in the middle says so in its text. */
export interface ShownLog {
  text: string;
  clipped: boolean;
  loading: boolean;
}

interface QueueState {
  /** Each loaded project's queues, as the host last said. */
  queuesByProject: Record<string, MergeQueueView[]>;
  logs: Record<string, ShownLog>;
  /** The newest landing or ejection per project, for the panel's live status. */
  settledByProject: Record<string, EventPayload<'mergeQueue.settled'>>;
  putQueues(projectId: string, queues: MergeQueueView[]): void;
  putQueue(projectId: string, queue: MergeQueueView): void;
  startLog(entryId: string): void;
  putLog(entryId: string, log: { text: string; clipped: boolean }): void;
  appendLog(entryId: string, chunk: string): void;
  dropLog(entryId: string): void;
  settled(event: EventPayload<'mergeQueue.settled'>): void;
}

export const useQueueStore = create<QueueState>()((set) => ({
  queuesByProject: {},
  logs: {},
  settledByProject: {},
  putQueues: (projectId, queues) => set((state) => ({ queuesByProject: { ...state.queuesByProject, [projectId]: queues } })),
  putQueue: (projectId, queue) =>
    set((state) => {
      const known = state.queuesByProject[projectId] ?? [];
      const others = known.filter((item) => item.targetBranch !== queue.targetBranch);
      const queues = [...others, queue].sort((a, b) => a.targetBranch.localeCompare(b.targetBranch));
      return { queuesByProject: { ...state.queuesByProject, [projectId]: queues } };
    }),
  startLog: (entryId) => set((state) => ({ logs: { ...state.logs, [entryId]: { text: '', clipped: false, loading: true } } })),
  putLog: (entryId, log) => set((state) => (state.logs[entryId] ? { logs: { ...state.logs, [entryId]: { ...log, loading: false } } } : state)),
  appendLog: (entryId, chunk) =>
    set((state) => {
      const shown = state.logs[entryId];
      if (!shown || shown.loading) return state;
      return { logs: { ...state.logs, [entryId]: { ...shown, text: shown.text + chunk } } };
    }),
  dropLog: (entryId) =>
    set((state) => {
      const { [entryId]: _dropped, ...logs } = state.logs;
      return { logs };
    }),
  settled: (event) => set((state) => ({ settledByProject: { ...state.settledByProject, [event.projectId]: event } })),
}));

const none: MergeQueueView[] = [];
export const useProjectQueues = (projectId: string): MergeQueueView[] => useQueueStore((s) => s.queuesByProject[projectId] ?? none);

/** The task's newest entry in any of its project's queues (waiting ones first), or null. Entries name a workspace's owner (`useWorkspaceOwnerId`). */
export function useTaskEntry(projectId: string, taskId: string): QueueEntry | null {
  return useQueueStore((s) => {
    const entries = (s.queuesByProject[projectId] ?? none).flatMap((queue) => queue.entries).filter((entry) => entry.taskId === taskId);
    const waiting = entries.find((entry) => entry.state !== 'landed' && entry.state !== 'ejected');
    return waiting ?? entries.sort((a, b) => (b.finishedAt ?? 0) - (a.finishedAt ?? 0))[0] ?? null;
  });
}
