import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkAtRisk } from '../../../src-shared/contract';
import { localBranchExists, resolveBranch } from '../git/branches';
import { runGit } from '../git/run-git';
import type { WorkspaceRow } from '../store/workspace-repository';

const maxCommitsListed = 200;

export const hasWorkAtRisk = (risk: WorkAtRisk): boolean => risk.uncommitted.length > 0 || risk.unmergedCommits.length > 0;

/**
 * What deleting this workspace would lose: uncommitted changes in its folder, and (unless
 * the branch is kept) commits on its branch that its base branch does not have.
 */
export async function findWorkAtRisk(repoPath: string, workspace: WorkspaceRow, keepBranch: boolean): Promise<WorkAtRisk> {
  const [uncommitted, unmergedCommits] = await Promise.all([
    findUncommitted(workspace.path),
    keepBranch ? Promise.resolve([]) : findUnmergedCommits(repoPath, workspace),
  ]);
  return { uncommitted, unmergedCommits };
}

async function findUncommitted(folder: string): Promise<WorkAtRisk['uncommitted']> {
  if (!existsSync(folder)) return [];
  // Without its .git file git would walk up and answer for some other repository.
  if (!existsSync(join(folder, '.git'))) return [{ path: '.', status: 'not a git worktree' }];
  const status = await runGit(folder, ['status', '--porcelain=v1', '-z', '--untracked-files=normal'], { readOnly: true });
  // When git cannot tell us, assume there is something to lose rather than nothing.
  if (status.code !== 0) return [{ path: '.', status: 'unreadable' }];
  const entries: WorkAtRisk['uncommitted'] = [];
  const fields = status.stdout.split('\0');
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    if (!field || field.length < 4) continue;
    const code = field.slice(0, 2);
    entries.push({ path: field.slice(3), status: code.trim() });
    // Renames and copies carry the original path in the next field.
    if (code.includes('R') || code.includes('C')) i++;
  }
  return entries;
}

async function findUnmergedCommits(repoPath: string, workspace: WorkspaceRow): Promise<WorkAtRisk['unmergedCommits']> {
  if (!(await localBranchExists(repoPath, workspace.branch))) return [];
  const base = (await resolveBranch(repoPath, workspace.baseBranch))?.ref ?? workspace.baseCommit;
  // With no base left to compare with, count what no other branch has.
  const exclusion = base ? [base] : [`--exclude=refs/heads/${workspace.branch}`, '--branches'];
  const log = await runGit(
    repoPath,
    ['log', `--max-count=${maxCommitsListed}`, '--format=%H%x1f%s', `refs/heads/${workspace.branch}`, '--not', ...exclusion],
    { readOnly: true },
  );
  if (log.code !== 0) return [];
  return log.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [sha = '', subject = ''] = line.split('\x1f');
      return { sha, subject };
    });
}
