import { mkdirSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fail, ok, type Result } from '../../../src-shared/contract';
import { runGit, summariseGitError } from '../git/run-git';
import { pruneWorktrees } from '../git/worktrees';
import { shortId } from '../store/ids';
import { removeWorktreeFolder } from '../workspaces/remove-folder';

type Repository = { path: string };
type InRepoQueue = <T>(repository: Repository, operation: () => Promise<T>) => Promise<T>;

/**
 * The merge queue's own worktrees: one per candidate, detached at the candidate commit, in
 * `<data>/merge-queue/<project-short-id>/<entry>-<attempt>` (never inside the user's checkout,
 * nor among the tasks' worktrees, where it would be listed as a leftover). Made and removed
 * through the repository queue, like every worktree; deletions pass the path guard.
 */
export class ScratchWorktrees {
  private readonly root: string;

  constructor(
    root: string,
    private readonly inRepoQueue: InRepoQueue,
  ) {
    mkdirSync(root, { recursive: true });
    // Git's worktree list and the guard then agree even when the data folder is behind a symlink.
    this.root = realpathSync(root);
  }

  folderFor(projectId: string, entryId: string, attempt: number): string {
    return join(this.root, shortId(projectId), `${entryId}-${attempt}`);
  }

  /** Checks `commit` out (detached) in a fresh folder for this attempt; the folder's path. */
  async create(repository: Repository, projectId: string, entryId: string, attempt: number, commit: string): Promise<Result<string>> {
    const folder = this.folderFor(projectId, entryId, attempt);
    mkdirSync(join(this.root, shortId(projectId)), { recursive: true });
    return this.inRepoQueue(repository, async () => {
      // A folder left by an earlier host (killed mid-run) is cleared first.
      await removeWorktreeFolder(repository.path, this.root, folder);
      const added = await runGit(repository.path, ['worktree', 'add', '--quiet', '--detach', '--', folder, commit]);
      if (added.code !== 0) return fail('GIT_FAILED', `Git could not check the candidate out: ${summariseGitError(added.stderr)}`);
      return ok(folder);
    });
  }

  async remove(repository: Repository, folder: string): Promise<void> {
    await this.inRepoQueue(repository, () => removeWorktreeFolder(repository.path, this.root, folder));
  }

  /** Removes every scratch worktree of the project (the start-up clean-up: no run survives a restart). */
  async clearProject(repository: Repository, projectId: string): Promise<void> {
    const folder = join(this.root, shortId(projectId));
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      return;
    }
    await this.inRepoQueue(repository, async () => {
      for (const name of names) await removeWorktreeFolder(repository.path, this.root, join(folder, name));
      await pruneWorktrees(repository.path);
    });
  }
}
