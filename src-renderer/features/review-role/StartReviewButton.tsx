import type { Task } from '../../../src-shared/contract';
import { ownsItsWorkspace } from '../../../src-shared/workspaces/workspace-owner';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { useHostAction } from '../../ui/use-host-action';
import { useSelectionStore } from '../selection/selection-store';
import { useTasksStore } from '../tasks/tasks-store';
import { useReviewOverview } from './reviews-store';

/**
 * "Start review" on a task whose run ended (an implement task ready for review, or any task
 * that is done): a review task on its workspace, selected once started. When the work has a
 * review already, "Review again" runs its next version instead.
 */
export function StartReviewButton({ task }: { task: Task }) {
  const api = useBridge();
  const { pending, error, run } = useHostAction();
  const { data } = useReviewOverview(task.id);
  const selectTask = useSelectionStore((s) => s.selectTask);
  // Only the workspace's owner starts reviews: a review's or a subagent's task works for another.
  if (task.role === 'plan' || task.role === 'review' || !ownsItsWorkspace(task) || task.workspace.state !== 'ready') return null;
  // Its run ended: an implement task is then "ready for review".
  if (task.agent.status !== 'done') return null;
  const latest = data?.reviewTasks.at(-1);
  const reviewing = data?.reviewTasks.some((review) => review.status === 'running' || review.status === 'queued') ?? false;

  const start = async () => {
    const result = await run(() => api.invoke('reviews.start', { taskId: task.id }));
    if (result?.ok) {
      useTasksStore.getState().insertIfAbsent(result.data);
      selectTask(result.data.projectId, result.data.id);
    }
  };
  const again = async (reviewTaskId: string) => {
    const result = await run(() => api.invoke('reviews.reviewAgain', { reviewTaskId }));
    if (result?.ok) selectTask(task.projectId, reviewTaskId);
  };
  return (
    <>
      {latest ? (
        <button type="button" className="button" onClick={() => void again(latest.id)} disabled={pending || reviewing} aria-busy={pending} title={`Run “${latest.title}” again on the current changes`}>
          Review again
        </button>
      ) : (
        <button type="button" className="button" onClick={() => void start()} disabled={pending} aria-busy={pending} title="A review task reads this workspace, runs its tests and reports findings; it never edits">
          Start review
        </button>
      )}
      <InlineError message={error} />
    </>
  );
}
