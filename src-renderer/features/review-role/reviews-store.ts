import { create } from 'zustand';
import { findingPriorities, type FindingPriority, type ReviewFinding, type ReviewOverview } from '../../../src-shared/contract';
import { useTasksStore, workspaceOwnerIdIn } from '../tasks/tasks-store';

export interface LoadedOverview {
  data: ReviewOverview | null;
  error: string | null;
}

interface ReviewsState {
  /** Per reviewed task (the workspace's owner): its reviews' reports, findings and gate (`reviews.overview`). */
  overviews: Record<string, LoadedOverview>;
  /** Which priorities the findings lists show (one filter for every list). */
  shown: Record<FindingPriority, boolean>;
  /** Findings ticked for "Send to implementer", per reviewed task. */
  selected: Record<string, readonly string[]>;
  put(reviewedTaskId: string, overview: ReviewOverview): void;
  fail(reviewedTaskId: string, message: string): void;
  forget(reviewedTaskId: string): void;
  togglePriority(priority: FindingPriority): void;
  toggleSelected(reviewedTaskId: string, findingId: string): void;
  clearSelected(reviewedTaskId: string): void;
}

const allShown = Object.fromEntries(findingPriorities.map((priority) => [priority, true])) as Record<FindingPriority, boolean>;

/** What the UI knows of reviews: each reviewed task's overview, the priority filter, the findings ticked to send. */
export const useReviewsStore = create<ReviewsState>()((set) => ({
  overviews: {},
  shown: allShown,
  selected: {},
  put: (reviewedTaskId, overview) =>
    set((state) => {
      // Ticked findings that can no longer be sent (dismissed, fixed, gone) are unticked.
      const sendable = new Set(overview.findings.filter(isSendable).map((finding) => finding.id));
      const selected = (state.selected[reviewedTaskId] ?? []).filter((id) => sendable.has(id));
      return { overviews: { ...state.overviews, [reviewedTaskId]: { data: overview, error: null } }, selected: { ...state.selected, [reviewedTaskId]: selected } };
    }),
  fail: (reviewedTaskId, message) =>
    set((state) => ({ overviews: { ...state.overviews, [reviewedTaskId]: { data: state.overviews[reviewedTaskId]?.data ?? null, error: message } } })),
  forget: (reviewedTaskId) =>
    set((state) => {
      const { [reviewedTaskId]: _gone, ...overviews } = state.overviews;
      return { overviews };
    }),
  togglePriority: (priority) => set((state) => ({ shown: { ...state.shown, [priority]: !state.shown[priority] } })),
  toggleSelected: (reviewedTaskId, findingId) =>
    set((state) => {
      const current = state.selected[reviewedTaskId] ?? [];
      const next = current.includes(findingId) ? current.filter((id) => id !== findingId) : [...current, findingId];
      return { selected: { ...state.selected, [reviewedTaskId]: next } };
    }),
  clearSelected: (reviewedTaskId) => set((state) => ({ selected: { ...state.selected, [reviewedTaskId]: [] } })),
}));

/** A finding the user can still send: neither dismissed nor fixed. */
export const isSendable = (finding: Pick<ReviewFinding, 'status'>): boolean => finding.status !== 'dismissed' && finding.status !== 'fixed';

/** The task whose work a task's reviews are about: its workspace's owner (a review's reviewed task, a subagent's top parent). */
export function reviewedTaskIdOf(taskId: string | null): string | null {
  return taskId === null ? null : workspaceOwnerIdIn(useTasksStore.getState().byId, taskId);
}

const nothing: LoadedOverview = { data: null, error: null };
const noIds: readonly string[] = [];

/** The overview of the work `taskId` is about (given the workspace's owner or a task sharing it). */
export function useReviewOverview(taskId: string): LoadedOverview {
  const reviewedTaskId = useTasksStore((s) => workspaceOwnerIdIn(s.byId, taskId));
  return useReviewsStore((s) => s.overviews[reviewedTaskId] ?? nothing);
}

export const useSelectedFindings = (reviewedTaskId: string): readonly string[] => useReviewsStore((s) => s.selected[reviewedTaskId] ?? noIds);
