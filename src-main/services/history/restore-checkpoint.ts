import { fail, ok, type Result } from '../../../src-shared/contract';
import { summariseGitError } from '../git/run-git';
import { commitTree, listCheckpoints, validateCheckpointKey, type Checkpoint } from './checkpoints';
import type { ChangedPath } from './commit-message';
import { withTemporaryIndex } from '../workspaces/temporary-index';
import { snapshotWorkingTree, treeDifferences } from './working-tree-snapshot';
import { requireWorktree, worktreeGit, type WorkspaceHandle } from '../workspaces/workspace-handle';
import { guardWorktreeRemoval, removeWorktreeFiles } from '../workspaces/worktree-file-removal';

export interface RestoredCheckpoint {
  turn: number;
  /** Files written back or removed to match the checkpoint. */
  files: ChangedPath[];
  /**
   * When newer changes were overwritten (force), the state just before the restore is kept
   * as a commit under `refs/braid/restore-backups/<taskId>/<ms>`, so nothing is lost for good.
   */
  backup: string | null;
}

const restoreBackupPrefix = 'refs/braid/restore-backups';
/** checkout-index takes paths as arguments; batches keep the command line short. */
const pathsPerBatch = 200;

/**
 * Puts the worktree's files back as they were at a checkpoint: tracked and then-untracked
 * files are written, files that did not exist then are removed; ignored files, HEAD and the
 * index stay as they are. Refuses with CHECKPOINT_HAS_NEWER_CHANGES (listing the files that
 * differ from the latest checkpoint) when the worktree holds changes no checkpoint has,
 * unless `force`.
 */
export async function restoreCheckpoint(
  handle: WorkspaceHandle,
  taskId: string,
  turn: number,
  options: { force?: boolean } = {},
): Promise<Result<RestoredCheckpoint>> {
  const valid = validateCheckpointKey(taskId, turn);
  if (!valid.ok) return valid;
  const present = requireWorktree(handle);
  if (!present.ok) return present;
  return handle.inRepoQueue(async () => {
    const checkpoints = await listCheckpoints(handle, taskId);
    if (!checkpoints.ok) return checkpoints;
    const target = checkpoints.data.find((checkpoint) => checkpoint.turn === turn);
    if (!target) return fail('NOT_FOUND', `There is no checkpoint for turn ${turn} of this task.`, { turn });
    const latest = checkpoints.data.at(-1) as Checkpoint;

    const current = await snapshotWorkingTree(handle);
    if (!current.ok) return current;
    // A state some checkpoint already holds loses nothing when overwritten (e.g. going back
    // to turn 3 after restoring turn 2); anything else is newer work.
    const saved = checkpoints.data.some((checkpoint) => checkpoint.tree === current.data);
    const newer = saved ? ok([]) : await treeDifferences(handle, latest.tree, current.data);
    if (!newer.ok) return newer;
    if (newer.data.length > 0 && !options.force) {
      const names = newer.data.map((change) => change.path);
      return fail(
        'CHECKPOINT_HAS_NEWER_CHANGES',
        `${names.length === 1 ? '1 file has' : `${names.length} files have`} changed since the last checkpoint (turn ${latest.turn}): ${preview(names)}. Restoring would overwrite them.`,
        { files: names, latestTurn: latest.turn },
      );
    }

    let backup: string | null = null;
    if (newer.data.length > 0) {
      const saved = await saveBackup(handle, taskId, current.data);
      if (!saved.ok) return saved;
      backup = saved.data;
    }
    const changes = await treeDifferences(handle, current.data, target.tree);
    if (!changes.ok) return changes;
    const written = await writeTreeToWorktree(handle, target.tree, changes.data);
    if (!written.ok) return written;
    return ok({ turn, files: changes.data, backup });
  });
}

async function saveBackup(handle: WorkspaceHandle, taskId: string, tree: string): Promise<Result<string>> {
  const commit = await commitTree(handle, tree, `Braid: files before restoring a checkpoint of task ${taskId}`);
  if (!commit.ok) return commit;
  const ref = `${restoreBackupPrefix}/${taskId}/${commit.data.createdAt}`;
  const updated = await worktreeGit(handle, ['update-ref', ref, commit.data.commit]);
  if (updated.code !== 0) return fail('GIT_FAILED', `Could not keep a backup before restoring: ${summariseGitError(updated.stderr)}`);
  return ok(commit.data.commit);
}

/**
 * Makes the listed files match `tree`: removals first (a folder may have to give way to a
 * file), each one through the path guard, then the rest written from a temporary index.
 */
async function writeTreeToWorktree(handle: WorkspaceHandle, tree: string, changes: readonly ChangedPath[]): Promise<Result<void>> {
  const removals: string[] = [];
  for (const change of changes.filter((entry) => entry.kind === 'deleted')) {
    const guarded = guardWorktreeRemoval(handle.path, change.path);
    if (!guarded.ok) return guarded;
    if (guarded.data !== null) removals.push(guarded.data);
  }
  await removeWorktreeFiles(handle.path, removals);
  const writes = changes.filter((entry) => entry.kind !== 'deleted').map((entry) => entry.path);
  if (writes.length === 0) return ok(undefined);
  return withTemporaryIndex(handle, { tree }, async (git) => {
    for (let start = 0; start < writes.length; start += pathsPerBatch) {
      const batch = writes.slice(start, start + pathsPerBatch);
      const checkedOut = await git(['checkout-index', '--force', '--', ...batch]);
      if (checkedOut.code !== 0) return fail('GIT_FAILED', `Could not write the checkpoint's files: ${summariseGitError(checkedOut.stderr)}`);
    }
    return ok(undefined);
  });
}

function preview(names: readonly string[]): string {
  const shown = names.slice(0, 5).join(', ');
  return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown;
}
