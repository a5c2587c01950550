import { fail, ok, type Result } from '../../../src-shared/contract';
import { resolveBranch } from '../git/branches';
import { summariseGitError } from '../git/run-git';
import { worktreeGit, type WorkspaceHandle } from '../workspaces/workspace-handle';

export interface WorkspaceBase {
  /** The base branch's ref (`refs/heads/main`), or null when it is gone and `baseCommit` stands in. */
  ref: string | null;
  /** Where the base is now. */
  tip: string;
  /** The newest commit the workspace branch and the base share: what the diff is taken against. */
  mergeBase: string;
}

/**
 * Where the workspace's base stands and where the branch left it. A deleted base branch
 * falls back to the commit the worktree was made from, so review still works.
 */
export async function resolveWorkspaceBase(handle: WorkspaceHandle): Promise<Result<WorkspaceBase>> {
  const branch = await resolveBranch(handle.path, handle.baseBranch);
  const tip = branch?.commit ?? handle.baseCommit;
  if (!tip) return fail('BRANCH_NOT_FOUND', `The base branch ${handle.baseBranch} no longer exists.`, { branch: handle.baseBranch });
  const mergeBase = await worktreeGit(handle, ['merge-base', 'HEAD', tip], { readOnly: true });
  if (mergeBase.code !== 0) {
    return fail('GIT_FAILED', `Could not find where ${handle.branch} left ${handle.baseBranch}: ${summariseGitError(mergeBase.stderr)}`);
  }
  return ok({ ref: branch?.ref ?? null, tip, mergeBase: mergeBase.stdout.trim() });
}
