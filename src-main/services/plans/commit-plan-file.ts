import { fail, ok, type Result } from '../../../src-shared/contract';
import { runGitBytes, summariseGitError } from '../git/run-git';
import { mergeInProgress } from '../workspaces/merge-in-progress';
import { withTemporaryIndex } from '../workspaces/temporary-index';
import { requireWorktree, worktreeGit, type WorkspaceHandle } from '../workspaces/workspace-handle';
import { locateWorktreeEntry } from '../paths/worktree-entry';

export interface PlanFile {
  /** Relative to the worktree root, `/`-separated. */
  path: string;
  content: string;
  message: string;
}

/**
 * Commits one file on top of the workspace's branch and touches nothing else: the commit is
 * built in a temporary index seeded from HEAD (the worktree's own index, with whatever the user
 * or the agent staged, is not used), the branch moves by compare-and-swap, and then only this
 * path's index entry and file are brought up to date (git writes the file: it never follows a
 * link on the way). Refused when the path has uncommitted changes of its own, while a merge
 * waits in the workspace, and when the path is not a plain place in the worktree.
 */
export async function commitPlanFile(handle: WorkspaceHandle, file: PlanFile): Promise<Result<{ path: string; commit: string }>> {
  const present = requireWorktree(handle);
  if (!present.ok) return present;
  const located = locateWorktreeEntry(handle.path, file.path);
  if (!located.ok) return located;
  if (!located.data.reachable) {
    return fail('PATH_OUTSIDE_ROOT', `${file.path} lies below the symbolic link ${located.data.link.toString('utf8')}; choose a path in a real folder.`, { path: file.path });
  }
  const path = located.data.name.toString('utf8');
  return handle.inRepoQueue(async () => {
    const merging = await mergeInProgress(handle);
    if (!merging.ok) return merging;
    if (merging.data) return fail('BUSY', 'A merge is waiting in that workspace; finish or abort it before saving the plan there.');
    const status = await worktreeGit(handle, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', path], { readOnly: true });
    if (status.code !== 0) return fail('GIT_FAILED', `Could not check ${path}: ${summariseGitError(status.stderr)}`);
    if (status.stdout !== '') {
      return fail('WORKSPACE_HAS_WORK', `${path} has uncommitted changes in that workspace; commit or revert them first, or choose another path.`, { path });
    }
    const head = await worktreeGit(handle, ['rev-parse', '--verify', 'HEAD^{commit}'], { readOnly: true });
    if (head.code !== 0) return fail('GIT_FAILED', `The workspace has no commit to build on: ${summariseGitError(head.stderr)}`);
    const parent = head.stdout.trim();
    const blob = await runGitBytes(handle.path, ['hash-object', '-w', '--stdin'], { input: file.content });
    if (blob.code !== 0) return fail('GIT_FAILED', `Could not store the plan: ${summariseGitError(blob.stderr)}`);
    const blobId = blob.stdout.toString('utf8').trim();
    const entry = `100644,${blobId},${path}`;

    const tree = await withTemporaryIndex(handle, { tree: parent }, async (git) => {
      const added = await git(['update-index', '--add', '--cacheinfo', entry]);
      if (added.code !== 0) return fail('GIT_FAILED', `Could not place the plan at ${path}: ${summariseGitError(added.stderr)}`);
      const written = await git(['write-tree']);
      if (written.code !== 0) return fail('GIT_FAILED', `Could not write the tree: ${summariseGitError(written.stderr)}`);
      return ok(written.stdout.trim());
    });
    if (!tree.ok) return tree;
    const parentTree = await worktreeGit(handle, ['rev-parse', `${parent}^{tree}`], { readOnly: true });
    if (parentTree.stdout.trim() === tree.data) return fail('NOTHING_TO_COMMIT', `The workspace already has this plan at ${path}.`, { path });

    const commit = await worktreeGit(handle, ['commit-tree', tree.data, '-p', parent, '-m', file.message]);
    if (commit.code !== 0) return fail('GIT_FAILED', `Git could not commit the plan: ${summariseGitError(commit.stderr)}`);
    const commitId = commit.stdout.trim();
    // Compare-and-swap: if the agent committed meanwhile, nothing moves and the user is told.
    const moved = await worktreeGit(handle, ['update-ref', '-m', 'braid: save plan', 'HEAD', commitId, parent]);
    if (moved.code !== 0) return fail('GIT_FAILED', `The workspace's branch moved while the plan was being saved; try again. (${summariseGitError(moved.stderr)})`);

    // Only this path catches up in the real index and on disk; every other file stays as it was.
    const indexed = await worktreeGit(handle, ['update-index', '--add', '--cacheinfo', entry]);
    const written = indexed.code === 0 ? await worktreeGit(handle, ['checkout-index', '--force', '--', path]) : indexed;
    if (written.code !== 0) {
      return fail('GIT_FAILED', `The plan was committed (${commitId.slice(0, 12)}) but ${path} could not be written to the workspace: ${summariseGitError(written.stderr)}`, { commit: commitId });
    }
    return ok({ path, commit: commitId });
  });
}
