import { fail, ok, type Result } from '../../../src-shared/contract';
import type { Services } from '../../services';
import { fileDiff } from '../../services/diffs';
import type { HandlerTable } from '../dispatch';

type ReviewMethods = Extract<keyof HandlerTable, `review.${string}` | `history.${string}`>;

export function reviewHandlers(services: Services): Pick<HandlerTable, ReviewMethods> {
  const { review, history } = services;
  /** The task's workspace, when it is there to be read. */
  const workspaceOf = (taskId: string): Result<{ id: string; path: string; baseBranch: string; baseCommit: string | null }> => {
    const task = services.tasks.get(taskId);
    if (!task) return fail('NOT_FOUND', 'That task does not exist any more.');
    if (task.workspace.state !== 'ready') return fail('WORKSPACE_NOT_READY', `The task's workspace is ${task.workspace.state}.`);
    return { ok: true, data: task.workspace };
  };
  return {
    'review.overview': ({ projectId }) => review.overview(projectId),
    'review.setVisible': ({ taskId }) => services.live.setVisible(taskId),
    'review.diff': async ({ taskId }) => {
      const workspace = workspaceOf(taskId);
      return workspace.ok ? services.live.diff(workspace.data.id) : workspace;
    },
    'review.fileDiff': async ({ taskId, file }) => {
      const workspace = workspaceOf(taskId);
      return workspace.ok ? fileDiff(workspace.data, file) : workspace;
    },
    'review.acceptHunk': async ({ taskId, path, hunk, message }) => {
      const accepted = await review.acceptHunk(taskId, { path, hunk, ...(message === undefined ? {} : { message }) });
      if (!accepted.ok) return accepted;
      return ok({ path: accepted.data.path, commit: accepted.data.commit, message: 'message' in accepted.data ? accepted.data.message : null });
    },
    'review.revertHunk': ({ taskId, path, hunk }) => review.revertHunk(taskId, { path, hunk }),
    'review.provenance': ({ taskId, path }) => review.fileProvenance(taskId, path),
    'review.comments': ({ taskId }) => (services.tasks.get(taskId) ? review.comments.list(taskId) : fail('NOT_FOUND', 'That task does not exist any more.')),
    'review.addComment': (input) => review.comments.add(input),
    'review.editComment': ({ commentId, text, status }) =>
      review.comments.edit(commentId, { ...(text === undefined ? {} : { text }), ...(status === undefined ? {} : { status }) }),
    'review.deleteComment': ({ commentId }) => review.comments.delete(commentId),
    'review.sendComments': ({ taskId }) => review.sendComments(taskId),
    'history.log': ({ taskId }) => history.history(taskId),
    'history.commit': ({ taskId, message }) => history.commit(taskId, message === undefined ? {} : { message }),
    'history.checkpoints': ({ taskId }) => history.listCheckpoints(taskId),
    'history.restore': ({ taskId, turn, force }) => history.restoreCheckpoint(taskId, turn, { force }),
  };
}
