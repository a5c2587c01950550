import { fail, ok, type Result } from '../../../src-shared/contract';
import { summariseGitError } from '../git/run-git';
import { mergeInProgress, type MergeInProgress } from '../workspaces/merge-in-progress';
import { resolveWorkspaceBase } from '../diffs/merge-base';
import { requireWorktree, worktreeGit, type WorkspaceHandle } from '../workspaces/workspace-handle';

export interface WorkspaceCommit {
  sha: string;
  subject: string;
  author: string;
  authorEmail: string;
  /** Author date, milliseconds since the epoch. */
  date: number;
}

export interface WorkspaceHistory {
  branch: string;
  baseBranch: string;
  /** Null when the base branch is gone and the recorded base commit stands in. */
  baseRef: string | null;
  mergeBase: string;
  /** Commits on the branch that the base does not have. */
  ahead: number;
  /** Commits on the base that the branch does not have. */
  behind: number;
  /** Newest first, at most `limit`. */
  commits: WorkspaceCommit[];
  /** More than `limit` commits exist. */
  truncated: boolean;
  /** A merge waiting in the worktree for its commit (e.g. the base merged in for the agent to resolve). */
  mergeInProgress: MergeInProgress | null;
}

const fieldSeparator = '\x1f';
const recordSeparator = '\x1e';

/** The branch's own commits since it left the base, and how far the two have drifted apart. */
export async function workspaceHistory(handle: WorkspaceHandle, options: { limit?: number } = {}): Promise<Result<WorkspaceHistory>> {
  const present = requireWorktree(handle);
  if (!present.ok) return present;
  const base = await resolveWorkspaceBase(handle);
  if (!base.ok) return base;
  const limit = options.limit ?? 200;
  const format = ['%H', '%s', '%an', '%ae', '%at'].join(fieldSeparator) + recordSeparator;
  const [log, counts, merging] = await Promise.all([
    worktreeGit(handle, ['log', `--max-count=${limit + 1}`, `--format=${format}`, `${base.data.base}..HEAD`, '--'], { readOnly: true }),
    worktreeGit(handle, ['rev-list', '--left-right', '--count', `HEAD...${base.data.base}`, '--'], { readOnly: true }),
    mergeInProgress(handle),
  ]);
  if (!merging.ok) return merging;
  if (log.code !== 0) return fail('GIT_FAILED', `Could not read the workspace's history: ${summariseGitError(log.stderr)}`);
  if (counts.code !== 0) return fail('GIT_FAILED', `Could not compare the workspace with its base: ${summariseGitError(counts.stderr)}`);

  const commits = log.stdout
    .split(recordSeparator)
    .map((record) => record.replace(/^\n/, ''))
    .filter(Boolean)
    .map((record): WorkspaceCommit => {
      const [sha = '', subject = '', author = '', authorEmail = '', seconds = '0'] = record.split(fieldSeparator);
      return { sha, subject, author, authorEmail, date: Number(seconds) * 1000 };
    });
  const [ahead = 0, behind = 0] = counts.stdout.trim().split(/\s+/).map(Number);
  return ok({
    branch: handle.branch,
    baseBranch: handle.baseBranch,
    baseRef: base.data.ref,
    mergeBase: base.data.commit,
    ahead,
    behind,
    commits: commits.slice(0, limit),
    truncated: commits.length > limit,
    mergeInProgress: merging.data,
  });
}
