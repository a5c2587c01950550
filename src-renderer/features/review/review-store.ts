import { create } from 'zustand';
import { openCommentCount } from './comment-groups';
import { keepFocus } from './file-navigation';
import type { ReviewComment, ReviewSummary, WorkspaceDiff } from './review-types';

export type DiffMode = 'side-by-side' | 'inline';

export interface TaskDiffState {
  diff: WorkspaceDiff | null;
  /** Why the last load failed, in the host's words. */
  error: string | null;
  loading: boolean;
  /** `fileKey` of the focused file; kept across refreshes while the file is still there. */
  focusedKey: string | null;
}

export interface OverviewState {
  summaries: ReviewSummary[];
  error: string | null;
  loading: boolean;
}

export interface CommentsState {
  comments: ReviewComment[];
  error: string | null;
  loaded: boolean;
}

interface ReviewState {
  diffMode: DiffMode;
  overviews: Record<string, OverviewState>;
  diffs: Record<string, TaskDiffState>;
  comments: Record<string, CommentsState>;
  setDiffMode(mode: DiffMode): void;
  overviewLoading(projectId: string): void;
  overviewLoaded(projectId: string, summaries: ReviewSummary[]): void;
  overviewFailed(projectId: string, message: string): void;
  diffLoading(taskId: string): void;
  diffFailed(taskId: string, message: string): void;
  /** A list from a command or a `review.diffChanged` event; the focused file survives it. */
  applyDiff(taskId: string, diff: WorkspaceDiff): void;
  focusFile(taskId: string, key: string | null): void;
  setComments(taskId: string, comments: ReviewComment[]): void;
  commentsFailed(taskId: string, message: string): void;
  /** A command's answer for one comment (the event with the full list may follow). */
  putComment(comment: ReviewComment): void;
  removeComment(taskId: string, commentId: string): void;
  forgetTask(taskId: string): void;
}

const diffModeStorageKey = 'braid.review.diffMode';

function rememberedDiffMode(): DiffMode {
  try {
    return globalThis.localStorage?.getItem(diffModeStorageKey) === 'inline' ? 'inline' : 'side-by-side';
  } catch {
    return 'side-by-side';
  }
}

const emptyDiffState: TaskDiffState = { diff: null, error: null, loading: false, focusedKey: null };

/** Updates the overview line of a task wherever it is listed. */
function patchSummaries(
  overviews: Record<string, OverviewState>,
  taskId: string,
  change: (summary: ReviewSummary) => ReviewSummary,
): Record<string, OverviewState> {
  let next = overviews;
  for (const [projectId, overview] of Object.entries(overviews)) {
    const index = overview.summaries.findIndex((summary) => summary.taskId === taskId);
    if (index === -1) continue;
    const summaries = overview.summaries.slice();
    summaries[index] = change(summaries[index]!);
    next = { ...next, [projectId]: { ...overview, summaries } };
  }
  return next;
}

