import { fail, ok, type Result } from '../../../src-shared/contract';
import { runGit, summariseGitError } from '../git/run-git';
import { mergeInProgress } from '../workspaces/merge-in-progress';
import { requireWorktree, worktreeGit, type WorkspaceHandle } from '../workspaces/workspace-handle';

export interface BaseMergedIntoWorkspace {
  /** Files git could not merge: they now hold conflict markers, and the merge waits for a commit. */
  conflicts: string[];
  /** The merge commit when there was nothing to resolve; null while conflicts wait (or nothing to merge). */
  commit: string | null;
  /** The commit made first from the workspace's uncommitted changes, if there were any. */
  savedWork: string | null;
}

const commitTimeoutMs = 120_000;

/**
 * The first half of "ask the agent to resolve": brings the base branch into the workspace
 * with a real `git merge`, so the conflicts are where the agent can edit them — files with
 * conflict markers in its own worktree, never in the user's checkout. Uncommitted work is
 * committed first (git refuses to merge over it). A merge already waiting in the workspace
 * is reported again rather than started twice. When the agent is done, committing the
 * workspace completes the merge (git records both parents), and merging back is then clean.
 */
export async function mergeBaseIntoWorkspace(handle: WorkspaceHandle): Promise<Result<BaseMergedIntoWorkspace>> {
  const present = requireWorktree(handle);
  if (!present.ok) return present;
  return handle.inRepoQueue(async () => {
    const waiting = await mergeInProgress(handle);
    if (!waiting.ok) return waiting;
    if (waiting.data) return ok({ conflicts: waiting.data.conflicted, commit: null, savedWork: null });
    const base = await runGit(handle.path, ['rev-parse', '--verify', '--quiet', `refs/heads/${handle.baseBranch}^{commit}`], { readOnly: true });
    if (base.code !== 0) return fail('BRANCH_NOT_FOUND', `The base branch "${handle.baseBranch}" does not exist any more.`, { branch: handle.baseBranch });

    const savedWork = await commitUncommitted(handle);
    if (!savedWork.ok) return savedWork;

    const merged = await worktreeGit(handle, ['merge', '--no-ff', '--no-commit', '--no-edit', `refs/heads/${handle.baseBranch}`], { timeoutMs: commitTimeoutMs });
    const state = await mergeInProgress(handle);
    if (!state.ok) return state;
    const conflicts = state.data?.conflicted ?? [];
    if (merged.code !== 0 && conflicts.length === 0) {
      await worktreeGit(handle, ['merge', '--abort']);
      const said = summariseGitError(merged.stderr || merged.stdout);
      if (/already up to date/i.test(merged.stdout)) return ok({ conflicts: [], commit: null, savedWork: savedWork.data });
      return fail('GIT_FAILED', `Git could not merge ${handle.baseBranch} into the workspace: ${said}`);
    }
    if (conflicts.length > 0) return ok({ conflicts, commit: null, savedWork: savedWork.data });

    // Clean: nothing for the agent to do; finish the merge now (unless there was nothing to merge).
    if (/already up to date/i.test(merged.stdout)) return ok({ conflicts: [], commit: null, savedWork: savedWork.data });
    const committed = await worktreeGit(handle, ['commit', '--no-edit', '--no-verify', '--quiet'], { timeoutMs: commitTimeoutMs });
    if (committed.code !== 0) return fail('GIT_FAILED', `Git could not commit the merge: ${summariseGitError(committed.stderr || committed.stdout)}`);
    const head = await worktreeGit(handle, ['rev-parse', 'HEAD'], { readOnly: true });
    return ok({ conflicts: [], commit: head.stdout.trim(), savedWork: savedWork.data });
  });
}

async function commitUncommitted(handle: WorkspaceHandle): Promise<Result<string | null>> {
  const status = await worktreeGit(handle, ['status', '--porcelain', '-z', '--untracked-files=all'], { readOnly: true });
  if (status.code !== 0) return fail('GIT_FAILED', `Could not read the workspace status: ${summariseGitError(status.stderr)}`);
  if (status.stdout === '') return ok(null);
  const staged = await worktreeGit(handle, ['add', '-A']);
  if (staged.code !== 0) return fail('GIT_FAILED', `Could not stage the workspace's changes: ${summariseGitError(staged.stderr)}`);
  const message = `Work in progress before merging ${handle.baseBranch}`;
  const committed = await worktreeGit(handle, ['commit', '--quiet', '--no-verify', '-m', message], { timeoutMs: commitTimeoutMs });
  if (committed.code !== 0) return fail('GIT_FAILED', `Could not commit the workspace's changes first: ${summariseGitError(committed.stderr || committed.stdout)}`);
  const head = await worktreeGit(handle, ['rev-parse', 'HEAD'], { readOnly: true });
  return ok(head.stdout.trim());
}

/** What the agent is told: where the markers are and what a good resolution keeps. */
export function resolutionRequest(baseBranch: string, conflicts: readonly string[]): string {
  return [
    `The base branch \`${baseBranch}\` has moved, and merging it into this workspace conflicts in ${conflicts.length === 1 ? 'one file' : `${conflicts.length} files`}:`,
    ...conflicts.map((path) => `- \`${path}\``),
    '',
    'Git has left conflict markers (`<<<<<<<`, `=======`, `>>>>>>>`) in those files: the part after `<<<<<<< HEAD` is this workspace\'s version, the part before `>>>>>>>` is the base branch\'s.',
    'Resolve every conflict by editing the files so that both the base branch\'s changes and this task\'s changes are kept wherever they are compatible; where they are not, prefer the base branch\'s behaviour and adapt this task\'s change to it. Remove all markers.',
    'Do not commit, abort or reset the merge with git: the user reviews your resolution and commits it. When you are done, say briefly what you chose for each conflict.',
  ].join('\n');
}
