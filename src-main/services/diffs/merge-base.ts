import { existsSync } from 'node:fs';
import { fail, ok, type Result } from '../../../src-shared/contract';
import { runGit, summariseGitError } from '../git/run-git';
import type { DiffWorkspace, WorkspaceDiff } from './diff-types';

/** The newest commit two revisions share, or null when they share none (or one does not exist). */
export async function mergeBaseOf(cwd: string, a: string, b: string): Promise<string | null> {
  const result = await runGit(cwd, ['merge-base', a, b], { readOnly: true });
  return result.code === 0 ? result.stdout.trim() || null : null;
}

export interface WorkspaceBase {
  /** The merge-base: what the workspace's changes are measured from. */
  commit: string;
  /** `branch`: the base branch's; `baseCommit`: the branch is gone and the recorded commit stands in. */
  source: WorkspaceDiff['baseSource'];
  /** The base branch's ref (`refs/heads/main`), or null when the recorded commit stands in. */
  ref: string | null;
  /** The revision the merge-base was taken with: `ref`, or the recorded base commit. */
  base: string;
}

/**
 * The one merge-base lookup of a workspace: its HEAD with the base branch (a local branch
 * first, then a remote-tracking one), so commits that landed on the base since are not shown
 * as the workspace's; with the commit the worktree was made from when the branch is gone. One
 * git process in the usual case. DiffLens, the hunk actions, provenance and history all use it.
 */
export async function resolveWorkspaceBase(workspace: DiffWorkspace): Promise<Result<WorkspaceBase>> {
  if (!existsSync(workspace.path)) return fail('PATH_NOT_FOUND', `The workspace folder is missing: ${workspace.path}`);
  const { baseBranch, baseCommit } = workspace;
  const refs = baseBranch.startsWith('refs/') ? [baseBranch] : [`refs/heads/${baseBranch}`, `refs/remotes/${baseBranch}`];
  let lastError = '';
  let branchFound = false;
  for (const ref of refs) {
    const result = await runGit(workspace.path, ['merge-base', 'HEAD', ref], { readOnly: true });
    if (result.code === 0) return ok({ commit: result.stdout.trim(), source: 'branch', ref, base: ref });
    // 1: the branch is there but shares no history with HEAD; anything else: no such branch.
    if (result.code === 1) branchFound = true;
    lastError = result.stderr || lastError;
  }
  if (baseCommit) {
    const result = await runGit(workspace.path, ['merge-base', 'HEAD', baseCommit], { readOnly: true });
    if (result.code === 0) return ok({ commit: result.stdout.trim(), source: 'baseCommit', ref: null, base: baseCommit });
    lastError = result.stderr || lastError;
  } else if (!branchFound) {
    return fail('BRANCH_NOT_FOUND', `The base branch ${baseBranch} no longer exists.`, { branch: baseBranch });
  }
  return fail('GIT_FAILED', `Cannot find where this workspace started from ${baseBranch}: ${summariseGitError(lastError)}`);
}
