import { fail, ok, type Result } from '../../../src-shared/contract';
import { summariseGitError } from '../git/run-git';
import { worktreeGit, type WorkspaceHandle } from '../workspaces/workspace-handle';

/** Whether git sees the path as untracked (not ignored, not in the index). */
export async function isUntracked(handle: WorkspaceHandle, path: string): Promise<Result<boolean>> {
  const listed = await worktreeGit(handle, ['ls-files', '--others', '--exclude-standard', '-z', '--', path], { readOnly: true });
  if (listed.code !== 0) return fail('GIT_FAILED', `Could not read the status of ${path}: ${summariseGitError(listed.stderr)}`);
  return ok(listed.stdout.split('\0').includes(path));
}

/** Whether git tracks the path: it is in the index or in HEAD (a staged deletion still counts). */
export async function isTracked(handle: WorkspaceHandle, path: string): Promise<Result<boolean>> {
  const listed = await worktreeGit(handle, ['ls-files', '--cached', '-z', '--', path], { readOnly: true });
  if (listed.code !== 0) return fail('GIT_FAILED', `Could not read the status of ${path}: ${summariseGitError(listed.stderr)}`);
  return ok(listed.stdout.split('\0').includes(path) || (await existsInCommit(handle, 'HEAD', path)));
}

/** Whether the path exists in a commit. */
export async function existsInCommit(handle: WorkspaceHandle, commit: string, path: string): Promise<boolean> {
  const probe = await worktreeGit(handle, ['cat-file', '-e', `${commit}:${path}`], { readOnly: true });
  return probe.code === 0;
}
