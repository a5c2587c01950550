import { useCallback, useEffect, useId } from 'react';
import type { Task } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { useTask, useWorkspaceOwnerId } from '../tasks/tasks-store';
import { CheckpointList } from './CheckpointList';
import { CommitForm } from './CommitForm';
import { loadHistory, useTaskHistory, type WorkspaceHistory } from './history-store';
import { aheadBehindText, mergedLineText, noCommitsText, shortSha } from './history-text';
import './history.css';

/** Waits this long after the last file change before reading the history again. */
const refreshDelayMs = 400;

/**
 * The workspace's history (W4), region `History`: ahead/behind its base, the branch's commits
 * since the base, a commit form, and one checkpoint per agent turn with restore. The
 * checkpoints are the workspace owner's (the host lists and restores those, in a review's or a
 * subagent's task view too).
 */
export function HistoryPanel({ task }: { task: Task }) {
  const api = useBridge();
  const history = useTaskHistory(task.id);
  const headingId = useId();
  const ready = task.workspace.state === 'ready';
  const refresh = useCallback(() => void loadHistory(api, task.id), [api, task.id]);

  // A finished turn of the owner makes a checkpoint, a merge moves the base: read again when they change.
  const owner = useTask(useWorkspaceOwnerId(task.id)) ?? task;
  const { stepCount, status } = owner.agent;
  const mergedCommit = task.workspace.merged?.newCommit;
  useEffect(() => {
    if (ready) refresh();
  }, [ready, refresh, stepCount, status, mergedCommit]);

  // Files changing on disk (the visible task's diff is pushed) may mean new commits too.
  useEffect(() => {
    if (!ready) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = api.on('review.diffChanged', ({ taskId }) => {
      if (taskId !== task.id) return;
      clearTimeout(timer);
      timer = setTimeout(refresh, refreshDelayMs);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [api, ready, refresh, task.id]);

  return (
    <section className="history-panel" aria-labelledby={headingId} aria-busy={history.loading}>
      <div className="history-panel__header">
        <h3 id={headingId} className="section-title">
          History
        </h3>
        {history.log && <p className="history-panel__counts">{aheadBehindText(history.log)}</p>}
      </div>
      {!ready && <p className="muted">The workspace is {task.workspace.state}; its history is not available.</p>}
      {ready && (
        <>
          <InlineError message={history.logError} />
          {history.log?.mergeInProgress && <MergeWaiting log={history.log} merging={history.log.mergeInProgress} />}
          {history.log && <CommitLog log={history.log} merged={task.workspace.merged} />}
          <CommitForm taskId={task.id} onCommitted={refresh} />
          <h4 className="history-panel__subtitle">Checkpoints</h4>
          <InlineError message={history.checkpointsError} />
          {history.checkpoints && <CheckpointList taskId={task.id} checkpoints={history.checkpoints} onRestored={refresh} />}
        </>
      )}
    </section>
  );
}

/** The base merged into the workspace (for the agent to resolve): what is left before Commit completes it. */
function MergeWaiting({ log, merging }: { log: WorkspaceHistory; merging: NonNullable<WorkspaceHistory['mergeInProgress']> }) {
  const { unresolved, conflicted } = merging;
  return (
    <p className="notice history-panel__merging" role="status" aria-label="Merge in progress">
      {unresolved.length > 0 ? (
        <>
          Merging {log.baseBranch} into this workspace: {unresolved.length} of {conflicted.length} conflicted file{conflicted.length === 1 ? '' : 's'} still{' '}
          {unresolved.length === 1 ? 'has' : 'have'} conflict markers ({unresolved.join(', ')}).
        </>
      ) : (
        <>Merging {log.baseBranch} into this workspace: every conflict is resolved. Commit to complete the merge.</>
      )}
    </p>
  );
}

const formatTime = (ms: number) => new Date(ms).toLocaleString();

function CommitLog({ log, merged }: { log: WorkspaceHistory; merged: Task['workspace']['merged'] }) {
  if (log.commits.length === 0) return <p className="muted">{noCommitsText(log, merged, formatTime)}</p>;
  const mergedLine = mergedLineText(log, merged, formatTime);
  return (
    <>
      {mergedLine && <p className="muted">{mergedLine}</p>}
      <ol className="commit-log" aria-label={`Commits since ${log.baseBranch}`}>
        {log.commits.map((commit) => (
          <li key={commit.sha} className="commit-log__item">
            <span className="commit-log__subject" title={commit.subject}>
              {commit.subject}
            </span>
            <span className="commit-log__meta muted">
              <span className="mono" title={commit.sha}>
                {shortSha(commit.sha)}
              </span>{' '}
              · {commit.author} · <time dateTime={new Date(commit.date).toISOString()}>{new Date(commit.date).toLocaleString()}</time>
            </span>
          </li>
        ))}
      </ol>
      {log.truncated && <p className="muted">Older commits are not shown.</p>}
    </>
  );
}
