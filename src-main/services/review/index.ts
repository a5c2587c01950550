import { fail, ok, type Result } from '../../../src-shared/contract';
import { openWorkspace, type WorkspaceHandle } from '../history/workspace-handle';
import { resolveWorkspaceBase } from '../history/workspace-base';
import type { WorkspaceContext } from '../workspaces/context';
import { acceptHunk, type AcceptedHunk, type AcceptHunkRequest } from './accept-hunk';
import { worktreeFileReader, type CurrentFileReader } from './comment-anchor';
import { isUntracked, readFileDiff } from './file-diff';
import { attributeHunks, fileEditsFromTimeline, provenanceHunk, type HunkProvenance, type ProvenanceHunk } from './provenance';
import { locateReviewPath } from './review-path';
import { createReviewComments, type ReviewComment } from './review-comments';
import { revertHunk, type RevertedHunk, type RevertHunkRequest } from './revert-hunk';
import { rangeOf, type HunkRange } from './unified-diff';

export type { AcceptedHunk, AcceptHunkRequest } from './accept-hunk';
export type { CurrentFileReader } from './comment-anchor';
export type { HunkTarget } from './locate-hunk';
export type { FileEdit, HunkProvenance, ProvenanceHunk } from './provenance';
export type { FollowUp, NewReviewComment, ReviewComment, ReviewComments } from './review-comments';
export type { RevertedHunk, RevertHunkRequest } from './revert-hunk';
export type { DiffHunk, FilePatch, HunkRange } from './unified-diff';
export { acceptHunk, revertHunk, attributeHunks, fileEditsFromTimeline, provenanceHunk, createReviewComments, worktreeFileReader };
export { parseFilePatch, formatPatch } from './unified-diff';

export type ReviewService = ReturnType<typeof createReviewService>;

/** Hunk actions, review comments and provenance (D2, D3) by task id. */
export function createReviewService(context: WorkspaceContext) {
  const comments = createReviewComments({ store: context.store, now: context.now });
  const withWorkspace = async <T>(taskId: string, work: (handle: WorkspaceHandle) => Promise<Result<T>>): Promise<Result<T>> => {
    const handle = openWorkspace(context, taskId);
    return handle.ok ? work(handle.data) : handle;
  };
  const editsOf = (taskId: string) => {
    const task = context.store.tasks.get(taskId);
    return task ? fileEditsFromTimeline(context.store.timeline.from(taskId, 0), { workspacePath: task.workspace.path }) : null;
  };

  return {
    acceptHunk: (taskId: string, request: AcceptHunkRequest): Promise<Result<AcceptedHunk>> =>
      withWorkspace(taskId, (handle) => acceptHunk(handle, request)),
    revertHunk: (taskId: string, request: RevertHunkRequest): Promise<Result<RevertedHunk>> =>
      withWorkspace(taskId, (handle) => revertHunk(handle, request)),

    comments: {
      ...comments,
      /** Reads the task's worktree unless another reader is given. */
      async detectAddressed(taskId: string, reader?: CurrentFileReader): Promise<Result<ReviewComment[]>> {
        const task = context.store.tasks.get(taskId);
        if (!task) return fail('NOT_FOUND', 'That task does not exist any more.');
        return comments.detectAddressed(taskId, reader ?? worktreeFileReader(task.workspace.path));
      },
    },

    /** Which agent step made each of these hunks of `path` (e.g. the diff engine's hunks). */
    provenance(taskId: string, path: string, hunks: readonly ProvenanceHunk[]): Result<HunkProvenance[]> {
      const edits = editsOf(taskId);
      if (!edits) return fail('NOT_FOUND', 'That task does not exist any more.');
      return ok(attributeHunks(edits, path, hunks));
    },

    /** The file's hunks against the merge-base (three lines of context by default), each with its provenance. */
    fileProvenance: (taskId: string, path: string, options: { contextLines?: number } = {}) =>
      withWorkspace(taskId, async (handle): Promise<Result<{ hunk: HunkRange; provenance: HunkProvenance }[]>> => {
        const located = locateReviewPath(handle.path, path);
        if (!located.ok) return located;
        const base = await resolveWorkspaceBase(handle);
        if (!base.ok) return base;
        const untracked = await isUntracked(handle, path);
        if (!untracked.ok) return untracked;
        const diff = await readFileDiff(handle, base.data.mergeBase, path, options.contextLines ?? 3, untracked.data);
        if (!diff.ok) return diff;
        const hunks = diff.data?.hunks ?? [];
        const attributed = attributeHunks(editsOf(taskId) ?? [], path, hunks.map(provenanceHunk));
        return ok(hunks.map((hunk, index) => ({ hunk: rangeOf(hunk), provenance: attributed[index] ?? { byHand: true as const } })));
      }),
  };
}
