import { existsSync, lstatSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { fail, ok, type Result } from '../../../src-shared/contract';
import { removeWorktree } from '../git/worktrees';
import { assertInsideRoot } from './path-guard';

const exists = (path: string) => {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
};

/**
 * Removes a worktree folder inside `root`: first the git way (which also unregisters it),
 * then, for whatever git left behind (an unregistered folder, submodules), by deleting the
 * folder. The guard runs before either; symlinks inside are removed, never followed.
 * Callers hold the repository queue.
 */
export async function removeWorktreeFolder(repoPath: string, root: string, folder: string): Promise<Result<{ removed: true }>> {
  const guarded = assertInsideRoot(root, folder);
  if (!guarded.ok) return guarded;
  const path = guarded.data;
  if (!exists(path)) return ok({ removed: true });
  if (existsSync(repoPath)) await removeWorktree(repoPath, path);
  if (!exists(path)) return ok({ removed: true });
  // Checked again: git ran in between, and the check is what makes the delete safe.
  const again = assertInsideRoot(root, path);
  if (!again.ok) return again;
  try {
    await rm(path, { recursive: true, force: true, maxRetries: 2 });
    return ok({ removed: true });
  } catch (error) {
    return fail('GIT_FAILED', `Could not remove ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
