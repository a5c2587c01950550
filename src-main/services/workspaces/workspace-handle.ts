import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fail, ok, type Result } from '../../../src-shared/contract';
import { runGit, type GitResult, type RunGitOptions } from '../git/run-git';

/**
 * One workspace as review, history and merge act on it: where its worktree is, what it is
 * based on, and the repository's write queue. Built from the stored rows by
 * `openTaskWorkspace`; tests build it directly around a real worktree. It fits `DiffWorkspace`
 * (services/diffs) as it is.
 */
export interface WorkspaceHandle {
  /** The worktree folder (absolute). */
  path: string;
  branch: string;
  baseBranch: string;
  /** The base's commit when the worktree was made: the merge-base of last resort. */
  baseCommit: string | null;
  /** Runs git work that writes refs, the index or worktree files, one at a time per repository. */
  inRepoQueue<T>(operation: () => Promise<T>): Promise<T>;
}

/** Checked right before acting: the folder may have been deleted since the row said `ready`. */
export function requireWorktree(handle: Pick<WorkspaceHandle, 'path'>): Result<void> {
  if (existsSync(join(handle.path, '.git'))) return ok(undefined);
  return fail('WORKSPACE_NOT_READY', `The worktree ${handle.path} is missing; recreate the workspace first.`, { path: handle.path });
}

/**
 * Git inside the worktree. Pathspecs are literal, so a file named `*.ts` or `:x` means
 * itself; output is uncoloured and unquoted whatever the user's config says.
 */
export function worktreeGit(handle: Pick<WorkspaceHandle, 'path'>, args: readonly string[], options: RunGitOptions = {}): Promise<GitResult> {
  return runGit(handle.path, ['-c', 'core.quotePath=false', '-c', 'color.ui=false', ...args], {
    ...options,
    env: { GIT_LITERAL_PATHSPECS: '1', ...options.env },
  });
}
