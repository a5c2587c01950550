import { fail, type Result } from '../../../src-shared/contract';
import { summariseGitError } from '../git/run-git';
import { withTempIndex } from '../git/temporary-index-file';
import { worktreeGit, type WorkspaceHandle } from './workspace-handle';

/** Git run against the temporary index instead of the worktree's own. */
export type IndexGit = (args: readonly string[]) => ReturnType<typeof worktreeGit>;

/**
 * Runs `work` with a throw-away index holding `seed.tree` (e.g. `{ tree: 'HEAD' }`), so a
 * commit or a restore can be built without touching what the user (or the agent) has staged.
 * (Snapshots of the whole working tree seed from a copy of the real index instead: see
 * merge/workspace-snapshot.ts.)
 */
export async function withTemporaryIndex<T>(handle: WorkspaceHandle, seed: { tree: string }, work: (git: IndexGit) => Promise<Result<T>>): Promise<Result<T>> {
  return withTempIndex(async (env) => {
    const git: IndexGit = (args) => worktreeGit(handle, args, { env });
    const read = await git(['read-tree', seed.tree]);
    if (read.code !== 0) return fail('GIT_FAILED', `Could not read ${seed.tree} into a temporary index: ${summariseGitError(read.stderr)}`);
    return work(git);
  });
}
