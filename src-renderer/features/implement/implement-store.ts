import { create } from 'zustand';
import type { ImplementSummary, PlanProgress } from '../../../src-shared/contract';

export interface Loaded<T> {
  data: T | null;
  error: string | null;
}

interface ImplementState {
  /** Per plan task: its implement tasks and their steps' progress (`plans.progress`). */
  progress: Record<string, Loaded<PlanProgress>>;
  /** Per implement task: its summary (`plans.implementSummary`). */
  summaries: Record<string, Loaded<ImplementSummary>>;
  putProgress(planTaskId: string, progress: PlanProgress): void;
  putSummary(taskId: string, summary: ImplementSummary): void;
  setProgressError(planTaskId: string, message: string): void;
  setSummaryError(taskId: string, message: string): void;
}

/** What the UI knows about implementing plans: progress per plan task, the summary per implement task. */
export const useImplementStore = create<ImplementState>()((set) => ({
  progress: {},
  summaries: {},
  putProgress: (planTaskId, progress) => set((state) => ({ progress: { ...state.progress, [planTaskId]: { data: progress, error: null } } })),
  putSummary: (taskId, summary) => set((state) => ({ summaries: { ...state.summaries, [taskId]: { data: summary, error: null } } })),
  setProgressError: (planTaskId, message) =>
    set((state) => ({ progress: { ...state.progress, [planTaskId]: { data: state.progress[planTaskId]?.data ?? null, error: message } } })),
  setSummaryError: (taskId, message) =>
    set((state) => ({ summaries: { ...state.summaries, [taskId]: { data: state.summaries[taskId]?.data ?? null, error: message } } })),
}));

const nothing: Loaded<never> = { data: null, error: null };
export const usePlanProgress = (planTaskId: string): Loaded<PlanProgress> => useImplementStore((s) => s.progress[planTaskId] ?? nothing);
export const useImplementSummary = (taskId: string): Loaded<ImplementSummary> => useImplementStore((s) => s.summaries[taskId] ?? nothing);

const noMarkers: ReadonlyMap<string, string> = new Map();
const markerCache = new WeakMap<ImplementSummary, ReadonlyMap<string, string>>();

/** For DiffLens's file list: each unplanned file of an implement task, marked "unplanned". */
export function useUnplannedMarkers(taskId: string): ReadonlyMap<string, string> {
  return useImplementStore((s) => {
    const summary = s.summaries[taskId]?.data;
    if (!summary || summary.unplanned.length === 0) return noMarkers;
    let markers = markerCache.get(summary);
    if (!markers) {
      markers = new Map(summary.unplanned.map((change) => [change.path, 'unplanned']));
      markerCache.set(summary, markers);
    }
    return markers;
  });
}
