import type { Task } from '../../../src-shared/contract';
import { reviewKeys } from './review-keys';
import { reviewTask } from './review-navigation';
import { useTaskDiff } from './review-store';

/** The task view's way into DiffLens, with the live count of changed files. */
export function ReviewTaskButton({ task }: { task: Task }) {
  const files = useTaskDiff(task.id)?.diff?.totals.files ?? 0;
  return (
    <button
      type="button"
      className="button"
      onClick={() => reviewTask(task.id)}
      title={`Review this task’s changes in DiffLens (${reviewKeys.toggleReview})`}
      aria-keyshortcuts={reviewKeys.toggleReview}
      aria-description={files > 0 ? `${files} changed file${files === 1 ? '' : 's'}` : 'no changes yet'}
    >
      Review changes{files > 0 ? ` (${files})` : ''}
    </button>
  );
}
