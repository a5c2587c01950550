import { runGit, type GitResult } from './run-git';

export interface WorktreeEntry {
  path: string;
  /** Short branch name, null when detached. */
  branch: string | null;
  head: string | null;
  /** The main checkout is listed first and is never one of ours. */
  isMain: boolean;
  prunable: boolean;
}

/** Every worktree git knows for the repository, main checkout included. */
export async function listWorktrees(repoPath: string): Promise<WorktreeEntry[] | null> {
  const result = await runGit(repoPath, ['worktree', 'list', '--porcelain'], { readOnly: true });
  if (result.code !== 0) return null;
  const entries: WorktreeEntry[] = [];
  for (const block of result.stdout.split('\n\n')) {
    const lines = block.split('\n').filter(Boolean);
    const pathLine = lines.find((line) => line.startsWith('worktree '));
    if (!pathLine) continue;
    const branchLine = lines.find((line) => line.startsWith('branch '));
    const headLine = lines.find((line) => line.startsWith('HEAD '));
    entries.push({
      path: pathLine.slice('worktree '.length),
      branch: branchLine ? branchLine.slice('branch '.length).replace(/^refs\/heads\//, '') : null,
      head: headLine ? headLine.slice('HEAD '.length) : null,
      isMain: entries.length === 0,
      prunable: lines.some((line) => line.startsWith('prunable')),
    });
  }
  return entries;
}

/** Adds a worktree on a new branch made from `startPoint`, without upstream tracking. */
export function addWorktreeOnNewBranch(repoPath: string, path: string, branch: string, startPoint: string): Promise<GitResult> {
  return runGit(repoPath, ['worktree', 'add', '--quiet', '--no-track', '-b', branch, '--', path, startPoint]);
}

/** Adds a worktree checking out an existing branch. */
export function addWorktreeOnBranch(repoPath: string, path: string, branch: string): Promise<GitResult> {
  return runGit(repoPath, ['worktree', 'add', '--quiet', '--', path, branch]);
}

/** Removes a worktree and its folder, uncommitted changes included (callers check first). */
export function removeWorktree(repoPath: string, path: string): Promise<GitResult> {
  return runGit(repoPath, ['worktree', 'remove', '--force', '--', path]);
}

export function pruneWorktrees(repoPath: string): Promise<GitResult> {
  return runGit(repoPath, ['worktree', 'prune']);
}

export function deleteBranch(repoPath: string, branch: string): Promise<GitResult> {
  return runGit(repoPath, ['branch', '-D', '--', branch]);
}
