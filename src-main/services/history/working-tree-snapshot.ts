import { fail, ok, type Result } from '../../../src-shared/contract';
import { summariseGitError } from '../git/run-git';
import { snapshotWorkspace } from '../workspaces/worktree-snapshot';
import { parseNameStatus, type ChangedPath } from './commit-message';
import { worktreeGit, type WorkspaceHandle } from '../workspaces/workspace-handle';

/**
 * The tree of the worktree as it is on disk now: tracked and untracked files, not ignored
 * ones. The same snapshot the merge and the radar take (a private copy of the index), so
 * the worktree's own index, HEAD and files are untouched.
 */
export async function snapshotWorkingTree(handle: WorkspaceHandle): Promise<Result<string>> {
  try {
    // Only the tree is wanted: naming the changed files would cost one more git process.
    const snapshot = await snapshotWorkspace(handle.path, { listUncommitted: false });
    if (!snapshot) return fail('WORKSPACE_NOT_READY', `The worktree ${handle.path} is missing; recreate the workspace first.`, { path: handle.path });
    return ok(snapshot.tree);
  } catch (error) {
    return fail('GIT_FAILED', `Could not read the worktree's files: ${summariseGitError(error instanceof Error ? error.message : String(error))}`);
  }
}

/** Files that differ between two trees, as seen going from `from` to `to`. */
export async function treeDifferences(handle: WorkspaceHandle, from: string, to: string): Promise<Result<ChangedPath[]>> {
  if (from === to) return ok([]);
  const diff = await worktreeGit(handle, ['diff-tree', '-r', '-z', '--no-renames', '--name-status', from, to], { readOnly: true });
  if (diff.code !== 0) return fail('GIT_FAILED', `Could not compare two states of the worktree: ${summariseGitError(diff.stderr)}`);
  return ok(parseNameStatus(diff.stdout));
}
