import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { isInsideOrEqual } from '../paths/path-containment';
import type { CommandConfinement } from './command-isolation';

/**
 * The sandbox of a task's commands: its worktree is the one writable folder (besides a private
 * /tmp); the worktree's `.git` (the file pointing at the repository, or a folder) stays
 * read-only inside it; the repository's git folder is readable (git status, log and diff work;
 * commits are made by Braid, outside the sandbox). `network` as the project allows. `readOnly`
 * (a review task's commands): the worktree is readable only, nothing but the private /tmp is
 * writable, so a test run or a script cannot change the work under review.
 */
export function worktreeConfinement(worktree: string, network: boolean, options: { readOnly?: boolean } = {}): CommandConfinement {
  const root = realpathSync(worktree);
  const dotGit = join(root, '.git');
  const readable: string[] = [];
  if (existsSync(dotGit) && statSync(dotGit).isFile()) {
    const gitDir = pointedGitDir(dotGit, root);
    if (gitDir) {
      const common = commonDir(gitDir);
      for (const path of [common, gitDir]) if (!readable.some((known) => isInsideOrEqual(known, path)) && !isInsideOrEqual(root, path)) readable.push(path);
    }
  }
  if (options.readOnly) return { writable: [], readable: [root, ...readable], protected: [], network };
  return { writable: [root], readable, protected: existsSync(dotGit) ? [dotGit] : [], network };
}

/** `gitdir: <path>` of a worktree's `.git` file, real-pathed; null when unreadable. */
function pointedGitDir(dotGit: string, root: string): string | null {
  const match = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(dotGit, 'utf8'));
  if (!match) return null;
  const path = isAbsolute(match[1]!) ? match[1]! : resolve(root, match[1]!);
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

/** The repository's shared git folder (`commondir` of a worktree's git folder). */
function commonDir(gitDir: string): string {
  try {
    const written = readFileSync(join(gitDir, 'commondir'), 'utf8').trim();
    return realpathSync(isAbsolute(written) ? written : resolve(gitDir, written));
  } catch {
    return dirname(dirname(gitDir));
  }
}
