import { fail, type Result } from '../../../src-shared/contract';
import type { Services } from '../../services';
import { fileDiff, workspaceDiff } from '../../services/diffs';
import type { HandlerTable } from '../dispatch';

type ReviewMethods = Extract<keyof HandlerTable, `review.${string}` | `history.${string}`>;

export function reviewHandlers(services: Services): Pick<HandlerTable, ReviewMethods> {
  /** The task's workspace, when it is there to be read. */
  const workspaceOf = (taskId: string): Result<{ path: string; baseBranch: string; baseCommit: string | null }> => {
    const task = services.tasks.get(taskId);
    if (!task) return fail('NOT_FOUND', 'That task does not exist any more.');
    if (task.workspace.state !== 'ready') return fail('WORKSPACE_NOT_READY', `The task's workspace is ${task.workspace.state}.`);
    return { ok: true, data: task.workspace };
  };
  return {
    'review.diff': async ({ taskId }) => {
      const workspace = workspaceOf(taskId);
      return workspace.ok ? workspaceDiff(workspace.data) : workspace;
    },
    'review.fileDiff': async ({ taskId, file }) => {
      const workspace = workspaceOf(taskId);
      return workspace.ok ? fileDiff(workspace.data, file) : workspace;
    },
    'history.log': ({ taskId }) => services.history.history(taskId),
    'history.checkpoints': ({ taskId }) => services.history.listCheckpoints(taskId),
    'history.restore': ({ taskId, turn, force }) => services.history.restoreCheckpoint(taskId, turn, { force }),
  };
}
