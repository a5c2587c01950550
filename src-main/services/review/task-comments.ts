import { ok, type Result } from '../../../src-shared/contract';
import type { ContractEmit } from '../events';
import type { WorkspaceContext } from '../workspaces/context';
import { worktreeFileReader, type CurrentFileReader } from './comment-anchor';
import { createReviewComments, type NewReviewComment, type ReviewComment } from './review-comments';
import { taskNotFound } from '../workspaces/open-task-workspace';

export type AgentDelivery = 'started' | 'queued' | 'delivered';

export interface TaskCommentsOptions {
  /** Pushes `review.commentsChanged`. */
  emit: ContractEmit;
  /** Starts (or queues) an agent turn in the task with this message. */
  sendToAgent(taskId: string, text: string): Promise<Result<{ delivery: AgentDelivery }>>;
}

export type TaskComments = ReturnType<typeof createTaskComments>;

/**
 * Review comments by task as the UI and the agent see them: every change is pushed as
 * `review.commentsChanged`; open comments go to the agent as one follow-up (back to open if it
 * cannot be delivered); after every agent turn (`agent.turnEnded`) comments on lines the
 * agent has since changed are marked likely addressed.
 */
export function createTaskComments(context: WorkspaceContext, options: TaskCommentsOptions) {
  const { store } = context;
  const comments = createReviewComments({ store, now: context.now });
  const changed = (taskId: string) => {
    const listed = comments.list(taskId);
    if (listed.ok) options.emit('review.commentsChanged', { taskId, comments: listed.data });
  };
  /** Reads the task's worktree unless another reader is given. */
  const detectAddressed = async (taskId: string, reader?: CurrentFileReader): Promise<Result<ReviewComment[]>> => {
    const task = store.tasks.get(taskId);
    if (!task) return taskNotFound();
    return comments.detectAddressed(taskId, reader ?? worktreeFileReader(task.workspace.path));
  };
  context.events.on('agent.turnEnded', async ({ taskId }) => {
    const addressed = await detectAddressed(taskId);
    if (addressed.ok && addressed.data.length > 0) changed(taskId);
  });

  return {
    ...comments,
    /** The task's comments by file and line; `NOT_FOUND` for a task that is gone. */
    list: (taskId: string): Result<ReviewComment[]> => (store.tasks.get(taskId) ? comments.list(taskId) : taskNotFound()),
    add(input: NewReviewComment): Result<ReviewComment> {
      const added = comments.add(input);
      if (added.ok) changed(input.taskId);
      return added;
    },
    edit(id: string, changes: Parameters<typeof comments.edit>[1]): Result<ReviewComment> {
      const edited = comments.edit(id, changes);
      if (edited.ok) changed(edited.data.taskId);
      return edited;
    },
    delete(id: string): Result<{ deleted: true }> {
      const comment = store.reviewComments.get(id);
      const deleted = comments.delete(id);
      if (deleted.ok && comment) changed(comment.taskId);
      return deleted;
    },
    detectAddressed,
    /** Every open comment as one follow-up to the task's agent; reopened if it cannot be delivered. */
    async send(taskId: string): Promise<Result<{ sent: number; delivery: AgentDelivery }>> {
      const followUp = comments.composeFollowUp(taskId);
      if (!followUp.ok) return followUp;
      const sent = await options.sendToAgent(taskId, followUp.data.text);
      if (!sent.ok) comments.reopen(followUp.data.commentIds);
      changed(taskId);
      return sent.ok ? ok({ sent: followUp.data.commentIds.length, delivery: sent.data.delivery }) : sent;
    },
  };
}
