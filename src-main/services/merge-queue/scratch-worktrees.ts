import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fail, ok, type Result } from '../../../src-shared/contract';
import { runGit, summariseGitError } from '../git/run-git';
import { pruneWorktrees } from '../git/worktrees';
import { shortId } from '../store/ids';
import { slugify } from '../workspaces/slug';
import { removeWorktreeFolder } from '../workspaces/remove-folder';

type Repository = { path: string };
type InRepoQueue = <T>(repository: Repository, operation: () => Promise<T>) => Promise<T>;

/** A scratch worktree lent to one run: the candidate checked out, nothing else in it. */
export interface ScratchLease {
  path: string;
  /** Gives the worktree back (the next candidate of the queue reuses it). */
  release(): void;
}

/**
 * The merge queue's own worktrees, in `<data>/merge-queue/<project>/<target>/queue-<project>-<target>-<n>` (never
 * inside the user's checkout, nor among the tasks' worktrees, where it would be listed as a
 * leftover). A queue has a lane per run going at once (the head, and the entry tested ahead of
 * it). Each candidate gets its lane reset to exactly its tree: `checkout --detach --force` to
 * the candidate, then `clean -ffdx` (untracked and ignored files removed, build output and
 * installed dependencies included), so a gate sees the candidate and nothing left by the one
 * before; only files that differ are rewritten, which is what keeps a queue's cost per entry
 * low on a large repository. Lanes go when their queue has nothing left to run, and at start-up.
 * Adding and removing them goes through the repository queue; deletions pass the path guard.
 */
export class ScratchWorktrees {
  private readonly root: string;
  private readonly inUse = new Set<string>();

  constructor(
    root: string,
    private readonly inRepoQueue: InRepoQueue,
  ) {
    mkdirSync(root, { recursive: true });
    // Git's worktree list and the guard then agree even when the data folder is behind a symlink.
    this.root = realpathSync(root);
  }

  private queueFolder(projectId: string, targetBranch: string): string {
    return join(this.root, shortId(projectId), queueName(targetBranch));
  }

  /** A free lane of the queue with `commit` checked out and nothing else in it. */
  async acquire(repository: Repository, projectId: string, targetBranch: string, commit: string): Promise<Result<ScratchLease>> {
    const folder = this.queueFolder(projectId, targetBranch);
    // The folder's name is the setup's BRAID_WORKSPACE_NAME: unique on the machine, as a workspace's is (a script may name containers or databases after it).
    const laneName = (lane: number) => `queue-${shortId(projectId)}-${queueName(targetBranch)}-${lane}`;
    let lane = 0;
    while (this.inUse.has(join(folder, laneName(lane)))) lane++;
    const path = join(folder, laneName(lane));
    this.inUse.add(path);
    const lease = { path, release: () => this.inUse.delete(path) };
    const reset = existsSync(join(path, '.git')) ? await this.reset(path, commit) : false;
    if (reset) return ok(lease);
    mkdirSync(folder, { recursive: true });
    const added = await this.inRepoQueue(repository, async () => {
      // A lane that cannot be reset (or a folder left by a host that died) is made again.
      await removeWorktreeFolder(repository.path, this.root, path);
      return runGit(repository.path, ['worktree', 'add', '--quiet', '--detach', '--', path, commit]);
    });
    if (added.code !== 0) {
      lease.release();
      return fail('GIT_FAILED', `Git could not check the candidate out: ${summariseGitError(added.stderr)}`);
    }
    return ok(lease);
  }

  /** Removes the queue's lanes (it has nothing left to run); lanes lent out stay. */
  async clearQueue(repository: Repository, projectId: string, targetBranch: string): Promise<void> {
    await this.clearFolder(repository, this.queueFolder(projectId, targetBranch));
  }

  /** Removes every scratch worktree of the project (the start-up clean-up: no run survives a restart). */
  async clearProject(repository: Repository, projectId: string): Promise<void> {
    const folder = join(this.root, shortId(projectId));
    if (!existsSync(folder)) return;
    await this.inRepoQueue(repository, async () => {
      for (const path of worktreesUnder(folder)) if (!this.inUse.has(path)) await removeWorktreeFolder(repository.path, this.root, path);
      await pruneWorktrees(repository.path);
    });
  }

  /** Whether the queue has lanes on disk. */
  hasLanes(projectId: string, targetBranch: string): boolean {
    return listFolders(this.queueFolder(projectId, targetBranch)).length > 0;
  }

  private async reset(path: string, commit: string): Promise<boolean> {
    const checkout = await runGit(path, ['checkout', '--quiet', '--detach', '--force', commit]);
    if (checkout.code !== 0) return false;
    const clean = await runGit(path, ['clean', '--quiet', '-ffdx']);
    return clean.code === 0;
  }

  private async clearFolder(repository: Repository, folder: string): Promise<void> {
    const free = listFolders(folder).filter((path) => !this.inUse.has(path));
    if (free.length === 0) return;
    await this.inRepoQueue(repository, async () => {
      for (const path of free) await removeWorktreeFolder(repository.path, this.root, path);
    });
  }
}

/** A target branch as a folder name: readable, and distinct for branches that slug alike. */
function queueName(targetBranch: string): string {
  const hash = createHash('sha256').update(targetBranch).digest('hex').slice(0, 8);
  return `${slugify(targetBranch, 'branch')}-${hash}`;
}

function listFolders(folder: string): string[] {
  try {
    return readdirSync(folder).map((name) => join(folder, name));
  } catch {
    return [];
  }
}

/** Worktrees (folders with a `.git`) at most two levels below `folder`. */
function worktreesUnder(folder: string): string[] {
  const found: string[] = [];
  for (const child of listFolders(folder)) {
    if (existsSync(join(child, '.git'))) found.push(child);
    else found.push(...listFolders(child).filter((grandchild) => existsSync(join(grandchild, '.git'))));
  }
  return found;
}
