import { fail, ok, type Result } from '../../../src-shared/contract';
import { summariseGitError } from '../git/run-git';
import { parseNameStatus, type ChangedPath } from './commit-message';
import { withTemporaryIndex } from './temporary-index';
import { worktreeGit, type WorkspaceHandle } from './workspace-handle';

/**
 * The tree of the worktree as it is on disk now: tracked and untracked files, not ignored
 * ones. Written to the object database through a temporary index, so the worktree's own
 * index, HEAD and files are untouched.
 */
export function snapshotWorkingTree(handle: WorkspaceHandle): Promise<Result<string>> {
  return withTemporaryIndex(handle, 'worktree-index', async (git) => {
    const added = await git(['add', '--all', '--', '.']);
    if (added.code !== 0) return fail('GIT_FAILED', `Could not read the worktree's files: ${summariseGitError(added.stderr)}`);
    const tree = await git(['write-tree']);
    if (tree.code !== 0) return fail('GIT_FAILED', `Could not record the worktree's files: ${summariseGitError(tree.stderr)}`);
    return ok(tree.stdout.trim());
  });
}

/** Files that differ between two trees, as seen going from `from` to `to`. */
export async function treeDifferences(handle: WorkspaceHandle, from: string, to: string): Promise<Result<ChangedPath[]>> {
  if (from === to) return ok([]);
  const diff = await worktreeGit(handle, ['diff-tree', '-r', '-z', '--no-renames', '--name-status', from, to], { readOnly: true });
  if (diff.code !== 0) return fail('GIT_FAILED', `Could not compare two states of the worktree: ${summariseGitError(diff.stderr)}`);
  return ok(parseNameStatus(diff.stdout));
}
