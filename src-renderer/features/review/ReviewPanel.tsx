import { useCallback, useEffect, useMemo } from 'react';
import { InlineError } from '../../ui/InlineError';
import { useSelectionStore } from '../selection/selection-store';
import { useTask } from '../tasks/tasks-store';
import { FileList } from './FileList';
import { reviewKeys } from './review-keys';
import { reviewTask } from './review-navigation';
import { useOverview, useTaskDiff } from './review-store';
import { reviewSync } from './review-sync';
import { ReviewTaskList } from './ReviewTaskList';
import './review.css';
import './diff.css';

/**
 * The right-hand column outside DiffLens: the selected task's changed files, live while
 * its agent works, or the project's tasks with changes. Every entry opens DiffLens there.
 */
export function ReviewPanel() {
  const projectId = useSelectionStore((s) => s.selectedProjectId);
  const taskId = useSelectionStore((s) => s.selectedTaskId);
  const openReview = useSelectionStore((s) => s.openReview);
  return (
    <aside className="review-panel" aria-label="Review">
      <header className="review-panel__header">
        <h2 className="section-title">Changes</h2>
        {projectId && (
          <button
            type="button"
            className="button button--small button--primary"
            onClick={() => openReview(projectId)}
            title={`Open DiffLens (${reviewKeys.toggleReview})`}
            aria-keyshortcuts={reviewKeys.toggleReview}
          >
            Review changes
          </button>
        )}
      </header>
      {taskId ? <TaskChanges taskId={taskId} /> : projectId ? <ProjectChanges projectId={projectId} /> : <p className="muted">Add a project to review its tasks’ changes here.</p>}
    </aside>
  );
}

function TaskChanges({ taskId }: { taskId: string }) {
  const task = useTask(taskId);
  const state = useTaskDiff(taskId);
  const files = state?.diff?.files;
  const onFocusFile = useCallback((key: string) => reviewTask(taskId, key), [taskId]);
  if (!task) return null;
  const totals = state?.diff?.totals;
  return (
    <div className="review-panel__task">
      {totals && totals.files > 0 && (
        <p className="review-panel__totals">
          {totals.files} file{totals.files === 1 ? '' : 's'} <span className="count-add">+{totals.additions}</span> <span className="count-del">−{totals.deletions}</span>
        </p>
      )}
      <InlineError message={state?.error && task.workspace.state === 'ready' ? `Could not read the changes: ${state.error}` : null} />
      <FileList
        files={files ?? []}
        focusedKey={null}
        onFocusFile={onFocusFile}
        label={`Files changed by ${task.title}`}
        empty={
          <p className="muted">
            {task.workspace.state !== 'ready'
              ? `The workspace is ${task.workspace.state}.`
              : !files
                ? 'Reading the workspace…'
                : 'No changes yet. Files appear here as the agent writes them.'}
          </p>
        }
      />
    </div>
  );
}

function ProjectChanges({ projectId }: { projectId: string }) {
  const overview = useOverview(projectId);
  useEffect(() => reviewSync()?.watchOverview(projectId), [projectId]);
  const withChanges = useMemo(() => (overview?.summaries ?? []).filter((s) => s.files > 0 || s.error !== null), [overview]);
  return (
    <div className="review-panel__project">
      <InlineError message={overview?.error ? `Could not list the tasks’ changes: ${overview.error}` : null} />
      {withChanges.length > 0 ? (
        <ReviewTaskList summaries={withChanges} selectedTaskId={null} onSelect={(taskId) => reviewTask(taskId)} label="Tasks with changes" />
      ) : (
        <p className="muted">{overview?.loading ? 'Looking for changes…' : 'No task has changed anything yet.'}</p>
      )}
    </div>
  );
}
