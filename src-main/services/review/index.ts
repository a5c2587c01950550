import { ok, type Result, type ReviewSummary } from '../../../src-shared/contract';
import { fileDiff, hunkRange, hunksOf, readFileDiff, resolveWorkspaceBase, shownContext, type DiffFileRef, type FileDiff, type HunkRange, type WorkspaceDiff } from '../diffs';
import type { ContractEmit } from '../events';
import { locateReviewPath } from '../paths/review-path';
import type { WorkspaceContext } from '../workspaces/context';
import { openTaskWorkspace, taskNotFound } from '../workspaces/open-task-workspace';
import type { WorkspaceHandle } from '../workspaces/workspace-handle';
import { acceptHunk, type AcceptedHunk, type AcceptHunkRequest } from './accept-hunk';
import { worktreeFileReader } from './comment-anchor';
import { attributeHunks, fileEditsFromTimeline, provenanceHunk, type HunkProvenance, type ProvenanceHunk } from './provenance';
import { reviewFileOf, validateReviewPaths } from './locate-hunk';
import { createReviewComments } from './review-comments';
import { reviewOverview } from './review-overview';
import { revertHunk, type RevertedHunk, type RevertHunkRequest } from './revert-hunk';
import { createTaskComments, type AgentDelivery } from './task-comments';
import { isUntracked } from './tracking';

export type { AcceptedHunk, AcceptHunkRequest } from './accept-hunk';
export type { CurrentFileReader } from './comment-anchor';
export type { HunkTarget, ReviewFile } from './locate-hunk';
export type { FileEdit, HunkProvenance, ProvenanceHunk } from './provenance';
export type { FollowUp, NewReviewComment, ReviewComment, ReviewComments } from './review-comments';
export type { RevertedHunk, RevertHunkRequest } from './revert-hunk';
export { acceptHunk, revertHunk, attributeHunks, fileEditsFromTimeline, provenanceHunk, createReviewComments, worktreeFileReader };

export type ReviewService = ReturnType<typeof createReviewService>;

export interface ReviewServiceOptions {
  /** Pushes `review.commentsChanged`. */
  emit: ContractEmit;
  /** Starts (or queues) an agent turn in the task: comments are sent this way. */
  sendToAgent(taskId: string, text: string): Promise<Result<{ delivery: AgentDelivery }>>;
  /** A workspace's current diff (the live review's: coalesced with a refresh under way). */
  diff(workspaceId: string): Promise<Result<WorkspaceDiff>>;
}

/**
 * DiffLens by task id: the diff and one file's diff of a ready workspace, hunk actions
 * (publishing `workspace.moved`), review comments and provenance (D2, D3), and the
 * review-first overview.
 */
export function createReviewService(context: WorkspaceContext, options: ReviewServiceOptions) {
  const comments = createTaskComments(context, options);
  const withWorkspace = async <T>(taskId: string, work: (handle: WorkspaceHandle) => Promise<Result<T>>): Promise<Result<T>> => {
    const opened = openTaskWorkspace(context, taskId, 'worktree');
    return opened.ok ? work(opened.data.handle) : opened;
  };
  /** Hunk actions change the worktree (and accept its branch): everyone who follows it is told. */
  const moving = async <T>(taskId: string, work: (handle: WorkspaceHandle) => Promise<Result<T>>): Promise<Result<T>> => {
    const result = await withWorkspace(taskId, work);
    const task = result.ok ? context.store.tasks.get(taskId) : undefined;
    if (task) void context.events.publish('workspace.moved', { workspaceId: task.workspace.id });
    return result;
  };
  const editsOf = (taskId: string) => {
    const task = context.store.tasks.get(taskId);
    return task ? fileEditsFromTimeline(context.store.timeline.from(taskId, 0), { workspacePath: task.workspace.path }) : null;
  };

  return {
    /** Everything that differs from the merge-base with the base branch. */
    async diff(taskId: string): Promise<Result<WorkspaceDiff>> {
      const opened = openTaskWorkspace(context, taskId, 'worktree');
      return opened.ok ? options.diff(opened.data.workspace.id) : opened;
    },
    /** One file's hunks with both texts; the path is confined to the worktree by the diff. */
    fileDiff: (taskId: string, file: DiffFileRef): Promise<Result<FileDiff>> => withWorkspace(taskId, (handle) => fileDiff(handle, file)),

    acceptHunk: (taskId: string, request: AcceptHunkRequest): Promise<Result<AcceptedHunk>> => moving(taskId, (handle) => acceptHunk(handle, request)),
    revertHunk: (taskId: string, request: RevertHunkRequest): Promise<Result<RevertedHunk>> => moving(taskId, (handle) => revertHunk(handle, request)),

    comments,
    /** Every open comment as one follow-up to the task's agent; reopened if it cannot be delivered. */
    sendComments: (taskId: string) => comments.send(taskId),

    /** Per task of the project with a ready workspace: files, +/-, commands run, open comments. */
    overview: (projectId: string): Promise<Result<ReviewSummary[]>> => reviewOverview({ store: context.store, diff: options.diff }, projectId),

    /** Which agent step made each of these hunks of `path` (e.g. the diff engine's hunks). */
    provenance(taskId: string, path: string, hunks: readonly ProvenanceHunk[]): Result<HunkProvenance[]> {
      const edits = editsOf(taskId);
      if (!edits) return taskNotFound();
      return ok(attributeHunks(edits, path, hunks));
    },

    /**
     * The file's hunks against the merge-base, read exactly as DiffLens's file diff reads them
     * (three lines of context, a rename's old path compared too), each with its provenance.
     */
    fileProvenance: (taskId: string, path: string, options: { contextLines?: number; oldPath?: string } = {}) =>
      withWorkspace(taskId, async (handle): Promise<Result<{ hunk: HunkRange; provenance: HunkProvenance }[]>> => {
        const file = reviewFileOf({ path, ...(options.oldPath === undefined ? {} : { oldPath: options.oldPath }) });
        const valid = validateReviewPaths(file);
        if (!valid.ok) return valid;
        const located = locateReviewPath(handle.path, path);
        if (!located.ok) return located;
        const base = await resolveWorkspaceBase(handle);
        if (!base.ok) return base;
        const untracked = await isUntracked(handle, path);
        if (!untracked.ok) return untracked;
        const diff = await readFileDiff(handle, base.data.commit, file, { context: options.contextLines ?? shownContext, untracked: untracked.data });
        if (!diff.ok) return diff;
        const hunks = hunksOf(diff.data);
        const attributed = attributeHunks(editsOf(taskId) ?? [], path, hunks.map(provenanceHunk));
        return ok(hunks.map((hunk, index) => ({ hunk: hunkRange(hunk), provenance: attributed[index] ?? { byHand: true as const } })));
      }),
  };
}
