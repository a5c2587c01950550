import { fail, ok, type Result } from '../../../src-shared/contract';
import { summariseGitError } from '../git/run-git';
import { worktreeGit, type WorkspaceHandle } from '../workspaces/workspace-handle';
import { parseFilePatch, type FilePatch } from './unified-diff';
import { untrackedPatch } from './untracked-patch';

/** Fixed output whatever the user's diff settings (external tools, textconv, prefixes). */
const diffOptions = ['--no-color', '--no-ext-diff', '--no-textconv', '--src-prefix=a/', '--dst-prefix=b/'];

/**
 * The diff of one file from `from` (a commit) to the working tree, with `context` lines of
 * context. Untracked files are diffed against nothing, as the review shows them (from a
 * confined read: `untrackedPatch`). Null when the file does not differ.
 */
export async function readFileDiff(
  handle: WorkspaceHandle,
  from: string,
  path: string,
  context: number,
  untracked: boolean,
): Promise<Result<FilePatch | null>> {
  if (untracked) return untrackedPatch(handle.path, path);
  const diff = await worktreeGit(handle, ['diff', ...diffOptions, `-U${context}`, from, '--', path], { readOnly: true });
  if (diff.code !== 0) {
    return fail('GIT_FAILED', `Could not read the changes to ${path}: ${summariseGitError(diff.stderr)}`);
  }
  return ok(parseFilePatch(diff.stdout));
}

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
