import { fail, ok, type Result } from '../../../src-shared/contract';
import { summariseGitError } from '../git/run-git';
import { parseNameStatus, suggestCommitMessage, type ChangedPath } from './commit-message';
import { mergeInProgress } from '../workspaces/merge-in-progress';
import { requireWorktree, worktreeGit, type WorkspaceHandle } from '../workspaces/workspace-handle';

export interface WorkspaceCommitResult {
  sha: string;
  message: string;
  files: ChangedPath[];
}

/** Long enough for the user's pre-commit hooks, short enough that a hung one is noticed. */
const commitTimeoutMs = 120_000;

/**
 * Commits everything in the worktree: staged, unstaged and untracked (ignored files stay
 * out). With no message, one is suggested from the changed paths. The user's hooks run, as
 * they would for a commit made by hand. With a merge waiting in the worktree this completes
 * it (both parents), and refuses while a conflicted file still has markers.
 */
export async function commitWorkspace(handle: WorkspaceHandle, options: { message?: string } = {}): Promise<Result<WorkspaceCommitResult>> {
  const present = requireWorktree(handle);
  if (!present.ok) return present;
  return handle.inRepoQueue(async () => {
    // Completing a merge with conflict markers still in a file would commit the markers.
    const merging = await mergeInProgress(handle);
    if (!merging.ok) return merging;
    if (merging.data && merging.data.unresolved.length > 0) {
      const files = merging.data.unresolved;
      return fail('MERGE_CONFLICTS_UNRESOLVED', `${files.length === 1 ? 'One file still has' : `${files.length} files still have`} conflict markers: ${files.join(', ')}. Resolve them before committing the merge.`, { files });
    }
    const staged = await worktreeGit(handle, ['add', '-A']);
    if (staged.code !== 0) return fail('GIT_FAILED', `Could not stage the changes: ${summariseGitError(staged.stderr)}`);
    const files = await stagedChanges(handle);
    if (!files.ok) return files;
    if (files.data.length === 0) return fail('NOTHING_TO_COMMIT', 'There is nothing to commit: the workspace has no changes.');

    const message = options.message?.trim() || suggestCommitMessage(files.data);
    const committed = await worktreeGit(handle, ['commit', '--quiet', '--cleanup=strip', '-m', message], { timeoutMs: commitTimeoutMs });
    if (committed.code !== 0) return fail('GIT_FAILED', `Git could not commit: ${summariseGitError(committed.stderr || committed.stdout)}`);
    const head = await worktreeGit(handle, ['rev-parse', 'HEAD'], { readOnly: true });
    return ok({ sha: head.stdout.trim(), message, files: files.data });
  });
}

/** What the index has that HEAD does not, one entry per path. */
async function stagedChanges(handle: WorkspaceHandle): Promise<Result<ChangedPath[]>> {
  const diff = await worktreeGit(handle, ['diff', '--cached', '--no-renames', '--name-status', '-z', 'HEAD', '--'], { readOnly: true });
  if (diff.code !== 0) return fail('GIT_FAILED', `Could not list the staged changes: ${summariseGitError(diff.stderr)}`);
  return ok(parseNameStatus(diff.stdout));
}
