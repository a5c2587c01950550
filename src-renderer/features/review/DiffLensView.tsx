import { useEffect, useMemo } from 'react';
import type { Project } from '../../../src-shared/contract';
import { InlineError } from '../../ui/InlineError';
import { useSelectionStore } from '../selection/selection-store';
import { RadarSummary } from '../radar/RadarSummary';
import { useTask } from '../tasks/tasks-store';
import { reviewKeys } from './review-keys';
import { useOverview } from './review-store';
import { reviewSync } from './review-sync';
import { ReviewTaskList } from './ReviewTaskList';
import { TaskReviewPane } from './TaskReviewPane';
import './review.css';
import './diff.css';
import './review-comments.css';

/**
 * DiffLens: review first, across the project's tasks. The tasks with changes on the left;
 * the selected one's files, diff, hunks and comments on the right.
 */
export function DiffLensView({ project }: { project: Project }) {
  const selectedTaskId = useSelectionStore((s) => s.selectedTaskId);
  const openReview = useSelectionStore((s) => s.openReview);
  const closeReview = useSelectionStore((s) => s.closeReview);
  const overview = useOverview(project.id);
  const task = useTask(selectedTaskId);

  useEffect(() => reviewSync()?.watchOverview(project.id), [project.id]);

  const withChanges = useMemo(
    () => (overview?.summaries ?? []).filter((s) => s.files > 0 || s.error !== null || s.openComments > 0 || s.taskId === selectedTaskId),
    [overview, selectedTaskId],
  );
  const unchanged = (overview?.summaries.length ?? 0) - withChanges.length;

  // Opened without a task (or with one that has nothing to review): start on the first with changes.
  useEffect(() => {
    if (selectedTaskId === null && withChanges[0]) openReview(project.id, withChanges[0].taskId);
  }, [selectedTaskId, withChanges, openReview, project.id]);

  return (
    <main className="main main--review" aria-label={`Review ${project.name}`}>
      <header className="review-header">
        <div className="main__heading">
          <p className="main__eyebrow">{project.name}</p>
          <h1 className="main__title">Review changes</h1>
        </div>
        <div className="main__header-actions">
          <button type="button" className="button" onClick={closeReview} title={`Back to the conversation (${reviewKeys.toggleReview})`} aria-keyshortcuts={reviewKeys.toggleReview}>
            Close review
          </button>
        </div>
      </header>
      <div className="review-layout">
        <div className="review-top">
          <nav className="review-nav" aria-label="Tasks to review">
            <InlineError message={overview?.error ? `Could not list the tasks’ changes: ${overview.error}` : null} />
            {withChanges.length > 0 ? (
              <ReviewTaskList summaries={withChanges} selectedTaskId={selectedTaskId} onSelect={(taskId) => openReview(project.id, taskId)} />
            ) : (
              <p className="muted review-nav__empty">
                {overview === undefined || (overview.loading && overview.summaries.length === 0)
                  ? 'Looking for changes…'
                  : 'No task has changed anything yet. Start a task (Alt+N) and its changes show up here as the agent writes them.'}
              </p>
            )}
            {unchanged > 0 && <p className="muted review-nav__unchanged">{unchanged} more without changes</p>}
          </nav>
          <div className="review-radar">
            <RadarSummary projectId={project.id} />
          </div>
        </div>
        {task && task.projectId === project.id ? (
          <TaskReviewPane key={task.id} task={task} />
        ) : (
          <section className="review-task-pane review-task-pane--empty" aria-label="No task selected">
            <p className="muted">Pick a task above to review what its agent changed.</p>
          </section>
        )}
      </div>
    </main>
  );
}
