import { useCallback, useMemo, useRef } from 'react';
import type { Task } from '../../../src-shared/contract';
import { InlineError } from '../../ui/InlineError';
import { useSelectionStore } from '../selection/selection-store';
import { HistoryPanel } from '../history/HistoryPanel';
import { useImplementSummary, useUnplannedMarkers } from '../implement/implement-store';
import { UnplannedChanges } from '../implement/UnplannedChanges';
import { MergeButton } from '../merge/MergeButton';
import { DiffLensFindings } from '../review-role/DiffLensFindings';
import { taskBadge } from '../tasks/task-badge';
import { CommandList } from './CommandList';
import { CommentList } from './CommentList';
import { FileDiffPane, type FileDiffPaneHandle } from './FileDiffPane';
import { FileList } from './FileList';
import { adjacentFile, fileKey } from './file-navigation';
import { reviewKeys, type ReviewKeyAction } from './review-keys';
import { showAgentStep } from './review-navigation';
import { useReviewStore, useSummaries, useTaskDiff } from './review-store';
import type { ReviewComment } from './review-types';
import { useReviewKeys } from './use-review-keys';

const noFiles: never[] = [];

/** One task in DiffLens: its summary and actions, its files, the focused file's diff, comments. */
export function TaskReviewPane({ task }: { task: Task }) {
  const state = useTaskDiff(task.id);
  const files = state?.diff?.files ?? noFiles;
  const focusedKey = state?.focusedKey ?? null;
  const focused = useMemo(() => files.find((file) => fileKey(file) === focusedKey) ?? null, [files, focusedKey]);
  const summary = useSummaries(task.projectId).find((s) => s.taskId === task.id);
  const focusFile = useReviewStore((s) => s.focusFile);
  const selectTask = useSelectionStore((s) => s.selectTask);
  const pane = useRef<FileDiffPaneHandle>(null);
  const badge = taskBadge(task);
  const unplanned = useImplementSummary(task.id).data?.unplanned;
  const unplannedMarkers = useUnplannedMarkers(task.id);

  const onFocusFile = useCallback((key: string) => focusFile(task.id, key), [focusFile, task.id]);
  const onShowStep = useCallback((callId: string) => showAgentStep(task.id, callId), [task.id]);
  const onRevealComment = useCallback(
    (comment: ReviewComment) => {
      const file = files.find((f) => f.path === comment.path);
      if (!file) return;
      focusFile(task.id, fileKey(file));
      // The pane may be showing another file: reveal once it has rendered this one.
      requestAnimationFrame(() => pane.current?.revealLine(comment.side, comment.line));
    },
    [files, focusFile, task.id],
  );

  useReviewKeys((action: ReviewKeyAction) => {
    if (action === 'nextFile' || action === 'previousFile') {
      const next = adjacentFile(files, focusedKey, action === 'nextFile' ? 1 : -1);
      if (next) focusFile(task.id, fileKey(next));
    } else if (action === 'nextHunk' || action === 'previousHunk') {
      pane.current?.moveHunk(action === 'nextHunk' ? 1 : -1);
    } else if (action === 'comment') {
      pane.current?.commentAtCursor();
    }
  });

  const moveFile = (delta: 1 | -1) => {
    const next = adjacentFile(files, focusedKey, delta);
    if (next) focusFile(task.id, fileKey(next));
  };

  return (
    <section className="review-task-pane" aria-label={`Changes of ${task.title}`}>
      <header className="review-task-pane__header">
        <div className="review-task-pane__heading">
          <h2 className="review-task-pane__title">{task.title}</h2>
          <span className={`badge badge--${badge.tone}`}>{badge.label}</span>
          {state?.diff && (
            <span className="review-task-pane__totals">
              {state.diff.totals.files} file{state.diff.totals.files === 1 ? '' : 's'} <span className="count-add">+{state.diff.totals.additions}</span>{' '}
              <span className="count-del">−{state.diff.totals.deletions}</span>
            </span>
          )}
        </div>
        <div className="review-task-pane__actions">
          <button type="button" className="button button--small" onClick={() => selectTask(task.projectId, task.id)}>
            Open conversation
          </button>
          <MergeButton task={task} />
        </div>
      </header>
      {summary && <CommandList commands={summary.commands} onShowStep={onShowStep} />}
      {task.planPin && unplanned && (
        <UnplannedChanges
          changes={unplanned}
          onOpen={(path) => {
            const file = files.find((candidate) => candidate.path === path || candidate.oldPath === path);
            if (file) focusFile(task.id, fileKey(file));
          }}
        />
      )}
      <InlineError message={state?.error ? `Could not read the changes: ${state.error}` : null} />

      <div className="review-task-pane__body">
        <div className="review-files">
          <div className="review-files__nav">
            <button type="button" className="button button--small" onClick={() => moveFile(-1)} disabled={files.length === 0} title={`Previous file (${reviewKeys.previousFile})`} aria-keyshortcuts={reviewKeys.previousFile}>
              Previous file
            </button>
            <button type="button" className="button button--small" onClick={() => moveFile(1)} disabled={files.length === 0} title={`Next file (${reviewKeys.nextFile})`} aria-keyshortcuts={reviewKeys.nextFile}>
              Next file
            </button>
          </div>
          <FileList
            files={files}
            focusedKey={focusedKey}
            onFocusFile={onFocusFile}
            markers={unplannedMarkers}
            empty={
              <p className="muted review-files__empty">
                {state?.loading || !state ? 'Reading the workspace…' : 'No changes in this workspace yet. They appear here as the agent writes files.'}
              </p>
            }
          />
        </div>
        <div className="review-task-pane__diff">
          {focused ? (
            <FileDiffPane ref={pane} taskId={task.id} file={focused} onShowStep={onShowStep} />
          ) : (
            <p className="file-pane__message muted">{files.length > 0 ? 'Pick a file to see its diff.' : 'Nothing to show yet.'}</p>
          )}
        </div>
        <aside className="review-task-pane__side" aria-label="Review notes">
          <DiffLensFindings taskId={task.id} />
          <CommentList taskId={task.id} focusedPath={focused?.path ?? null} onReveal={onRevealComment} />
          <HistoryPanel task={task} />
        </aside>
      </div>
      <p className="review-keys-help muted">
        Keys: {reviewKeys.nextFile}/{reviewKeys.previousFile} next/previous file · {reviewKeys.nextHunk}/{reviewKeys.previousHunk} next/previous hunk · {reviewKeys.comment} comment on the cursor line ·{' '}
        {reviewKeys.toggleReview} leave DiffLens
      </p>
    </section>
  );
}
