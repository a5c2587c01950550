import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * Finds a checkout's git directory without running git: `.git` is either the directory
 * itself or a file saying `gitdir: <path>` (linked worktrees, submodules, separate git dirs).
 */
export function findGitDirSync(checkoutPath: string): string | null {
  const dotGit = join(checkoutPath, '.git');
  try {
    if (statSync(dotGit).isDirectory()) return dotGit;
    const match = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'));
    if (!match?.[1]) return null;
    const target = match[1].trim();
    return isAbsolute(target) ? target : resolve(checkoutPath, target);
  } catch {
    return null;
  }
}

/**
 * The branch checked out in a checkout, read from its HEAD file so listing many projects
 * costs no git process. Null when HEAD is detached or unreadable.
 */
export function readCurrentBranchSync(checkoutPath: string): string | null {
  const gitDir = findGitDirSync(checkoutPath);
  if (!gitDir) return null;
  try {
    const head = readFileSync(join(gitDir, 'HEAD'), 'utf8').trim();
    const match = /^ref:\s*refs\/heads\/(.+)$/.exec(head);
    // The reftable backend leaves a placeholder here; callers then ask git instead.
    if (!match?.[1] || match[1] === '.invalid') return null;
    return match[1];
  } catch {
    return null;
  }
}
