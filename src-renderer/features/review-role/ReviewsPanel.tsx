import type { Task } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { useHostAction } from '../../ui/use-host-action';
import { useSelectionStore } from '../selection/selection-store';
import { useTask } from '../tasks/tasks-store';
import { FindingsList } from './FindingsList';
import { ReviewVersions } from './ReviewVersions';
import { gateLine } from './review-text';
import { useReviewOverview } from './reviews-store';
import './review-role.css';

/**
 * In a reviewed task and in its review tasks: the review gate's word on the work, every review
 * version, the findings (filtered by priority; send, dismiss), and "Review again" on a review task.
 */
export function ReviewsPanel({ task }: { task: Task }) {
  const { data, error } = useReviewOverview(task.id);
  const reviewed = useTask(task.reviewedTaskId);
  const selectTask = useSelectionStore((s) => s.selectTask);
  const isReview = task.reviewedTaskId !== null;
  if (!isReview && (!data || data.reviewTasks.length === 0)) return null;
  return (
    <section className="reviews-panel" aria-label="Reviews">
      <header className="reviews-panel__header">
        <h2 className="plan-panel__title">Reviews</h2>
        {isReview &&
          (reviewed ? (
            <button type="button" className="link-button" onClick={() => selectTask(reviewed.projectId, reviewed.id)}>
              {`of “${reviewed.title}”`}
            </button>
          ) : (
            <span className="muted">of a task that was deleted</span>
          ))}
        {isReview && <ReviewAgainButton task={task} />}
      </header>
      <InlineError message={error} />
      {data && (
        <div className="reviews-panel__body">
          <p role="status" className={`review-gate review-gate--${data.gate.verdict}`} aria-label="Review gate">
            {gateLine(data.gate)}
          </p>
          <ReviewVersions overview={data} />
          {data.reports.length === 0 && <p className="muted">No review submitted yet.</p>}
          {data.findings.length > 0 && <FindingsList reviewedTaskId={data.reviewedTaskId} findings={data.findings} />}
        </div>
      )}
    </section>
  );
}

function ReviewAgainButton({ task }: { task: Task }) {
  const api = useBridge();
  const { pending, error, run } = useHostAction();
  const busy = task.agent.status === 'running' || task.agent.status === 'queued' || task.agent.status === 'needs_approval' || task.agent.status === 'needs_input';
  return (
    <>
      <button
        type="button"
        className="button button--small"
        onClick={() => void run(() => api.invoke('reviews.reviewAgain', { reviewTaskId: task.id }))}
        disabled={pending || busy}
        aria-busy={pending}
        title="The next review version, with the current changes and the earlier findings"
      >
        Review again
      </button>
      <InlineError message={error} />
    </>
  );
}
