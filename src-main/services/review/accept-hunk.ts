import { fail, ok, type Result } from '../../../src-shared/contract';
import { summariseGitError } from '../git/run-git';
import { changeRanges } from '../diffs/hunk';
import { resolveWorkspaceBase } from '../diffs/merge-base';
import { hunksOf, readFileDiff } from '../diffs/read-file-diff';
import { formatFilePatch } from '../diffs/unified-diff';
import { statEntry, type WorktreeEntry } from '../paths/worktree-entry';
import { locateReviewPath } from '../paths/review-path';
import { suggestCommitMessage, suggestHunkCommitMessage, type ChangeKind } from '../history/commit-message';
import { withTemporaryIndex, type IndexGit } from '../workspaces/temporary-index';
import { requireWorktree, worktreeGit, type WorkspaceHandle } from '../workspaces/workspace-handle';
import { overlappingOnNewSide } from '../diffs/hunk-selection';
import { hunkRequestOf, locateHunk, reviewFileOf, validateReviewPaths, type HunkTarget } from './locate-hunk';
import { withPatchFile } from './patch-file';
import { existsInCommit, isUntracked } from './tracking';

export interface AcceptHunkRequest {
  /** Relative to the worktree root. */
  path: string;
  /** The file's old path when DiffLens shows it renamed: its hunks are named against that. */
  oldPath?: string;
  /** A hunk of the file's diff against the merge-base as DiffLens shows it (or at zero context), or the whole file. */
  hunk: HunkTarget;
  /** The hunk's `id` as DiffLens showed it: acted on only if the file still has exactly that hunk. */
  hunkId?: string;
  /** Suggested from the path and lines when not given. */
  message?: string;
}

export type AcceptedHunk =
  | { path: string; commit: string; message: string }
  /** The change is already in a commit of the workspace: nothing to do. */
  | { path: string; commit: null; alreadyCommitted: true };

/**
 * Commits exactly one hunk (or one whole file) in the workspace. The commit is built in a
 * temporary index from HEAD, so whatever else is staged stays out of it and stays staged;
 * afterwards the worktree's index gets the same change, so the file does not look staged
 * backwards. Hooks are skipped: one could re-stage files and commit more than was accepted.
 *
 * The hunk is named as the review shows it (merge-base → working tree); the part of its
 * changes that is not committed yet is what gets committed (for a rename not committed yet,
 * with the rename). Refuses with HUNK_CHANGED when the file's diff no longer has that hunk,
 * and with WORKSPACE_NOT_READY when the worktree is missing.
 */
export async function acceptHunk(handle: WorkspaceHandle, request: AcceptHunkRequest): Promise<Result<AcceptedHunk>> {
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
    const untracked = await isUntracked(handle, request.path);
    if (!untracked.ok) return untracked;
    if (request.hunk === 'file') return commitWholeFile(handle, entry.data, request.path, untracked.data, request.message);

    const file = reviewFileOf(request);
    const located = await locateHunk(handle, base.data.commit, file, hunkRequestOf(request.hunk, request.hunkId), untracked.data);
    if (!located.ok) return located;
    // An untracked file is one hunk: accepting it adds the file.
    if (untracked.data) return commitWholeFile(handle, entry.data, request.path, true, request.message);
    const message = request.message?.trim() || suggestHunkCommitMessage(request.path, request.hunk);

    // What a commit can take is the HEAD → working tree diff: the hunks there on the lines this hunk changed.
    const uncommitted = await readFileDiff(handle, 'HEAD', file, { context: 0 });
    if (!uncommitted.ok) return uncommitted;
    const picked = overlappingOnNewSide(changeRanges(located.data.hunk), hunksOf(uncommitted.data));
    if (picked.length === 0) return ok({ path: request.path, commit: null, alreadyCommitted: true as const });
    const patch = formatFilePatch(uncommitted.data, picked);
    return withPatchFile(patch, (patchFile) =>
      commitInTemporaryIndex(handle, request.path, message, {
        stage: (git) => git(['apply', '--cached', '--unidiff-zero', '--whitespace=nowarn', patchFile]),
        stageInWorktreeIndex: () => worktreeGit(handle, ['apply', '--cached', '--unidiff-zero', '--whitespace=nowarn', patchFile]),
      }),
    );
  });
}

async function commitWholeFile(
  handle: WorkspaceHandle,
  entry: WorktreeEntry,
  path: string,
  untracked: boolean,
  message: string | undefined,
): Promise<Result<AcceptedHunk>> {
  if (!untracked) {
    const unchanged = await worktreeGit(handle, ['diff', '--quiet', '--no-ext-diff', 'HEAD', '--', path], { readOnly: true });
    if (unchanged.code === 0) return ok({ path, commit: null, alreadyCommitted: true as const });
  }
  // The entry itself, a link not followed: a dangling link is still a file git adds.
  const present = statEntry(entry);
  if (!present.ok) return present;
  const kind: ChangeKind = present.data === undefined
    ? 'deleted'
    : untracked || !(await existsInCommit(handle, 'HEAD', path))
      ? 'added'
      : 'modified';
  return commitInTemporaryIndex(handle, path, message?.trim() || suggestCommitMessage([{ path, kind }]), {
    stage: (git) => git(['add', '--all', '--', path]),
    stageInWorktreeIndex: () => worktreeGit(handle, ['add', '--all', '--', path]),
  });
}

async function commitInTemporaryIndex(
  handle: WorkspaceHandle,
  path: string,
  message: string,
  steps: { stage(git: IndexGit): ReturnType<IndexGit>; stageInWorktreeIndex(): ReturnType<IndexGit> },
): Promise<Result<AcceptedHunk>> {
  const committed = await withTemporaryIndex(handle, { tree: 'HEAD' }, async (git) => {
    const staged = await steps.stage(git);
    if (staged.code !== 0) return fail('HUNK_CHANGED', `Could not take that change from ${path}: ${summariseGitError(staged.stderr)}`, { path });
    const commit = await git(['commit', '--quiet', '--no-verify', '--cleanup=strip', '-m', message]);
    if (commit.code !== 0) return fail('GIT_FAILED', `Git could not commit: ${summariseGitError(commit.stderr || commit.stdout)}`);
    const head = await git(['rev-parse', 'HEAD']);
    return ok(head.stdout.trim());
  });
  if (!committed.ok) return committed;
  // Nothing staged for this file before (the usual case): the same change lands cleanly. If
  // the user had staged other edits of it by hand, the entry is reset to the new commit
  // instead (their edits stay in the file), or it would undo the accepted hunk in the index.
  const restaged = await steps.stageInWorktreeIndex();
  if (restaged.code !== 0) await worktreeGit(handle, ['reset', '--quiet', '--', path]);
  return ok({ path, commit: committed.data, message });
}
