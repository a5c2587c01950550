import { fail, ok, type Result } from '../../../src-shared/contract';
import { summariseGitError } from '../git/run-git';
import { resolveWorkspaceBase } from '../diffs/merge-base';
import { formatPatch } from '../diffs/unified-diff';
import { locateReviewPath } from '../paths/review-path';
import { statEntry, type WorktreeEntry } from '../paths/worktree-entry';
import { requireWorktree, worktreeGit, type WorkspaceHandle } from '../workspaces/workspace-handle';
import { guardWorktreeRemoval, removeWorktreeFiles } from '../workspaces/worktree-file-removal';
import { hunkRequestOf, locateHunk, reviewFileOf, validateReviewPaths, type HunkTarget } from './locate-hunk';
import { withPatchFile } from './patch-file';
import { existsInCommit, isTracked, isUntracked } from './tracking';

export interface RevertHunkRequest {
  /** Relative to the worktree root. */
  path: string;
  /** The file's old path when DiffLens shows it renamed: its hunks are named against that. */
  oldPath?: string;
  /** A hunk of the file's diff against the merge-base as DiffLens shows it (or at zero context), or the whole file. */
  hunk: HunkTarget;
  /** The hunk's `id` as DiffLens showed it: acted on only if the file still has exactly that hunk. */
  hunkId?: string;
}

export interface RevertedHunk {
  path: string;
  /** The file itself went (an untracked file, or one the branch added). */
  removedFile: boolean;
}

/**
 * Takes one hunk (or the whole file) out of the working tree, back to the merge-base. Only
 * the working tree changes: HEAD and the index stay. A change the workspace already
 * committed is undone the same way, so reverting it leaves an uncommitted change that
 * reverses the commit (commit that to drop it from the branch). Untracked files, and files
 * the branch added, are removed through the path guard.
 */
export async function revertHunk(handle: WorkspaceHandle, request: RevertHunkRequest): Promise<Result<RevertedHunk>> {
  const path = validateReviewPaths(request);
  if (!path.ok) return path;
  const present = requireWorktree(handle);
  if (!present.ok) return present;
  return handle.inRepoQueue(async () => {
    // Confined before git or the disk is asked anything about it.
    const entry = locateReviewPath(handle.path, request.path);
    if (!entry.ok) return entry;
    const base = await resolveWorkspaceBase(handle);
    if (!base.ok) return base;
    const mergeBase = base.data.commit;
    const untracked = await isUntracked(handle, request.path);
    if (!untracked.ok) return untracked;

    if (request.hunk !== 'file' || untracked.data) {
      // For an untracked file this only checks the request: its one hunk is the whole file.
      const located = request.hunk === 'file' ? null : await locateHunk(handle, mergeBase, reviewFileOf(request), hunkRequestOf(request.hunk, request.hunkId), untracked.data);
      if (located && !located.ok) return located;
      // The hunk as shown, context and all, reversed where the file is now (a rename stays).
      if (located && !untracked.data) return reverseApply(handle, entry.data, request.path, formatPatch(located.data.patch, [located.data.hunk], { inPlace: true }));
      return removeFile(handle, request.path);
    }
    if (await existsInCommit(handle, mergeBase, request.path)) {
      const restored = await worktreeGit(handle, ['restore', `--source=${mergeBase}`, '--worktree', '--', request.path]);
      if (restored.code !== 0) return fail('GIT_FAILED', `Could not restore ${request.path}: ${summariseGitError(restored.stderr)}`);
      return ok({ path: request.path, removedFile: false });
    }
    // Neither untracked nor in the merge-base: removed only when the branch added it. An ignored
    // file (`.env`) or one git never saw is not a change of this workspace and is left alone.
    const tracked = await isTracked(handle, request.path);
    if (!tracked.ok) return tracked;
    if (!tracked.data) {
      return fail('PATH_NOT_FOUND', `${request.path} is not a change of this workspace (git ignores it or does not know it); nothing was reverted.`, { path: request.path });
    }
    return removeFile(handle, request.path);
  });
}

async function reverseApply(handle: WorkspaceHandle, entry: WorktreeEntry, path: string, patch: string): Promise<Result<RevertedHunk>> {
  const applied = await withPatchFile(patch, (file) => worktreeGit(handle, ['apply', '--reverse', '--unidiff-zero', '--whitespace=nowarn', file]));
  if (applied.code !== 0) {
    return fail('HUNK_CHANGED', `${path} changed while the hunk was being reverted: ${summariseGitError(applied.stderr)}`, { path });
  }
  // A link counts as there (even a dangling one): git removes it only when the file goes.
  const left = statEntry(entry);
  if (!left.ok) return left;
  return ok({ path, removedFile: left.data === undefined });
}

async function removeFile(handle: WorkspaceHandle, path: string): Promise<Result<RevertedHunk>> {
  const guarded = guardWorktreeRemoval(handle.path, path);
  if (!guarded.ok) return guarded;
  // Below a link inside the worktree: git sees nothing there, so there is nothing to remove.
  if (guarded.data === null) return ok({ path, removedFile: false });
  await removeWorktreeFiles(handle.path, [guarded.data]);
  return ok({ path, removedFile: true });
}
