import { ok } from '../../../src-shared/contract';
import type { Services } from '../../services';
import type { HandlerTable } from '../dispatch';

type ReviewMethods = Extract<keyof HandlerTable, `review.${string}` | `history.${string}`>;

export function reviewHandlers(services: Services): Pick<HandlerTable, ReviewMethods> {
  const { review, history } = services;
  return {
    'review.overview': ({ projectId }) => review.overview(projectId),
    'review.setVisible': ({ taskId }) => services.live.setVisible(taskId),
    'review.diff': ({ taskId }) => review.diff(taskId),
    'review.fileDiff': ({ taskId, file }) => review.fileDiff(taskId, file),
    'review.acceptHunk': async ({ taskId, message, ...target }) => {
      const accepted = await review.acceptHunk(taskId, { ...target, ...(message === undefined ? {} : { message }) });
      if (!accepted.ok) return accepted;
      return ok({ path: accepted.data.path, commit: accepted.data.commit, message: 'message' in accepted.data ? accepted.data.message : null });
    },
    'review.revertHunk': ({ taskId, ...target }) => review.revertHunk(taskId, target),
    'review.provenance': ({ taskId, path, oldPath }) => review.fileProvenance(taskId, path, oldPath === undefined ? {} : { oldPath }),
    'review.comments': ({ taskId }) => review.comments.list(taskId),
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
