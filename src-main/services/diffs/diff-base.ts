import { existsSync } from 'node:fs';
import { fail, ok, type Result } from '../../../src-shared/contract';
import { runGit, summariseGitError } from '../git/run-git';
import type { DiffWorkspace, WorkspaceDiff } from './diff-types';

export interface DiffBase {
  commit: string;
  source: WorkspaceDiff['baseSource'];
}

/**
 * The commit a workspace's changes are measured from: the merge-base of its HEAD with the
 * base branch (so commits that landed on the base since are not shown as the workspace's),
 * or with the recorded base commit when the base branch no longer exists. One git process
 * in the usual case.
 */
export async function resolveDiffBase(workspace: DiffWorkspace): Promise<Result<DiffBase>> {
  if (!existsSync(workspace.path)) return fail('PATH_NOT_FOUND', `The workspace folder is missing: ${workspace.path}`);
  const candidates = workspace.baseBranch.startsWith('refs/')
    ? [workspace.baseBranch]
    : [`refs/heads/${workspace.baseBranch}`, ...(workspace.baseBranch.includes('/') ? [`refs/remotes/${workspace.baseBranch}`] : [])];
  let lastError = '';
  for (const ref of candidates) {
    const result = await runGit(workspace.path, ['merge-base', 'HEAD', ref], { readOnly: true });
    if (result.code === 0) return ok({ commit: result.stdout.trim(), source: 'branch' });
    lastError = result.stderr;
  }
  if (workspace.baseCommit) {
    const result = await runGit(workspace.path, ['merge-base', 'HEAD', workspace.baseCommit], { readOnly: true });
    if (result.code === 0) return ok({ commit: result.stdout.trim(), source: 'baseCommit' });
    lastError = result.stderr;
  }
  return fail('GIT_FAILED', `Cannot find where this workspace started from ${workspace.baseBranch}: ${summariseGitError(lastError)}`);
}
