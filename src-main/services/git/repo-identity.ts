import { realpath } from 'node:fs/promises';
import { runGit } from './run-git';

/**
 * The real path of a repository's common git directory: the same for the main checkout
 * and every linked worktree, so it is the natural key for the per-repository queue.
 */
export async function resolveCommonGitDir(repoPath: string): Promise<string | null> {
  const result = await runGit(repoPath, ['rev-parse', '--path-format=absolute', '--git-common-dir']);
  if (result.code !== 0) return null;
  const dir = result.stdout.trim();
  try {
    return await realpath(dir);
  } catch {
    return dir;
  }
}
