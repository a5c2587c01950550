import { fail, ok, type Result } from '../../../src-shared/contract';
import { runGit, summariseGitError } from '../git/run-git';
import { snapshotWorkingTree } from './working-tree-snapshot';
import { requireWorktree, worktreeGit, type WorkspaceHandle } from '../workspaces/workspace-handle';

export interface Checkpoint {
  turn: number;
  /** The checkpoint commit: the worktree's files as a tree, HEAD of that moment as parent. */
  commit: string;
  tree: string;
  /** HEAD when the checkpoint was taken. */
  head: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

/**
 * Checkpoints are private refs, one per agent turn: `refs/braid/checkpoints/<taskId>/<turn>`.
 * Refs are shared by every worktree of a repository and keep their commits safe from gc.
 */
export const checkpointRefPrefix = 'refs/braid/checkpoints';
export const checkpointRef = (taskId: string, turn: number) => `${checkpointRefPrefix}/${taskId}/${turn}`;

/**
 * Commits are made by Braid, not the user: a fixed identity means a checkpoint never fails
 * because the user has no git identity configured, and says plainly who made it.
 */
export const braidIdentity = {
  GIT_AUTHOR_NAME: 'Braid',
  GIT_AUTHOR_EMAIL: 'checkpoints@braid.invalid',
  GIT_COMMITTER_NAME: 'Braid',
  GIT_COMMITTER_EMAIL: 'checkpoints@braid.invalid',
};

export function validateCheckpointKey(taskId: string, turn: number): Result<void> {
  if (!/^[A-Za-z0-9_-]+$/.test(taskId)) return fail('INVALID_INPUT', `"${taskId}" is not a task id.`);
  if (!Number.isSafeInteger(turn) || turn < 0) return fail('INVALID_INPUT', `The turn must be a whole number ≥ 0, not ${turn}.`);
  return ok(undefined);
}

/**
 * Stores the worktree's files as they are now (tracked and untracked, not ignored) under
 * the turn's private ref, replacing an earlier checkpoint of the same turn. The worktree's
 * index, HEAD and files are not touched.
 */
export async function createCheckpoint(handle: WorkspaceHandle, taskId: string, turn: number): Promise<Result<Checkpoint>> {
  const valid = validateCheckpointKey(taskId, turn);
  if (!valid.ok) return valid;
  const present = requireWorktree(handle);
  if (!present.ok) return present;
  return handle.inRepoQueue(async () => {
    const tree = await snapshotWorkingTree(handle);
    if (!tree.ok) return tree;
    const commit = await commitTree(handle, tree.data, `Braid checkpoint: task ${taskId}, turn ${turn}`);
    if (!commit.ok) return commit;
    const ref = checkpointRef(taskId, turn);
    const updated = await worktreeGit(handle, ['update-ref', '-m', `braid: checkpoint turn ${turn}`, ref, commit.data.commit]);
    if (updated.code !== 0) return fail('GIT_FAILED', `Could not save the checkpoint: ${summariseGitError(updated.stderr)}`);
    return ok({ turn, commit: commit.data.commit, tree: tree.data, head: commit.data.head, createdAt: commit.data.createdAt });
  });
}

/** A commit of `tree` on top of the worktree's HEAD, made by Braid; no ref points at it yet. */
export async function commitTree(
  handle: WorkspaceHandle,
  tree: string,
  message: string,
): Promise<Result<{ commit: string; head: string; createdAt: number }>> {
  const head = await worktreeGit(handle, ['rev-parse', '--verify', 'HEAD^{commit}'], { readOnly: true });
  if (head.code !== 0) return fail('GIT_FAILED', `Could not read the workspace's HEAD: ${summariseGitError(head.stderr)}`);
  const createdAt = Date.now();
  const seconds = `@${Math.floor(createdAt / 1000)} +0000`;
  const commit = await worktreeGit(handle, ['commit-tree', tree, '-p', head.stdout.trim(), '-m', message], {
    env: { ...braidIdentity, GIT_AUTHOR_DATE: seconds, GIT_COMMITTER_DATE: seconds },
  });
  if (commit.code !== 0) return fail('GIT_FAILED', `Could not record the worktree's state: ${summariseGitError(commit.stderr)}`);
  return ok({ commit: commit.stdout.trim(), head: head.stdout.trim(), createdAt });
}

/** The task's checkpoints, oldest turn first. */
export async function listCheckpoints(handle: WorkspaceHandle, taskId: string): Promise<Result<Checkpoint[]>> {
  const valid = validateCheckpointKey(taskId, 0);
  if (!valid.ok) return valid;
  const format = '%(refname)%00%(objectname)%00%(tree)%00%(parent)%00%(committerdate:unix)';
  const refs = await worktreeGit(handle, ['for-each-ref', `--format=${format}`, `${checkpointRefPrefix}/${taskId}/`], { readOnly: true });
  if (refs.code !== 0) return fail('GIT_FAILED', `Could not list the checkpoints: ${summariseGitError(refs.stderr)}`);
  const checkpoints: Checkpoint[] = [];
  for (const line of refs.stdout.split('\n')) {
    const [ref = '', commit = '', tree = '', parents = '', seconds = '0'] = line.split('\0');
    const turn = Number(ref.slice(`${checkpointRefPrefix}/${taskId}/`.length));
    if (!ref || !Number.isSafeInteger(turn)) continue;
    checkpoints.push({ turn, commit, tree, head: parents.split(' ')[0] ?? '', createdAt: Number(seconds) * 1000 });
  }
  return ok(checkpoints.sort((a, b) => a.turn - b.turn));
}

/**
 * Forgets every checkpoint of a task (call it when the task is deleted). Takes any folder of
 * the repository, since the worktree may already be gone; returns how many there were.
 */
export async function deleteCheckpoints(
  repository: Pick<WorkspaceHandle, 'path' | 'inRepoQueue'>,
  taskId: string,
): Promise<Result<{ deleted: number }>> {
  const valid = validateCheckpointKey(taskId, 0);
  if (!valid.ok) return valid;
  return repository.inRepoQueue(async () => {
    const refs = await runGit(repository.path, ['for-each-ref', '--format=%(refname)', `${checkpointRefPrefix}/${taskId}/`], { readOnly: true });
    if (refs.code !== 0) return fail('GIT_FAILED', `Could not list the checkpoints: ${summariseGitError(refs.stderr)}`);
    const names = refs.stdout.split('\n').filter(Boolean);
    for (const name of names) {
      const removed = await runGit(repository.path, ['update-ref', '-d', name]);
      if (removed.code !== 0) return fail('GIT_FAILED', `Could not delete a checkpoint: ${summariseGitError(removed.stderr)}`);
    }
    return ok({ deleted: names.length });
  });
}
