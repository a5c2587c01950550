import { fail, ok, type Result, type Task } from '../../../src-shared/contract';
import { runGit } from '../git/run-git';
import type { WorkspaceContext } from '../workspaces/context';
import { openTaskWorkspace, taskNotFound } from '../workspaces/open-task-workspace';
import { busyOnWorkspace, workspaceOwnerOf } from '../workspaces/shared-workspace';
import type { WorkspaceHandle } from '../workspaces/workspace-handle';
import { createCheckpoint, deleteCheckpoints, listCheckpoints, type Checkpoint } from './checkpoints';
import { commitWorkspace, type WorkspaceCommitResult } from './commit-workspace';
import { restoreCheckpoint, type RestoredCheckpoint } from './restore-checkpoint';
import { workspaceHistory, type WorkspaceHistory } from './workspace-history';

export type { Checkpoint } from './checkpoints';
export type { ChangedPath, ChangeKind } from './commit-message';
export type { WorkspaceCommitResult } from './commit-workspace';
export type { RestoredCheckpoint } from './restore-checkpoint';
export type { WorkspaceCommit, WorkspaceHistory } from './workspace-history';
export { createCheckpoint, deleteCheckpoints, listCheckpoints, commitWorkspace, restoreCheckpoint, workspaceHistory };

export type HistoryService = ReturnType<typeof createHistoryService>;

/**
 * Workspace history (W4) by task id: the branch's commits, committing, per-turn checkpoints
 * (one after every agent turn, on `agent.turnEnded`). Committing and restoring publish
 * `workspace.moved`. Checkpoints listed or restored from any task on a shared workspace (a
 * review's, a subagent's) are its owner's, and a restore waits until no task works in it.
 */
export function createHistoryService(context: WorkspaceContext, options: { log?: (line: string) => void } = {}) {
  const withWorkspace = async <T>(taskId: string, work: (handle: WorkspaceHandle) => Promise<Result<T>>): Promise<Result<T>> => {
    const opened = openTaskWorkspace(context, taskId, 'worktree');
    return opened.ok ? work(opened.data.handle) : opened;
  };
  const moving = async <T>(taskId: string, work: (handle: WorkspaceHandle) => Promise<Result<T>>): Promise<Result<T>> => {
    const result = await withWorkspace(taskId, work);
    const task = result.ok ? context.store.tasks.get(taskId) : undefined;
    if (task) void context.events.publish('workspace.moved', { workspaceId: task.workspace.id });
    return result;
  };
  /** The task whose checkpoints are meant: the workspace's owner (the owner rule), whichever task on it asked. */
  const checkpointOwner = (askedId: string): Result<Task> => {
    const asked = context.store.tasks.get(askedId);
    if (!asked) return taskNotFound();
    return ok(workspaceOwnerOf(context.store, asked) ?? asked);
  };
  const createCheckpointOf = (taskId: string, turn: number): Promise<Result<Checkpoint>> =>
    withWorkspace(taskId, (handle) => createCheckpoint(handle, taskId, turn));
  context.events.on('agent.turnEnded', async ({ taskId, turn }) => {
    const created = await createCheckpointOf(taskId, turn);
    if (!created.ok && created.error.code !== 'WORKSPACE_NOT_READY') options.log?.(`[history] no checkpoint for ${taskId}: ${created.error.message}`);
  });
  return {
    history: (taskId: string, options?: { limit?: number }): Promise<Result<WorkspaceHistory>> =>
      withWorkspace(taskId, (handle) => workspaceHistory(handle, options)),
    commit: (taskId: string, options?: { message?: string }): Promise<Result<WorkspaceCommitResult>> =>
      moving(taskId, (handle) => commitWorkspace(handle, options)),
    /** Made by itself at the end of each agent turn. */
    createCheckpoint: createCheckpointOf,
    /** The workspace owner's checkpoints, asked from any task on it. */
    async listCheckpoints(askedId: string): Promise<Result<Checkpoint[]>> {
      const owner = checkpointOwner(askedId);
      if (!owner.ok) return owner;
      return withWorkspace(owner.data.id, (handle) => listCheckpoints(handle, owner.data.id));
    },
    /**
     * Puts back the files of one of the workspace owner's checkpoints, asked from any task on
     * it; refused (`BUSY`) while a task on the workspace works in it (the owner, a review, a
     * subagent's task), whose agent would go on over files changed under it.
     */
    async restoreCheckpoint(askedId: string, turn: number, options?: { force?: boolean }): Promise<Result<RestoredCheckpoint>> {
      const owner = checkpointOwner(askedId);
      if (!owner.ok) return owner;
      const busy = busyOnWorkspace(context.store, owner.data);
      if (busy) return fail('BUSY', `“${busy.title}” is working in this workspace; stop it before restoring a checkpoint.`);
      return moving(owner.data.id, (handle) => restoreCheckpoint(handle, owner.data.id, turn, options));
    },
    /** Call before the task's rows are deleted; works when the worktree is already gone. */
    async deleteCheckpoints(taskId: string): Promise<Result<{ deleted: number }>> {
      const task = context.store.tasks.get(taskId);
      const project = task && context.store.projects.get(task.projectId);
      if (!project) return taskNotFound();
      // Any folder of the repository will do: refs are shared by all its worktrees.
      const probe = await runGit(project.path, ['rev-parse', '--git-dir'], { readOnly: true });
      if (probe.code !== 0) return fail('NOT_FOUND', `The repository ${project.path} is not there any more.`);
      return deleteCheckpoints({ path: project.path, inRepoQueue: (operation) => context.inRepoQueue(project, operation) }, taskId);
    },
  };
}
