import { fail, type Result } from '../../../src-shared/contract';
import { runGit } from '../git/run-git';
import type { WorkspaceContext } from '../workspaces/context';
import { openTaskWorkspace, taskNotFound } from '../workspaces/open-task-workspace';
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
 * `workspace.moved`.
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
    listCheckpoints: (taskId: string): Promise<Result<Checkpoint[]>> => withWorkspace(taskId, (handle) => listCheckpoints(handle, taskId)),
    restoreCheckpoint: (taskId: string, turn: number, options?: { force?: boolean }): Promise<Result<RestoredCheckpoint>> =>
      moving(taskId, (handle) => restoreCheckpoint(handle, taskId, turn, options)),
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
