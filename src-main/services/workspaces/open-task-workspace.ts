import { fail, ok, type Result, type Task } from '../../../src-shared/contract';
import type { WorkspaceContext } from './context';
import type { WorkspaceHandle } from './workspace-handle';

/** The one answer for a task id that is not (or no longer) in the store. */
export const taskNotFound = () => fail('NOT_FOUND', 'That task does not exist any more.');

/**
 * What an operation needs of a task's workspace:
 * - `worktree`: the worktree itself (review, history): the workspace must be `ready`;
 * - `branch`: the workspace's branch (merging back): a `missing` folder is fine, the branch
 *   still has the work; being made, deleted or failed is not.
 */
export type WorkspaceReadiness = 'worktree' | 'branch';

export interface TaskWorkspace {
  task: Task;
  /** The repository, as the repository queue and the merge take it. */
  project: { id: string; path: string };
  workspace: Task['workspace'];
  handle: WorkspaceHandle;
}

const usable: Record<WorkspaceReadiness, (state: Task['workspace']['state']) => boolean> = {
  worktree: (state) => state === 'ready',
  branch: (state) => state === 'ready' || state === 'missing',
};

/**
 * A task's workspace by task id, refused with `NOT_FOUND` when the task or its project is
 * gone and `WORKSPACE_NOT_READY` when the workspace is not in a state the operation can use.
 * The project row is read once here; the handle's queue uses its path.
 */
export function openTaskWorkspace(context: WorkspaceContext, taskId: string, readiness: WorkspaceReadiness): Result<TaskWorkspace> {
  const task = context.store.tasks.get(taskId);
  if (!task) return taskNotFound();
  const row = context.store.projects.get(task.projectId);
  if (!row) return fail('NOT_FOUND', 'The task’s project is not open in Braid.');
  const { workspace } = task;
  if (!usable[readiness](workspace.state)) {
    const reason = workspace.stateReason ? `: ${workspace.stateReason.replace(/\.$/, '')}` : '';
    return fail('WORKSPACE_NOT_READY', `The workspace is ${workspace.state}${reason}.`);
  }
  const project = { id: row.id, path: row.path };
  return ok({
    task,
    project,
    workspace,
    handle: {
      path: workspace.path,
      branch: workspace.branch,
      baseBranch: workspace.baseBranch,
      baseCommit: workspace.baseCommit,
      inRepoQueue: (operation) => context.inRepoQueue(project, operation),
    },
  });
}

/** Just the folder of a task's ready worktree, for services that only need where it is (an editor, a terminal). */
export function worktreePathOf(context: WorkspaceContext, taskId: string): Result<string> {
  const workspace = openTaskWorkspace(context, taskId, 'worktree');
  return workspace.ok ? ok(workspace.data.handle.path) : workspace;
}
