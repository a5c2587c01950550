import { existsSync } from 'node:fs';
import { fail, type Result } from '../../../src-shared/contract';
import { summariseGitError } from '../git/run-git';
import { withTempIndex } from '../git/temporary-index-file';
import { worktreeGit, type WorkspaceHandle } from './workspace-handle';

/** Git run against the temporary index instead of the worktree's own. */
export type IndexGit = (args: readonly string[]) => ReturnType<typeof worktreeGit>;

/**
 * Runs `work` with a throw-away index, so a commit or a snapshot can be built without
 * touching what the user (or the agent) has staged. `seed` decides what it starts with:
 * a copy of the worktree's index (fast: unchanged files keep their stat data and are not
 * hashed again) or a tree (`{ tree: 'HEAD' }`).
 */
export async function withTemporaryIndex<T>(
  handle: WorkspaceHandle,
  seed: 'worktree-index' | { tree: string },
  work: (git: IndexGit) => Promise<Result<T>>,
): Promise<Result<T>> {
  let seedIndex: string | undefined;
  if (seed === 'worktree-index') {
    const located = await worktreeGit(handle, ['rev-parse', '--path-format=absolute', '--git-path', 'index'], { readOnly: true });
    if (located.code === 0) seedIndex = located.stdout.trim();
  }
  return withTempIndex(async (env) => {
    const git: IndexGit = (args) => worktreeGit(handle, args, { env });
    // No index to copy (nothing ever staged) is the same starting point as HEAD's tree.
    if (seed !== 'worktree-index' || !existsSync(env.GIT_INDEX_FILE)) {
      const tree = seed === 'worktree-index' ? 'HEAD' : seed.tree;
      const read = await git(['read-tree', tree]);
      if (read.code !== 0) return fail('GIT_FAILED', `Could not read ${tree} into a temporary index: ${summariseGitError(read.stderr)}`);
    }
    return work(git);
  }, seedIndex);
}