/** DiffLens state: per-project overviews, per-task file lists (with focus), comments, the diff layout. */
export const useReviewStore = create<ReviewState>()((set) => ({
  diffMode: rememberedDiffMode(),
  overviews: {},
  diffs: {},
  comments: {},
  setDiffMode: (diffMode) => {
    try {
      globalThis.localStorage?.setItem(diffModeStorageKey, diffMode);
    } catch {
      // Private mode or storage disabled: the choice lasts for this session only.
    }
    set({ diffMode });
  },
  overviewLoading: (projectId) =>
    set((state) => {
      const current = state.overviews[projectId];
      return { overviews: { ...state.overviews, [projectId]: { summaries: current?.summaries ?? [], error: null, loading: true } } };
    }),
  overviewLoaded: (projectId, summaries) =>
    set((state) => ({ overviews: { ...state.overviews, [projectId]: { summaries, error: null, loading: false } } })),
  overviewFailed: (projectId, message) =>
    set((state) => {
      const current = state.overviews[projectId];
      return { overviews: { ...state.overviews, [projectId]: { summaries: current?.summaries ?? [], error: message, loading: false } } };
    }),
  diffLoading: (taskId) =>
    set((state) => ({ diffs: { ...state.diffs, [taskId]: { ...(state.diffs[taskId] ?? emptyDiffState), loading: true } } })),
  diffFailed: (taskId, message) =>
    set((state) => ({ diffs: { ...state.diffs, [taskId]: { ...(state.diffs[taskId] ?? emptyDiffState), loading: false, error: message } } })),
  applyDiff: (taskId, diff) =>
    set((state) => {
      const current = state.diffs[taskId] ?? emptyDiffState;
      const focusedKey = keepFocus(current.diff?.files ?? [], diff.files, current.focusedKey);
      return {
        diffs: { ...state.diffs, [taskId]: { diff, error: null, loading: false, focusedKey } },
        overviews: patchSummaries(state.overviews, taskId, (summary) => ({
          ...summary,
          files: diff.totals.files,
          additions: diff.totals.additions,
          deletions: diff.totals.deletions,
          error: null,
        })),
      };
    }),
  focusFile: (taskId, focusedKey) =>
    set((state) => {
      const current = state.diffs[taskId] ?? emptyDiffState;
      if (current.focusedKey === focusedKey) return state;
      return { diffs: { ...state.diffs, [taskId]: { ...current, focusedKey } } };
    }),
  setComments: (taskId, comments) =>
    set((state) => ({
      comments: { ...state.comments, [taskId]: { comments, error: null, loaded: true } },
      overviews: patchSummaries(state.overviews, taskId, (summary) => ({ ...summary, openComments: openCommentCount(comments) })),
    })),
  commentsFailed: (taskId, message) =>
    set((state) => {
      const current = state.comments[taskId];
      return { comments: { ...state.comments, [taskId]: { comments: current?.comments ?? [], error: message, loaded: true } } };
    }),
  putComment: (comment) =>
    set((state) => {
      const current = state.comments[comment.taskId]?.comments ?? [];
      const index = current.findIndex((c) => c.id === comment.id);
      const comments = index === -1 ? [...current, comment] : current.map((c) => (c.id === comment.id ? comment : c));
      return {
        comments: { ...state.comments, [comment.taskId]: { comments, error: null, loaded: true } },
        overviews: patchSummaries(state.overviews, comment.taskId, (summary) => ({ ...summary, openComments: openCommentCount(comments) })),
      };
    }),
  removeComment: (taskId, commentId) =>
    set((state) => {
      const current = state.comments[taskId];
      if (!current) return state;
      const comments = current.comments.filter((c) => c.id !== commentId);
      return {
        comments: { ...state.comments, [taskId]: { ...current, comments } },
        overviews: patchSummaries(state.overviews, taskId, (summary) => ({ ...summary, openComments: openCommentCount(comments) })),
      };
    }),
  forgetTask: (taskId) =>
    set((state) => {
      const { [taskId]: _diff, ...diffs } = state.diffs;
      const { [taskId]: _comments, ...comments } = state.comments;
      return { diffs, comments };
    }),
}));

const noComments: ReviewComment[] = [];
const noSummaries: ReviewSummary[] = [];

export const useTaskDiff = (taskId: string | null) => useReviewStore((s) => (taskId ? s.diffs[taskId] : undefined));
export const useFocusedKey = (taskId: string | null) => useReviewStore((s) => (taskId ? (s.diffs[taskId]?.focusedKey ?? null) : null));
export const useTaskComments = (taskId: string) => useReviewStore((s) => s.comments[taskId]?.comments ?? noComments);
export const useCommentsError = (taskId: string) => useReviewStore((s) => s.comments[taskId]?.error ?? null);
export const useOverview = (projectId: string) => useReviewStore((s) => s.overviews[projectId]);
export const useSummaries = (projectId: string) => useReviewStore((s) => s.overviews[projectId]?.summaries ?? noSummaries);
export const useDiffMode = () => useReviewStore((s) => s.diffMode);
